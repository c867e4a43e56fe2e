package dev.mnemo.sql.schema;

import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.table.References;
import dev.mnemo.engine.table.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * A constraint on a table's columns as metadata names it: the primary key, each unique index (what {@code UNIQUE}
 * in {@code CREATE TABLE} makes, and {@code CREATE UNIQUE INDEX} too: Mnemo keeps both as a unique index), and each
 * foreign key. {@code index} is the index that enforces it, or for a foreign key the index on its columns that finds
 * a parent's children, as {@code getIndexInfo} names it; {@code reference} is what a foreign key references (null
 * for the others). JDBC's {@code getPrimaryKeys}, {@code getImportedKeys} and {@code getExportedKeys} and
 * INFORMATION_SCHEMA's constraint tables all describe constraints from here.
 */
public record KeyConstraint(String name, String table, Type type, List<String> columns, String index,
                            Reference reference) {
    /** The kinds of constraint, by the standard's CONSTRAINT_TYPE. */
    public enum Type {
        PRIMARY_KEY("PRIMARY KEY"), UNIQUE("UNIQUE"), FOREIGN_KEY("FOREIGN KEY");

        /** The name INFORMATION_SCHEMA gives the kind. */
        public final String sqlName;

        Type(String sqlName) {
            this.sqlName = sqlName;
        }
    }

    /**
     * What a foreign key references: the parent table, its columns (in the order of the foreign key's), the name of
     * the key they are (the primary key's or a unique index's: UNIQUE_CONSTRAINT_NAME, JDBC's PK_NAME), and the
     * rules. A NULL in any column references nothing: MATCH SIMPLE.
     */
    public record Reference(String table, List<String> columns, String key, ForeignKeyAction onUpdate,
                            ForeignKeyAction onDelete) {
        /** REFERENTIAL_CONSTRAINTS' MATCH_OPTION of MATCH SIMPLE, as PostgreSQL (and the standard) shows it. */
        public static final String MATCH_SIMPLE = "NONE";
    }

    /**
     * KEY_COLUMN_USAGE's POSITION_IN_UNIQUE_CONSTRAINT of the column at {@code position} (from 1): where a foreign
     * key's column stands in the key it references; null for a primary key or unique constraint. A foreign key
     * references a key's columns in the key's own order (the engine finds the parent row through that key), so each
     * column stands where the column it references does.
     */
    public Integer positionInUniqueConstraint(int position) {
        return reference == null ? null : position;
    }

    /** The name of a table's primary key, and of the index it is (PK_NAME, INDEX_NAME). */
    public static String primaryKeyName(TableSchema s) {
        return s.name() + "_PK";
    }

    /**
     * A table's constraints: its primary key first (none for a table keyed by its hidden row id), then its unique
     * indexes in the order they were made, then its foreign keys in the order they were made (each naming its parent
     * as {@code db} calls it now).
     */
    public static List<KeyConstraint> of(Mnemo db, TableSchema s) {
        List<KeyConstraint> out = new ArrayList<>();
        String pk = primaryKeyName(s);
        if (!RowIds.isKeyless(s)) {
            out.add(new KeyConstraint(pk, s.name(), Type.PRIMARY_KEY, s.primaryKeyNames(), pk, null));
        }
        for (IndexDef ix : s.indexes()) {
            if (ix.isUnique()) {
                out.add(new KeyConstraint(ix.name(), s.name(), Type.UNIQUE, ix.columns(), ix.name(), null));
            }
        }
        out.addAll(foreignKeys(db, s));
        return out;
    }

    /**
     * A table's foreign keys, in the order they were made, from the schema {@code s} as the caller read it: a table
     * dropped since is still described, each parent as it is now (by its table id, so a rename shows); a foreign key
     * whose parent is gone since (both tables dropped) is left out.
     */
    public static List<KeyConstraint> foreignKeys(Mnemo db, TableSchema s) {
        List<KeyConstraint> out = new ArrayList<>();
        for (ForeignKeyDef fk : s.foreignKeys()) {
            Table parent = db.engine().catalog().byId(fk.parentTableId());
            if (parent == null) {
                continue;
            }
            TableSchema ps = parent.schema();
            List<String> referenced = new ArrayList<>();
            for (int p : References.parentPositions(ps, fk)) {
                referenced.add(ps.column(p).name());
            }
            Reference ref = new Reference(ps.name(), List.copyOf(referenced), keyName(ps, referenced), fk.onUpdate(),
                    fk.onDelete());
            out.add(new KeyConstraint(fk.name(), s.name(), Type.FOREIGN_KEY, fk.columns(), indexOn(s, fk.columns()),
                    ref));
        }
        return out;
    }

    /** The name of the key on exactly these columns of {@code parent}: its primary key's, or a unique index's. */
    private static String keyName(TableSchema parent, List<String> columns) {
        if (parent.primaryKeyNames().equals(columns)) {
            return primaryKeyName(parent);
        }
        for (IndexDef ix : parent.indexes()) {
            if (ix.isUnique() && ix.columns().equals(columns)) {
                return ix.name();
            }
        }
        throw new IllegalStateException("columns " + columns + " of table " + parent.name() + " are no key");
    }

    /** The index on exactly these columns, which every foreign key's columns have (the engine makes one if need be). */
    private static String indexOn(TableSchema s, List<String> columns) {
        for (IndexDef ix : s.indexes()) {
            if (ix.columns().equals(columns)) {
                return ix.name();
            }
        }
        throw new IllegalStateException("no index of table " + s.name() + " covers the columns " + columns);
    }
}

package dev.mnemo.sql.schema;

import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.TableSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * A constraint on a table's columns as metadata names it: the primary key, and each unique index (what {@code UNIQUE}
 * in {@code CREATE TABLE} makes, and {@code CREATE UNIQUE INDEX} too: Mnemo keeps both as a unique index).
 * {@code index} is the index that enforces it, as {@code getIndexInfo} names it.
 */
public record KeyConstraint(String name, String table, Type type, List<String> columns, String index) {
    /** The kinds of constraint, by the standard's CONSTRAINT_TYPE. */
    public enum Type {
        PRIMARY_KEY("PRIMARY KEY"), UNIQUE("UNIQUE");

        /** The name INFORMATION_SCHEMA gives the kind. */
        public final String sqlName;

        Type(String sqlName) {
            this.sqlName = sqlName;
        }
    }

    /**
     * KEY_COLUMN_USAGE's POSITION_IN_UNIQUE_CONSTRAINT of the column at {@code position} (from 1): where a foreign
     * key's column stands in the key it references; null for a primary key or unique constraint.
     */
    public Integer positionInUniqueConstraint(int position) {
        return null;
    }

    /** The name of a table's primary key, and of the index it is (PK_NAME, INDEX_NAME). */
    public static String primaryKeyName(TableSchema s) {
        return s.name() + "_PK";
    }

    /** A table's constraints: its primary key first, then its unique indexes in the order they were made. */
    public static List<KeyConstraint> of(TableSchema s) {
        List<KeyConstraint> out = new ArrayList<>();
        String pk = primaryKeyName(s);
        out.add(new KeyConstraint(pk, s.name(), Type.PRIMARY_KEY, s.primaryKeyNames(), pk));
        for (IndexDef ix : s.indexes()) {
            if (ix.isUnique()) {
                out.add(new KeyConstraint(ix.name(), s.name(), Type.UNIQUE, ix.columns(), ix.name()));
            }
        }
        return out;
    }
}

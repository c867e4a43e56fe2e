package dev.mnemo.sql.exec;

import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.check.CheckDef;
import dev.mnemo.sql.check.Checks;
import dev.mnemo.sql.parser.SqlCheckConstraint;
import dev.mnemo.sql.parser.SqlColumnDeclaration;
import dev.mnemo.sql.parser.SqlCreateTable;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The DDL of check constraints: those {@code CREATE TABLE} declares (made in the table's own step of the log), {@code
 * ALTER TABLE ... ADD [CONSTRAINT n] CHECK}, and what renaming, dropping or retyping a column does to them. A check
 * without a name is named as PostgreSQL names it: {@code <TABLE>_<COLUMN>_CHECK} when it names one column,
 * {@code <TABLE>_CHECK} otherwise, with a number after it when the table has a constraint of that name.
 */
final class CheckDdl {
    private CheckDdl() {
    }

    /** The checks of {@code CREATE TABLE}, its columns' then its own, named and compiled against {@code def}. */
    static List<CheckDef> declared(SqlDatabase database, SqlCreateTable c, TableDef def) {
        List<SqlCheckConstraint> declared = new ArrayList<>();
        for (SqlNode e : c.elements) {
            if (e instanceof SqlColumnDeclaration col) {
                declared.addAll(col.checks);
            } else if (e instanceof SqlCheckConstraint check) {
                declared.add(check);
            }
        }
        if (declared.isEmpty()) {
            return List.of();
        }
        TableSchema schema = TableSchema.create(0, def);
        List<CheckDef> out = new ArrayList<>();
        for (SqlCheckConstraint check : declared) {
            CheckDef d = define(schema, check, out);
            CheckCompiler.validate(schema, d.name(), check.condition);
            database.checks().compile(schema, List.of(d));
            out.add(d);
        }
        return out;
    }

    /**
     * Creates a table with its checks: their row is written in the creation's own step of the log, so no write to
     * the table is ever ordered before its checks, then given the new table's id.
     */
    static void create(SqlDatabase database, TableDef def, boolean ifNotExists, Consumer<Transaction> guard,
                       List<CheckDef> checks) {
        Mnemo db = database.db();
        if (checks.isEmpty()) {
            db.createTable(def, ifNotExists, guard);
            return;
        }
        String table = def.name().toUpperCase(Locale.ROOT);
        db.createTableWithWrites(def.checks(Checks.mark(checks)), ifNotExists,
                guard.andThen(database.checks().created(table, checks)));
        database.checks().bind(table);
    }

    /**
     * {@code ALTER TABLE t ADD [CONSTRAINT n] CHECK (condition)}, or a column's checks: all of them or none, after
     * every row there is checked (see {@link Checks#add}). A name the table's constraints have fails with 42710.
     */
    static void add(Checks checks, Mnemo db, String table, List<SqlCheckConstraint> declared) {
        TableSchema schema = db.schema(table);
        List<CheckDef> proposed = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        // Named against the checks there now, as they will most likely be named when added, for errors to name them.
        List<CheckDef> known = new ArrayList<>(checks.find(schema));
        for (SqlCheckConstraint check : declared) {
            CheckDef d = define(schema, check, known);
            proposed.add(d);
            known.add(d);
            bases.add(base(schema, check));
        }
        for (int i = 0; i < declared.size(); i++) { // after the texts and names: validation may rewrite the nodes
            CheckCompiler.validate(schema, proposed.get(i).name(), declared.get(i).condition);
        }
        checks.add(schema.name(), existing -> {
            List<CheckDef> all = new ArrayList<>(existing);
            for (int i = 0; i < declared.size(); i++) {
                String name = proposed.get(i).name();
                if (declared.get(i).name == null) {
                    name = unused(bases.get(i), schema, all);
                } else if (taken(schema, all).contains(name)) {
                    throw new SqlError("42710", "table " + schema.name() + " already has a constraint named " + name);
                }
                all.add(new CheckDef(name, proposed.get(i).clause()));
            }
            return all.subList(existing.size(), all.size());
        });
    }

    /** A declared check's definition: its name (given, or made up against those in {@code earlier}) and text. */
    private static CheckDef define(TableSchema schema, SqlCheckConstraint check, List<CheckDef> earlier) {
        String name;
        if (check.name != null) {
            name = check.name.getSimple();
            if (taken(schema, earlier).contains(name)) {
                throw new SqlError("42710", "table " + schema.name() + " already has a constraint named " + name);
            }
        } else {
            name = unused(base(schema, check), schema, earlier);
        }
        return new CheckDef(name, CheckCompiler.canonical(check.condition, schema.name(), name));
    }

    /** The name of an unnamed check before any number: {@code <TABLE>_<COLUMN>_CHECK} or {@code <TABLE>_CHECK}. */
    private static String base(TableSchema schema, SqlCheckConstraint check) {
        List<String> named = new ArrayList<>();
        for (String c : CheckCompiler.columns(check.condition)) {
            if (schema.hasColumn(c) && !named.contains(c)) {
                named.add(c);
            }
        }
        return schema.name() + (named.size() == 1 ? "_" + named.get(0) : "") + "_CHECK";
    }

    /** {@code base}, or the first of {@code base1}, {@code base2}, ... that no constraint of the table has. */
    private static String unused(String base, TableSchema schema, List<CheckDef> checks) {
        Set<String> taken = taken(schema, checks);
        String name = base;
        for (int i = 1; taken.contains(name); i++) {
            name = base + i;
        }
        return name;
    }

    /** The names of a table's constraints: its checks, foreign keys and unique indexes (DROP CONSTRAINT's names). */
    private static Set<String> taken(TableSchema schema, List<CheckDef> checks) {
        Set<String> out = new HashSet<>();
        checks.forEach(c -> out.add(c.name()));
        for (ForeignKeyDef fk : schema.foreignKeys()) {
            out.add(fk.name());
        }
        for (IndexDef ix : schema.indexes()) {
            if (ix.isUnique()) {
                out.add(ix.name());
            }
        }
        return out;
    }

    /** The checks of a column added by {@code ALTER TABLE ... ADD}; if they fail, the column goes again. */
    static void addColumnChecks(Checks checks, Mnemo db, String table, SqlColumnDeclaration added) {
        if (added.checks.isEmpty()) {
            return;
        }
        try {
            add(checks, db, table, added.checks);
        } catch (RuntimeException e) {
            db.dropColumn(table, added.name.getSimple()); // the statement changes nothing if it fails
            throw e;
        }
    }

    /**
     * Drops a column that no check names; one that a check names is refused (2BP01, naming the check), as a column a
     * foreign key of another table references is. Read in the drop's own step, so a check added meanwhile is seen.
     */
    static void dropColumn(Checks checks, Mnemo db, String table, String column) {
        TableSchema schema = db.schema(table);
        String name = schema.column(schema.position(column)).name();
        db.dropColumn(table, name, checks.changed(schema, defs -> {
            for (CheckDef d : defs) {
                if (CheckCompiler.columns(d.clause()).contains(name)) {
                    throw new SqlError("2BP01", "cannot drop column " + name + " of table " + schema.name()
                            + ": check constraint " + d.name() + " uses it; drop the constraint first");
                }
            }
            return defs;
        }));
    }

    /** Renames a column and, in the same step of the log, the references to it in the table's checks. */
    static void renameColumn(Checks checks, Mnemo db, TableSchema schema, String from, String to) {
        db.renameColumn(schema.name(), from, to, checks.changed(schema, defs -> {
            List<CheckDef> out = new ArrayList<>();
            for (CheckDef d : defs) {
                out.add(new CheckDef(d.name(), CheckCompiler.renameColumn(d.clause(), from, to)));
            }
            return out;
        }));
    }

    /**
     * The guard of a change of a column's type, read in the change's own step of the log, so that a check added
     * meanwhile is seen: it refuses a column a check names (0A000, naming the check), as for a column a foreign key
     * compares, since converted values could make the check FALSE for rows it passed. Drop the check, change, add it
     * again.
     */
    static Consumer<Transaction> refuseRetype(Checks checks, TableSchema schema, String column) {
        String name = schema.column(schema.position(column)).name();
        return tx -> {
            for (CheckDef d : checks.read(tx, schema)) {
                if (CheckCompiler.columns(d.clause()).contains(name)) {
                    throw new SqlError("0A000", "cannot change the type of column " + name + " of table "
                            + schema.name() + ": check constraint " + d.name() + " uses it; drop the constraint, "
                            + "change the column, and add it again");
                }
            }
        };
    }
}

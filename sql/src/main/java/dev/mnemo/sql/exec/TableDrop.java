package dev.mnemo.sql.exec;

import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.table.Table;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.Views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code DROP TABLE [IF EXISTS] t [CASCADE | RESTRICT]}. What depends on t is the views that read it (directly or
 * through other views) and the foreign keys of other tables that reference it. RESTRICT, the default, refuses while
 * any does (2BP01, naming them all); CASCADE drops those views and foreign keys (not the tables that hold them) with
 * t. The views go in t's own step of the log, read again there, so a view made meanwhile on another member is seen;
 * the foreign keys are dropped just before, and added back if dropping t then fails.
 */
final class TableDrop {
    /** A foreign key of another table that references the one dropped. */
    private record Inbound(String table, ForeignKeyDef foreignKey) {
        String described() {
            return "foreign key " + foreignKey.name() + " of table " + table;
        }
    }

    private TableDrop() {
    }

    static void drop(SqlDatabase database, String table, boolean ifExists, boolean cascade) {
        Mnemo db = database.db();
        Table found = db.engine().catalog().find(table);
        if (found == null) {
            db.dropTable(table, ifExists); // nothing there: IF EXISTS, or the engine's 42S02
            dropIdentity(database, table);
            return;
        }
        String name = found.schema().name();
        List<Inbound> inbound = inbound(db, name);
        Views views = database.views();
        if (!cascade) {
            List<String> readers = views.readers(name);
            if (!readers.isEmpty() || !inbound.isEmpty()) {
                throw Views.stillRead("table", name, readers, inbound.stream().map(Inbound::described).toList());
            }
        }
        List<Inbound> dropped = new ArrayList<>();
        try {
            for (Inbound in : inbound) {
                db.dropForeignKey(in.table(), in.foreignKey().name());
                dropped.add(in);
            }
            db.dropTable(name, ifExists, views.dependents("table", name, cascade));
        } catch (RuntimeException e) {
            restore(db, dropped, e);
            throw e;
        }
        dropIdentity(database, name);
    }

    /** Drops the table's identity sequence, if it has one (or one was left over by a member stopped in between). */
    private static void dropIdentity(SqlDatabase database, String table) {
        database.sequences().drop(Sequences.identityName(table.toUpperCase(Locale.ROOT)), true, true);
    }

    /** The foreign keys of tables other than {@code parent} that reference it, by table and name. */
    private static List<Inbound> inbound(Mnemo db, String parent) {
        List<Inbound> out = new ArrayList<>();
        for (TableSchema child : db.tables()) {
            if (child.name().equals(parent)) {
                continue;
            }
            for (ForeignKeyDef fk : db.foreignKeys(child.name())) {
                if (fk.parentTable().equals(parent)) {
                    out.add(new Inbound(child.name(), fk));
                }
            }
        }
        out.sort((a, b) -> a.described().compareTo(b.described()));
        return out;
    }

    /** Adds back the foreign keys a failed CASCADE dropped, so that the statement changes nothing. */
    private static void restore(Mnemo db, List<Inbound> dropped, RuntimeException failure) {
        for (Inbound in : dropped) {
            ForeignKeyDef fk = in.foreignKey();
            try {
                db.addForeignKey(in.table(), ForeignKeyDef.of(fk.name(), fk.columns(), fk.parentTable(),
                        fk.parentColumns(), fk.onDelete(), fk.onUpdate()));
            } catch (RuntimeException again) {
                failure.addSuppressed(again);
            }
        }
    }
}

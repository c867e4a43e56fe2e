package dev.mnemo.sql.exec;

import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.table.Table;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.Views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code DROP TABLE [IF EXISTS] t [CASCADE | RESTRICT]}. What depends on t is the views that read it (directly or
 * through other views) and the foreign keys of other tables that reference it. RESTRICT, the default, refuses while
 * any does (2BP01, naming them all); CASCADE drops those views and foreign keys (not the tables that hold them) with
 * t, all in t's own step of the log (with t's check constraints): the views read again there and the foreign keys
 * found by the engine when it applies the drop, so that one made meanwhile on another member goes too, and no member
 * ever holds t without them.
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
        Views views = database.views();
        Consumer<Transaction> alongside = views.dependents("table", name, cascade)
                .andThen(database.checks().dropped(name));
        if (cascade) {
            db.dropTableCascade(name, ifExists, alongside);
        } else {
            // Checked here to name everything that depends; the drop's own step refuses what appeared since.
            List<String> readers = views.readers(name);
            List<Inbound> inbound = inbound(db, name);
            if (!readers.isEmpty() || !inbound.isEmpty()) {
                throw Views.stillRead("table", name, readers, inbound.stream().map(Inbound::described).toList());
            }
            db.dropTable(name, ifExists, alongside);
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
}

package dev.mnemo.sql.view;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.Transaction;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.sequence.Sequences;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The views of one database, kept as rows of the system table {@value #TABLE}: an ordinary engine table, replicated
 * and made durable like any other (disc when the database keeps disc tables), that SQL does not show. So every member
 * of a cluster, and every connection, reads the same definitions, and a disc database keeps them across restarts.
 */
public final class Views {
    /** The system table of views. */
    public static final String TABLE = Sequences.RESERVED_PREFIX + "VIEWS";

    private final Mnemo db;
    private final Function<String, SqlNode> parser;

    /** The views of {@code db}, whose queries {@code parser} parses (to find what each reads). */
    public Views(Mnemo db, Function<String, SqlNode> parser) {
        this.db = db;
        this.parser = parser;
    }

    /**
     * Stores a view: a new one, or with {@code replace} in place of the one of that name. With {@code ifNotExists}
     * an existing one is left as it is; otherwise one that exists fails with 42S01. Returns whether it stored it. A
     * table or sequence of that name refuses it (42S01): the transaction reads that none has the name, so one made by
     * another member before it is ordered makes it run again and fail (see {@link #noViewNamed}).
     */
    public boolean create(String name, List<String> columns, List<String> queryColumns, String query,
                          boolean replace, boolean ifNotExists) {
        ensureTable();
        long incarnation = ThreadLocalRandom.current().nextLong();
        return db.transaction(tx -> {
            if (tx.tableExists(name)) {
                throw new SqlError("42S01", "cannot create view " + name + ": a table has that name");
            }
            Sequences.noSequenceNamed("view", name).accept(tx);
            if (tx.read(TABLE, name) != null && !replace) {
                if (ifNotExists) {
                    return false;
                }
                throw new SqlError("42S01", "view " + name + " already exists");
            }
            tx.write(TABLE, Row.of(name, incarnation, ViewDef.encode(columns), ViewDef.encode(queryColumns), query));
            return true;
        });
    }

    /**
     * Drops a view; one that does not exist fails with 42S02 unless {@code ifExists}. Views that read it, directly or
     * through others, go with it when {@code cascade}; otherwise they refuse the drop (2BP01, naming them). One
     * transaction reads every view and deletes them, so a view made meanwhile on another member is seen.
     */
    public void drop(String name, boolean ifExists, boolean cascade) {
        boolean dropped = tableExists() && db.transaction(tx -> {
            if (tx.read(TABLE, name) == null) {
                return false;
            }
            tx.delete(TABLE, name);
            dependents("view", name, cascade).accept(tx);
            return true;
        });
        if (!dropped && !ifExists) {
            throw new SqlError("42S02", "view " + name + " does not exist");
        }
    }

    /**
     * The views that read {@code name} (a {@code kind}, table or view), directly or through other views, as this
     * member has them now, in name order.
     */
    public List<String> readers(String name) {
        return ViewReads.readers(all(), name, parser);
    }

    /**
     * What dropping {@code name} (a {@code kind}, table or view) does to the views that read it, in a transaction
     * that reads every view: with {@code cascade} it deletes them, otherwise one of them refuses the drop (2BP01).
     */
    public Consumer<Transaction> dependents(String kind, String name, boolean cascade) {
        return tx -> {
            List<String> readers = ViewReads.readers(all(tx), name, parser);
            if (!cascade && !readers.isEmpty()) {
                throw stillRead(kind, name, readers, List.of());
            }
            for (String v : readers) {
                tx.delete(TABLE, v);
            }
        };
    }

    /**
     * The error of a DROP (RESTRICT) of {@code name} that views and foreign keys (each as "foreign key F of table
     * T") depend on: 2BP01, naming them all.
     */
    public static SqlError stillRead(String kind, String name, List<String> views, List<String> foreignKeys) {
        List<String> why = new ArrayList<>();
        for (String v : views) {
            why.add("view " + v + " reads it");
        }
        for (String fk : foreignKeys) {
            why.add(fk + " references it");
        }
        return new SqlError("2BP01", "cannot drop " + kind + " " + name + ": " + String.join(", ", why)
                + "; DROP " + kind.toUpperCase(Locale.ROOT) + " " + name + " CASCADE drops them too");
    }

    /**
     * The precondition of creating a {@code kind} (a table or sequence) of this name: no view has it (42S01
     * otherwise). Read in the creating transaction, so a view of that name made by another member first refuses it
     * on every member.
     */
    public static Consumer<Transaction> noViewNamed(String kind, String name) {
        return Sequences.noEntryNamed(TABLE, "view", kind, name);
    }

    /** The view of this name as it is now on this member, or null if there is none. */
    public ViewDef find(String name) {
        Row r = tableExists() ? db.dirtyRead(TABLE, name) : null;
        return r == null ? null : def(r);
    }

    /** Every view, in name order. */
    public List<ViewDef> all() {
        return tableExists() ? db.transaction(tx -> all(tx)) : List.of();
    }

    /** Every view, in name order, read in {@code tx} (a statement's). */
    public List<ViewDef> all(Transaction tx) {
        List<ViewDef> out = new ArrayList<>();
        if (tableExists()) {
            for (Row r : tx.select(TABLE, KeyRange.all())) {
                out.add(def(r));
            }
        }
        return out;
    }

    /** A row of {@link #TABLE} as the definition it holds. */
    public static ViewDef def(Row r) {
        return new ViewDef(r.getString("NAME"), r.getLong("INCARNATION"), ViewDef.decode(r.getString("COLUMNS")),
                ViewDef.decode(r.getString("QUERY_COLUMNS")), r.getString("QUERY"));
    }

    private boolean tableExists() {
        return Sequences.systemTableExists(db, TABLE);
    }

    private void ensureTable() {
        Sequences.ensureSystemTable(db, TableDef.named(TABLE).kind(TableKind.ORDERED_SET)
                .column(ColumnDef.of("NAME", ColumnType.varchar(128)).notNull())
                .column(ColumnDef.of("INCARNATION", ColumnType.BIGINT).notNull())
                .column(ColumnDef.of("COLUMNS", ColumnType.varchar(ColumnType.LENGTH_MAX)).notNull())
                .column(ColumnDef.of("QUERY_COLUMNS", ColumnType.varchar(ColumnType.LENGTH_MAX)).notNull())
                .column(ColumnDef.of("QUERY", ColumnType.varchar(ColumnType.LENGTH_MAX)).notNull())
                .primaryKey("NAME"));
    }
}

package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.check.Checks;
import dev.mnemo.sql.parser.SqlScript;
import dev.mnemo.sql.schema.ColumnFacts;
import dev.mnemo.sql.schema.LiteralText;
import dev.mnemo.sql.schema.RowIds;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;
import dev.mnemo.sql.view.Views;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The statements of {@code SCRIPT}, one a row: those that make the database's sequences, tables and indexes again,
 * insert its rows and then add its foreign keys and check constraints. Everything is read in one transaction, so
 * the tables' schemas, foreign keys and checks, the rows and the sequences' next values are of one committed state,
 * whatever writers do meanwhile (a read-only transaction that keeps conflicting finishes with applies held off).
 * Tables and sequences whose names have a {@code $} are Mnemo's own and are left out; an identity column's sequence
 * is written as the column's options. A script of some tables writes the sequences their defaults draw from.
 */
final class Script {
    /** Rows one INSERT of the script carries. */
    static final int ROWS_PER_INSERT = 100;
    static final ColumnMeta COLUMN = new ColumnMeta("SCRIPT", "SCRIPT", "", SqlTypeName.VARCHAR, ColumnType.LENGTH_MAX,
            0, false);

    private Script() {
    }

    /** The script's rows, read in {@code open} (a transaction the session holds open), or in one of their own. */
    static List<Object[]> statements(SqlDatabase database, SqlScript node, Transaction open) {
        Mnemo db = database.db();
        List<String> names = tables(db, node.tableNames()).stream().map(TableSchema::name).toList();
        boolean everything = node.tableNames().isEmpty();
        Checks checks = database.checks();
        List<String> out = open == null ? db.transaction(tx -> write(db, checks, tx, names, everything, node.noData))
                : write(db, checks, open, names, everything, node.noData);
        List<Object[]> rows = new ArrayList<>(out.size());
        out.forEach(s -> rows.add(new Object[] {s}));
        return rows;
    }

    private static List<TableSchema> tables(Mnemo db, List<String> names) {
        List<TableSchema> all = new ArrayList<>();
        for (TableSchema t : db.tables()) {
            if (!t.name().contains("$")) {
                all.add(t);
            }
        }
        if (names.isEmpty()) {
            return all;
        }
        List<TableSchema> chosen = new ArrayList<>();
        for (String name : names) {
            TableSchema t = all.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new SqlError("42S02", "SCRIPT TABLE " + name + ": no table of that name"));
            if (!chosen.contains(t)) {
                chosen.add(t);
            }
        }
        return chosen;
    }

    private static List<String> write(Mnemo db, Checks checks, Transaction tx, List<String> names,
                                      boolean sequences, boolean noData) {
        List<String> out = new ArrayList<>();
        List<TableSchema> tables = new ArrayList<>();
        for (String name : names) {
            // Read-locked before the schema is read: a change to the table's rows or schema (a foreign key
            // added or dropped) from here on makes the transaction conflict and the dump run again.
            tx.readLockTable(name);
            tables.add(db.schema(name));
        }
        Map<String, Row> sequenceRows = new HashMap<>();
        if (tx.tableExists(Sequences.TABLE)) {
            for (Row r : tx.select(Sequences.TABLE, KeyRange.all())) {
                sequenceRows.put(r.getString("NAME"), r);
            }
        }
        for (Row r : sequenceRows.values().stream().sorted((a, b) -> a.getString("NAME")
                .compareTo(b.getString("NAME"))).toList()) {
            String name = r.getString("NAME");
            // A script of some tables makes the sequences their defaults draw from, before the tables.
            if (!Sequences.isReserved(name) && (sequences || drawnFrom(tables, name))) {
                createSequence(r, out);
            }
        }
        for (TableSchema t : tables) {
            Row identity = sequenceRows.get(Sequences.identityName(t.name()));
            out.add(createTable(t, identity));
            if (identity != null) {
                restartIdentity(t, identity, out);
            }
            List<List<String>> keyed = written(db, t, tables).stream().map(ForeignKeyDef::columns).toList();
            for (IndexDef ix : t.indexes()) {
                if (ix.isForForeignKey() && keyed.contains(ix.columns())) {
                    continue; // the foreign key makes it again, as its own: a CREATE INDEX would make it the user's
                }
                out.add("CREATE " + (ix.isUnique() ? "UNIQUE " : "") + "INDEX " + quote(ix.name()) + " ON "
                        + quote(t.name()) + " " + columns(ix.columns()) + " USING "
                        + (ix.isOrdered() ? "ORDERED" : "HASH"));
            }
        }
        if (sequences && tx.tableExists(Views.TABLE)) {
            for (ViewDef v : inDependencyOrder(tx.select(Views.TABLE, KeyRange.all()))) {
                out.add("CREATE VIEW " + quote(v.name()) + " " + columns(v.columns()) + " AS " + oneLine(v.query()));
            }
        }
        if (!noData) {
            for (TableSchema t : tables) {
                Row identity = sequenceRows.get(Sequences.identityName(t.name()));
                inserts(tx, t, identity != null && "ALWAYS".equals(identity.getString("GENERATION")), out);
            }
        }
        out.addAll(foreignKeys(db, tables));
        checks.all(tx, tables).forEach((table, defs) -> defs.forEach(c -> out.add("ALTER TABLE " + quote(table)
                + " ADD CONSTRAINT " + quote(c.name()) + " CHECK (" + oneLine(c.clause()) + ")")));
        return out;
    }

    /** Whether a column default of one of the tables draws from sequence {@code name}. */
    private static boolean drawnFrom(List<TableSchema> tables, String name) {
        return tables.stream().anyMatch(t -> t.columns().stream().anyMatch(c -> name.equals(c.sequenceDefault())));
    }

    /**
     * {@code ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY} for each foreign key among the tables written, after
     * every row is in, so that the rows load in any order; a foreign key whose parent is not written is left out.
     * Read in the dump's transaction, after its scans of the tables, so a foreign key added, dropped or renamed
     * since makes it run again: the keys are those of the rows' state.
     */
    private static List<String> foreignKeys(Mnemo db, List<TableSchema> tables) {
        List<String> out = new ArrayList<>();
        for (TableSchema t : tables) {
            for (ForeignKeyDef fk : written(db, t, tables)) {
                out.add("ALTER TABLE " + quote(t.name()) + " ADD CONSTRAINT " + quote(fk.name()) + " FOREIGN KEY "
                        + columns(fk.columns()) + " REFERENCES " + quote(fk.parentTable()) + " "
                        + columns(fk.parentColumns()) + " ON DELETE " + fk.onDelete().sql() + " ON UPDATE "
                        + fk.onUpdate().sql());
            }
        }
        return out;
    }

    /** The foreign keys of {@code t} that the script adds: those whose parent it writes too. */
    private static List<ForeignKeyDef> written(Mnemo db, TableSchema t, List<TableSchema> tables) {
        List<ForeignKeyDef> out = new ArrayList<>();
        for (ForeignKeyDef fk : db.foreignKeys(t.name())) {
            if (tables.stream().anyMatch(w -> w.name().equals(fk.parentTable()))) {
                out.add(fk);
            }
        }
        return out;
    }

    /**
     * The views, each after the views its query names: a view's query can name only views that exist, so one whose
     * text names another view is made after it. A name in the text that is not a view reference (a column named as
     * a view) may only move a view later; views whose names make a cycle follow in the order they were made.
     */
    private static List<ViewDef> inDependencyOrder(List<Row> rows) {
        List<ViewDef> left = new ArrayList<>();
        for (Row r : rows) {
            left.add(Views.def(r));
        }
        left.sort((a, b) -> Long.compare(a.incarnation(), b.incarnation()));
        List<ViewDef> ordered = new ArrayList<>();
        while (!left.isEmpty()) {
            ViewDef next = left.stream().filter(v -> left.stream().noneMatch(w -> w != v && names(v.query(), w.name())))
                    .findFirst().orElse(left.get(0));
            left.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    /** Whether the query text names {@code name} as a whole word (quoted or not, in any case). */
    private static boolean names(String query, String name) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])", Pattern.CASE_INSENSITIVE)
                .matcher(query).find();
    }

    /**
     * A view's query (or a check's condition) on one line, meaning the same: line breaks outside quotes become spaces
     * and a {@code --} comment is dropped; a line break inside a quoted text or name fails with 0A000 (a script has one
     * statement a line).
     */
    static String oneLine(String query) {
        StringBuilder out = new StringBuilder(query.length());
        char quote = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (quote != 0) {
                if (c == '\n' || c == '\r') {
                    throw new SqlError("0A000", "SCRIPT cannot write a view's query or a check's condition with a"
                            + " line break inside a quoted text or name; write CHR(10) for it there");
                }
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '-' && i + 1 < query.length() && query.charAt(i + 1) == '-') {
                while (i + 1 < query.length() && query.charAt(i + 1) != '\n' && query.charAt(i + 1) != '\r') {
                    i++;
                }
            } else {
                out.append(c == '\n' || c == '\r' ? ' ' : c);
            }
        }
        return out.toString().strip();
    }

    /**
     * {@code CREATE SEQUENCE} with the sequence's options and START WITH, then {@code ALTER SEQUENCE ... RESTART
     * WITH} its next value where that differs; a used-up sequence is restarted at its last value and that value
     * drawn, which uses it up again.
     */
    private static void createSequence(Row r, List<String> out) {
        String name = quote(r.getString("NAME"));
        out.add("CREATE SEQUENCE " + name + " AS " + r.getString("DATA_TYPE") + " START WITH "
                + r.getLong("START_VALUE") + sequenceOptions(r));
        Long next = r.getLong("NEXT_VALUE");
        if (next == null) {
            out.add("ALTER SEQUENCE " + name + " RESTART WITH " + lastValue(r));
            out.add("SELECT NEXT VALUE FOR " + name + " FROM (VALUES (0))");
        } else if (next.longValue() != r.getLong("START_VALUE")) {
            out.add("ALTER SEQUENCE " + name + " RESTART WITH " + next);
        }
    }

    private static String sequenceOptions(Row r) {
        return " INCREMENT BY " + r.getLong("INCREMENT") + " MINVALUE " + r.getLong("MIN_VALUE") + " MAXVALUE "
                + r.getLong("MAX_VALUE") + (r.getBoolean("CYCLE") ? " CYCLE" : " NO CYCLE") + " CACHE "
                + r.getLong("CACHE");
    }

    /** The bound a sequence counting in its direction reaches last. */
    private static long lastValue(Row r) {
        return r.getLong("INCREMENT") > 0 ? r.getLong("MAX_VALUE") : r.getLong("MIN_VALUE");
    }

    /**
     * {@code CREATE TABLE} with every column, the primary key and the table's options (a table without a primary key
     * without its hidden row id, which the load draws anew); an identity column with its
     * sequence's options ({@link #restartIdentity} sets its next value).
     */
    private static String createTable(TableSchema t, Row identity) {
        StringJoiner elements = new StringJoiner(", ", "(", ")");
        for (ColumnDef c : RowIds.visibleColumns(t)) {
            StringBuilder b = new StringBuilder(quote(c.name())).append(' ').append(c.type());
            boolean isIdentity = identity != null && c.name().equals(identity.getString("OWNER_COLUMN"));
            if (!c.nullable() && !isIdentity) {
                b.append(" NOT NULL");
            }
            if (c.sequenceDefault() != null) {
                b.append(" DEFAULT NEXT VALUE FOR ").append(quote(c.sequenceDefault()));
            } else if (c.drawnAtWrite()) {
                b.append(" DEFAULT ").append(ColumnFacts.drawnDefaultText(c));
            } else if (c.defaultValue() != null) {
                b.append(" DEFAULT ").append(LiteralText.exact(c.defaultValue()));
            }
            if (isIdentity) {
                b.append(" GENERATED ").append(identity.getString("GENERATION")).append(" AS IDENTITY (START WITH ")
                        .append(identity.getLong("START_VALUE")).append(sequenceOptions(identity)).append(')');
            }
            elements.add(b);
        }
        if (!RowIds.isKeyless(t)) {
            elements.add("PRIMARY KEY " + columns(t.primaryKeyNames()));
        }
        return "CREATE TABLE " + quote(t.name()) + " " + elements + " WITH (kind = '"
                + t.kind().name().toLowerCase(Locale.ROOT) + "', storage = '"
                + t.storage().name().toLowerCase(Locale.ROOT) + "')";
    }

    /**
     * {@code ALTER TABLE ... ALTER COLUMN ... RESTART WITH} the identity's next value where that is not its start, so
     * that rows inserted after the load continue after the dumped ones and a later {@code RESTART} goes back to the
     * same start; a used-up identity restarts at its last value.
     */
    private static void restartIdentity(TableSchema t, Row identity, List<String> out) {
        Long next = identity.getLong("NEXT_VALUE");
        if (next == null || next.longValue() != identity.getLong("START_VALUE")) {
            out.add("ALTER TABLE " + quote(t.name()) + " ALTER COLUMN " + quote(identity.getString("OWNER_COLUMN"))
                    + " RESTART WITH " + (next == null ? lastValue(identity) : next));
        }
    }

    /** The table's rows as INSERTs of {@link #ROWS_PER_INSERT} rows each, in the order the table keeps them. */
    private static void inserts(Transaction tx, TableSchema t, boolean overriding, List<String> out) {
        List<String> names = new ArrayList<>();
        RowIds.visibleColumns(t).forEach(c -> names.add(c.name()));
        String head = "INSERT INTO " + quote(t.name()) + " " + columns(names)
                + (overriding ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES ";
        StringJoiner[] batch = {null};
        int[] count = {0};
        tx.forEach(t.name(), KeyRange.all(), row -> {
            if (batch[0] == null) {
                batch[0] = new StringJoiner(", ", head, "");
            }
            StringJoiner values = new StringJoiner(", ", "(", ")");
            for (String name : names) {
                values.add(LiteralText.exact(row.get(name)));
            }
            batch[0].add(values.toString());
            if (++count[0] == ROWS_PER_INSERT) {
                out.add(batch[0].toString());
                batch[0] = null;
                count[0] = 0;
            }
            return true;
        });
        if (batch[0] != null) {
            out.add(batch[0].toString());
        }
    }

    private static String columns(List<String> names) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        names.forEach(n -> j.add(quote(n)));
        return j.toString();
    }

    /** A name as a quoted identifier, which any name (a reserved word, a name with spaces) can be. */
    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}

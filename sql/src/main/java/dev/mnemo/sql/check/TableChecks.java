package dev.mnemo.sql.check;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.Values;
import dev.mnemo.engine.table.Table;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.schema.SqlValues;

import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/** The check constraints of one version of a table, compiled: what every row written to it must not make FALSE. */
public final class TableChecks {
    /** A table without checks. */
    static final TableChecks NONE = new TableChecks(null, null, "", List.of(), List.of());

    /**
     * The table whose version {@code schema} is, when the checks were learnt from its mark (see {@link Checks#of});
     * null when they were read in a transaction.
     */
    final Table table;
    final TableSchema schema;
    /** The definitions as stored ({@link CheckDef#encode}), which tell whether a compiled set is still current. */
    final String encoded;
    private final List<CheckDef> defs;
    private final List<RowCheck> compiled;

    TableChecks(Table table, TableSchema schema, String encoded, List<CheckDef> defs, List<RowCheck> compiled) {
        this.table = table;
        this.schema = schema;
        this.encoded = encoded;
        this.defs = List.copyOf(defs);
        this.compiled = List.copyOf(compiled);
    }

    /** These checks, compiled once, as learnt from the mark of {@code from}, or as read when it is null. */
    TableChecks learntFrom(Table from) {
        return from == table ? this : new TableChecks(from, schema, encoded, defs, compiled);
    }

    public boolean isEmpty() {
        return compiled.isEmpty();
    }

    /**
     * Fails with 23514, naming the check, the table and the row's key, when a check is FALSE for a row about to be
     * written: engine values in the column order of the schema the checks were compiled for. Each value is first
     * made what the column stores (rounded, padded); a value the column cannot hold is left to the write to refuse.
     */
    public void verify(Object[] engineRow) {
        if (compiled.isEmpty()) {
            return;
        }
        Object[] internal = new Object[engineRow.length];
        for (int i = 0; i < engineRow.length; i++) {
            ColumnDef c = schema.column(i);
            try {
                internal[i] = SqlValues.engineToInternal(Values.coerce(c.type(), engineRow[i], c.name()), c.type());
            } catch (MnemoException e) {
                return;
            }
        }
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i).isFalseFor(internal)) {
                throw violated(defs.get(i).name(), schema, engineRow);
            }
        }
    }

    /** The error of a row that a check is FALSE for: 23514, naming the check, the table and the row's key. */
    static SqlError violated(String check, TableSchema schema, Object[] row) {
        StringJoiner columns = new StringJoiner(", ", "(", ")");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (int p : schema.keyPositions()) {
            columns.add(schema.column(p).name());
            Object v = row[p];
            values.add(v instanceof byte[] ? HexFormat.of().formatHex((byte[]) v) : String.valueOf(v));
        }
        return new SqlError("23514", "check constraint " + check + " of table " + schema.name()
                + " is violated by the row " + columns + "=" + values);
    }
}

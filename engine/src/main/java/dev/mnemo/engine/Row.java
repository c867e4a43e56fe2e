package dev.mnemo.engine;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable row: column values in column order. Rows read from a table know their table's schema, so
 * values can be had by column name; rows made with {@link #of} are positional until written.
 */
public final class Row {
    private final TableSchema schema;
    private final Object[] values;

    private Row(TableSchema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    /** A positional row, matched to the table's columns in order when written. */
    public static Row of(Object... values) {
        return new Row(null, values.clone());
    }

    /** A row of the given schema; the engine uses this for rows it decoded, trusting the array it is given. */
    public static Row ofSchema(TableSchema schema, Object[] values) {
        if (values.length != schema.columnCount()) {
            throw new IllegalArgumentException("row has " + values.length + " values, table " + schema.name()
                    + " has " + schema.columnCount() + " columns");
        }
        return new Row(schema, values);
    }

    /** The schema version this row was read or built with; null for positional rows. */
    public TableSchema schema() {
        return schema;
    }

    public int size() {
        return values.length;
    }

    public Object get(int position) {
        return values[position];
    }

    public Object get(String column) {
        return values[positionOf(column)];
    }

    public Long getLong(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).longValue();
    }

    public Integer getInt(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).intValue();
    }

    public Double getDouble(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public BigDecimal getDecimal(String column) {
        return (BigDecimal) get(column);
    }

    public String getString(String column) {
        return (String) get(column);
    }

    public Boolean getBoolean(String column) {
        return (Boolean) get(column);
    }

    /** A copy with one value changed. */
    public Row with(String column, Object value) {
        return with(positionOf(column), value);
    }

    public Row with(int position, Object value) {
        Object[] copy = values.clone();
        copy[position] = value;
        return new Row(schema, copy);
    }

    /** A copy of the values. */
    public Object[] values() {
        return values.clone();
    }

    private int positionOf(String column) {
        if (schema == null) {
            throw new UnknownColumnException("positional row has no column names; read it from a table or use get(int)");
        }
        return schema.position(column);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row && Arrays.deepEquals(values, ((Row) o).values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(schema == null ? "Row(" : schema.name() + "(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (schema != null) {
                sb.append(schema.column(i).name()).append('=');
            }
            Object v = values[i];
            sb.append(v instanceof byte[] ? "0x" + HexFormat.of().formatHex((byte[]) v) : v);
        }
        return sb.append(')').toString();
    }
}

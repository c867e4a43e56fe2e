package dev.mnemo.engine;

import java.util.Objects;

/**
 * A column as the user declares it: name, type, whether it may be NULL, and its default value.
 */
public final class ColumnDef {
    private final String name;
    private final ColumnType type;
    private final boolean nullable;
    private final Object defaultValue;

    private ColumnDef(String name, ColumnType type, boolean nullable, Object defaultValue) {
        this.name = Names.check("column", name);
        this.type = Objects.requireNonNull(type, "type");
        this.nullable = nullable;
        this.defaultValue = defaultValue;
    }

    /** A nullable column without a default. */
    public static ColumnDef of(String name, ColumnType type) {
        return new ColumnDef(name, type, true, null);
    }

    /** The same column, declared NOT NULL. */
    public ColumnDef notNull() {
        return new ColumnDef(name, type, false, defaultValue);
    }

    /** The same column with a default value, used when a row gives none (and for rows written before the column was added). */
    public ColumnDef withDefault(Object value) {
        return new ColumnDef(name, type, nullable, value);
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    /** The default value as given (coerced to the column type when the table is created), or null. */
    public Object defaultValue() {
        return defaultValue;
    }

    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " NOT NULL") + (defaultValue == null ? "" : " DEFAULT " + defaultValue);
    }
}

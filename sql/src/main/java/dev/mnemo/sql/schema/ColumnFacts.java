package dev.mnemo.sql.schema;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What metadata says of a column: its type's name, size and digits, and its default as SQL. The one description
 * that JDBC metadata ({@code getColumns}, {@code getTypeInfo}) and INFORMATION_SCHEMA both give, so they agree.
 */
public final class ColumnFacts {
    /** Characters of a UUID's text form: 32 hexadecimal digits and 4 hyphens. */
    private static final int UUID_TEXT_LENGTH = 36;

    private ColumnFacts() {
    }

    /** The type's name (TYPE_NAME, DATA_TYPE): {@code VARCHAR}, {@code DECIMAL}, {@code TIMESTAMP}, ... */
    public static String typeName(ColumnType t) {
        return SqlTypes.typeName(t);
    }

    /** A text or binary string, whose length is its size. */
    public static boolean isString(ColumnType t) {
        return t.kind() == ColumnType.Kind.VARCHAR || t.kind() == ColumnType.Kind.CHAR
                || t.kind() == ColumnType.Kind.VARBINARY;
    }

    /** A number, whose size is its precision in decimal digits. */
    public static boolean isNumeric(ColumnType t) {
        switch (t.kind()) {
            case BIGINT: case INTEGER: case SMALLINT: case DOUBLE: case REAL: case DECIMAL: return true;
            default: return false;
        }
    }

    /**
     * JDBC's COLUMN_SIZE: a string's length, a number's decimal digits, a TIME's or TIMESTAMP's length as text
     * ({@code 12:30:00.5} is 10), a UUID's as text (36).
     */
    public static int columnSize(ColumnType t) {
        switch (t.kind()) {
            case BIGINT: return 19;
            case INTEGER: return 10;
            case SMALLINT: return t.isTinyint() ? 3 : 5;
            case DOUBLE: return 15;
            case REAL: return 7;
            case BOOLEAN: return 1;
            case DATE: return 10;
            case UUID: return UUID_TEXT_LENGTH;
            case TIME: return SqlTypes.datetimeLength(SqlTypeName.TIME, t.scale());
            case TIMESTAMP: return SqlTypes.datetimeLength(SqlTypeName.TIMESTAMP, t.scale());
            case TIMESTAMP_TZ: return SqlTypes.datetimeLength(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, t.scale());
            default: return t.length();
        }
    }

    /** JDBC's DECIMAL_DIGITS: a DECIMAL's scale, 0 for integers, a TIME's or TIMESTAMP's fraction digits. */
    public static Integer decimalDigits(ColumnType t) {
        switch (t.kind()) {
            case DECIMAL: return t.scale();
            case BIGINT: case INTEGER: case SMALLINT: return 0;
            case TIME: case TIMESTAMP: case TIMESTAMP_TZ: return t.scale();
            default: return null;
        }
    }

    /** A string's length (JDBC's CHAR_OCTET_LENGTH, the standard's CHARACTER_MAXIMUM_LENGTH), else null. */
    public static Integer stringLength(ColumnType t) {
        return isString(t) ? t.length() : null;
    }

    /**
     * A column's default as the SQL literal that writes it, so that a text is in single quotes, as JDBC says
     * ({@code 'it''s'}), and a number or boolean is not ({@code 1.50}, {@code TRUE}); binaries and datetimes take
     * the prefixes getTypeInfo gives ({@code X'CAFE'}, {@code DATE '2024-02-29'}, {@code TIME '08:30:00'},
     * {@code TIMESTAMP '2024-02-29 12:00:00.5'}); a default that is the time of the write as its variable
     * ({@code CURRENT_TIMESTAMP}), a random UUID as its call ({@code RANDOM_UUID()}), a sequence's next value as
     * {@code NEXT VALUE FOR S}. Null for a column without a default, or whose default is NULL.
     */
    public static String defaultText(ColumnDef c) {
        if (c.sequenceDefault() != null) {
            return sequenceDefaultText(c.sequenceDefault());
        }
        String drawn = drawnDefaultText(c);
        if (drawn != null) {
            return drawn;
        }
        return c.defaultValue() == null ? null : LiteralText.of(c.defaultValue());
    }

    /**
     * {@code NEXT VALUE FOR} the sequence, its name as SQL writes it: as it is when an unquoted identifier reads as
     * it ({@code S}), else in double quotes ({@code "s"}).
     */
    public static String sequenceDefaultText(String sequence) {
        boolean plain = sequence.matches("[A-Z][A-Z0-9_]*");
        return "NEXT VALUE FOR " + (plain ? sequence : '"' + sequence.replace("\"", "\"\"") + '"');
    }

    /**
     * The SQL of a default that the member making a write draws, as a column declares it ({@code CURRENT_TIMESTAMP},
     * {@code RANDOM_UUID()}); null for a constant default or none.
     */
    public static String drawnDefaultText(ColumnDef c) {
        if (c.randomUuidDefault()) {
            return "RANDOM_UUID()";
        }
        return c.timeDefault() == null ? null : c.timeDefault().name();
    }
}

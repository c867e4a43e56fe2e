package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.LocalTimestamp;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.TypedValue;
import dev.mnemo.sql.client.ClockTimestamp;
import dev.mnemo.sql.client.TimesOfDay;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.time.ZonedDateTime;

/**
 * Converts SQL values between their JDBC form (what {@code ResultSet.getObject} returns and
 * {@code PreparedStatement.setObject} takes) and the wire's {@link TypedValue}. Shared by the remote driver
 * and the member's client service, so both ends agree by construction. Date-times carry no time zone; a
 * java.sql.Timestamp parameter carries its clock's offset too, so that the instant it names survives.
 */
public final class Values {
    private static final int UUID_BYTES = 16;

    private Values() {
    }

    /** A JDBC value on the wire; {@code nullType} is what a null says it is. */
    public static TypedValue encode(Object v, SqlType nullType) throws SQLDataException {
        TypedValue.Builder b = TypedValue.newBuilder();
        if (v == null) {
            return b.setNullType(nullType).build();
        }
        if (v instanceof Long) {
            return b.setInt64Value((Long) v).build();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return b.setInt32Value(((Number) v).intValue()).build();
        }
        if (v instanceof Double) {
            return b.setDoubleValue((Double) v).build();
        }
        if (v instanceof Float) {
            return b.setFloatValue((Float) v).build();
        }
        if (v instanceof BigDecimal) {
            return b.setDecimalValue(v.toString()).build();
        }
        if (v instanceof BigInteger) {
            return b.setDecimalValue(v.toString()).build();
        }
        if (v instanceof Boolean) {
            return b.setBoolValue((Boolean) v).build();
        }
        if (v instanceof String || v instanceof Character) {
            return b.setStringValue(v.toString()).build();
        }
        if (v instanceof byte[]) {
            return b.setBytesValue(com.google.protobuf.ByteString.copyFrom((byte[]) v)).build();
        }
        if (v instanceof Date) {
            return b.setDateValue(((Date) v).toLocalDate().toEpochDay()).build();
        }
        if (v instanceof LocalDate) {
            return b.setDateValue(((LocalDate) v).toEpochDay()).build();
        }
        if (v instanceof Time) {
            return b.setTimeValue(TimesOfDay.localTime((Time) v).toNanoOfDay()).build();
        }
        if (v instanceof LocalTime) {
            return b.setTimeValue(((LocalTime) v).toNanoOfDay()).build();
        }
        if (v instanceof Timestamp) {
            return b.setTimestampValue(clockOf((Timestamp) v)).build();
        }
        if (v instanceof LocalDateTime) {
            return b.setTimestampValue(timestamp((LocalDateTime) v)).build();
        }
        if (v instanceof UUID) {
            return b.setUuidValue(uuidBytes((UUID) v)).build();
        }
        if (v instanceof OffsetDateTime || v instanceof Instant || v instanceof ZonedDateTime) {
            Instant i = v instanceof OffsetDateTime o ? o.toInstant()
                    : v instanceof ZonedDateTime z ? z.toInstant() : (Instant) v;
            return b.setTimestampTzValue(LocalTimestamp.newBuilder().setSeconds(i.getEpochSecond())
                    .setNanos(i.getNano())).build();
        }
        if (v instanceof java.util.Date) {
            return b.setTimestampValue(clockOf(new Timestamp(((java.util.Date) v).getTime()))).build();
        }
        throw new SQLDataException("cannot send a " + v.getClass().getName() + " value as a SQL value", "22018");
    }

    private static com.google.protobuf.ByteString uuidBytes(UUID u) {
        return com.google.protobuf.ByteString.copyFrom(ByteBuffer.allocate(UUID_BYTES)
                .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }

    private static UUID uuid(com.google.protobuf.ByteString bytes) throws SQLDataException {
        if (bytes.size() != UUID_BYTES) {
            throw new SQLDataException("malformed UUID value of " + bytes.size() + " bytes", "22018");
        }
        ByteBuffer b = bytes.asReadOnlyByteBuffer();
        return new UUID(b.getLong(), b.getLong());
    }

    private static LocalTimestamp timestamp(LocalDateTime t) {
        return LocalTimestamp.newBuilder().setSeconds(t.toEpochSecond(ZoneOffset.UTC)).setNanos(t.getNano()).build();
    }

    /** A timestamp's clock in this JVM's zone (or its Calendar's), with the offset that recovers its instant. */
    private static LocalTimestamp clockOf(Timestamp t) {
        return timestamp(t.toLocalDateTime()).toBuilder().setClockOffsetSeconds(ClockTimestamp.offsetSeconds(t))
                .build();
    }

    /**
     * A parameter's value as the member uses it: as {@link #decode}, but a TIMESTAMP is a {@link ClockTimestamp}
     * that keeps both the sender's clock and the instant it meant, whatever the member's own zone.
     */
    public static Object decodeParameter(TypedValue v) throws SQLDataException {
        if (v.getValueCase() != TypedValue.ValueCase.TIMESTAMP_VALUE) {
            return decode(v, SqlType.SQL_TYPE_UNSPECIFIED);
        }
        LocalTimestamp t = checkedNanos(v.getTimestampValue(), "TIMESTAMP");
        try {
            return ClockTimestamp.of(LocalDateTime.ofEpochSecond(t.getSeconds(), t.getNanos(), ZoneOffset.UTC),
                    t.getClockOffsetSeconds());
        } catch (DateTimeException | ArithmeticException e) {
            throw new SQLDataException("malformed TIMESTAMP " + t.getSeconds() + "s with clock offset "
                    + t.getClockOffsetSeconds() + "s: " + e.getMessage(), "22018");
        }
    }

    private static LocalTimestamp checkedNanos(LocalTimestamp t, String type) throws SQLDataException {
        if (t.getNanos() < 0 || t.getNanos() > 999_999_999) {
            throw new SQLDataException("malformed " + type + " nanos " + t.getNanos(), "22018");
        }
        return t;
    }

    /**
     * The JDBC value of a wire value in a column (or parameter) of type {@code type}: INTEGER values of SMALLINT
     * columns come back as Short, of TINYINT columns as Integer (JDBC's table B-3), as the embedded driver returns
     * them.
     */
    public static Object decode(TypedValue v, SqlType type) throws SQLDataException {
        switch (v.getValueCase()) {
            case INT64_VALUE: return v.getInt64Value();
            case INT32_VALUE:
                return type == SqlType.SMALLINT ? (Object) (short) v.getInt32Value() : (Object) v.getInt32Value();
            case DOUBLE_VALUE: return v.getDoubleValue();
            case FLOAT_VALUE: return v.getFloatValue();
            case DECIMAL_VALUE:
                try {
                    return new BigDecimal(v.getDecimalValue());
                } catch (NumberFormatException e) {
                    throw new SQLDataException("malformed DECIMAL value '" + v.getDecimalValue() + "'", "22018");
                }
            case BOOL_VALUE: return v.getBoolValue();
            case STRING_VALUE: return v.getStringValue();
            case BYTES_VALUE: return v.getBytesValue().toByteArray();
            case DATE_VALUE: return Date.valueOf(LocalDate.ofEpochDay(v.getDateValue()));
            case TIME_VALUE: return TimesOfDay.time(LocalTime.ofNanoOfDay(checkedNanoOfDay(v.getTimeValue())));
            case TIMESTAMP_VALUE:
                LocalTimestamp t = checkedNanos(v.getTimestampValue(), "TIMESTAMP");
                return ClockTimestamp.exact(LocalDateTime.ofEpochSecond(t.getSeconds(), t.getNanos(), ZoneOffset.UTC));
            case UUID_VALUE: return uuid(v.getUuidValue());
            case TIMESTAMP_TZ_VALUE: {
                LocalTimestamp i = checkedNanos(v.getTimestampTzValue(), "TIMESTAMP WITH TIME ZONE");
                return Instant.ofEpochSecond(i.getSeconds(), i.getNanos()).atOffset(ZoneOffset.UTC);
            }
            case NULL_TYPE: return null;
            default: throw new SQLDataException("a value with no field set (SQL NULL must be explicit)", "22023");
        }
    }

    private static long checkedNanoOfDay(long nanos) throws SQLDataException {
        if (nanos < 0 || nanos >= 86_400_000_000_000L) {
            throw new SQLDataException("malformed TIME value " + nanos + " (nanoseconds since midnight)", "22018");
        }
        return nanos;
    }

    /** The wire type of a java.sql.Types code; types Mnemo has no column of map to SQL_TYPE_UNSPECIFIED. */
    public static SqlType sqlType(int jdbcType) {
        switch (jdbcType) {
            case Types.BIGINT: return SqlType.BIGINT;
            case Types.INTEGER: return SqlType.INTEGER;
            case Types.SMALLINT: return SqlType.SMALLINT;
            case Types.TINYINT: return SqlType.TINYINT;
            case Types.DOUBLE: case Types.FLOAT: return SqlType.DOUBLE;
            case Types.REAL: return SqlType.REAL;
            case Types.DECIMAL: case Types.NUMERIC: return SqlType.DECIMAL;
            case Types.BOOLEAN: case Types.BIT: return SqlType.BOOLEAN;
            case Types.VARCHAR: case Types.LONGVARCHAR: case Types.NVARCHAR: case Types.CLOB: return SqlType.VARCHAR;
            case Types.CHAR: case Types.NCHAR: return SqlType.CHAR;
            case Types.VARBINARY: case Types.BINARY: case Types.LONGVARBINARY: case Types.BLOB:
                return SqlType.VARBINARY;
            case Types.DATE: return SqlType.DATE;
            case Types.TIME: return SqlType.TIME;
            case Types.TIMESTAMP: return SqlType.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE: return SqlType.TIMESTAMP_TZ;
            default: return SqlType.SQL_TYPE_UNSPECIFIED;
        }
    }

    /** The wire type of a column or parameter: a UUID is an OTHER that its type name tells apart. */
    public static SqlType sqlType(int jdbcType, String typeName) {
        return jdbcType == Types.OTHER && "UUID".equals(typeName) ? SqlType.UUID : sqlType(jdbcType);
    }

    /** The java.sql.Types code of a wire type. */
    public static int jdbcType(SqlType type) {
        switch (type) {
            case BIGINT: return Types.BIGINT;
            case INTEGER: return Types.INTEGER;
            case SMALLINT: return Types.SMALLINT;
            case TINYINT: return Types.TINYINT;
            case DOUBLE: return Types.DOUBLE;
            case REAL: return Types.REAL;
            case DECIMAL: return Types.DECIMAL;
            case BOOLEAN: return Types.BOOLEAN;
            case VARCHAR: return Types.VARCHAR;
            case CHAR: return Types.CHAR;
            case VARBINARY: return Types.VARBINARY;
            case DATE: return Types.DATE;
            case TIME: return Types.TIME;
            case TIMESTAMP: return Types.TIMESTAMP;
            case UUID: return Types.OTHER;
            case TIMESTAMP_TZ: return Types.TIMESTAMP_WITH_TIMEZONE;
            default: return Types.NULL;
        }
    }

    /** The SQL spelling of a wire type for metadata; NULL for none. */
    static String typeName(SqlType type) {
        return type == SqlType.SQL_TYPE_UNSPECIFIED ? "NULL" : type == SqlType.TIMESTAMP_TZ
                ? "TIMESTAMP WITH TIME ZONE" : type.name();
    }

    /** The class name {@code getObject} returns for a column of this type. */
    static String className(SqlType type) {
        switch (type) {
            case BIGINT: return Long.class.getName();
            case INTEGER: return Integer.class.getName();
            case SMALLINT: return Short.class.getName();
            case TINYINT: return Integer.class.getName();
            case DOUBLE: return Double.class.getName();
            case REAL: return Float.class.getName();
            case DECIMAL: return BigDecimal.class.getName();
            case BOOLEAN: return Boolean.class.getName();
            case VARCHAR: case CHAR: return String.class.getName();
            case VARBINARY: return byte[].class.getName();
            case DATE: return Date.class.getName();
            case TIME: return Time.class.getName();
            case TIMESTAMP: return Timestamp.class.getName();
            case UUID: return UUID.class.getName();
            case TIMESTAMP_TZ: return OffsetDateTime.class.getName();
            default: return Object.class.getName();
        }
    }
}

package dev.mnemo.sql.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.Map;

/**
 * The typed getters of a result set over JDBC-form values, shared by the embedded and the remote driver: each reads
 * the current row's value through {@link #value(int)} and converts it as JDBC allows (22018 when it cannot).
 */
public abstract class ValueResultSet extends UnsupportedResultSet {
    /**
     * The current row's value of column {@code column} (1-based) in JDBC form, after checking the result set is open
     * and on a row; also records it for {@code wasNull()}.
     */
    protected abstract Object value(int column) throws SQLException;

    /** Whether the connection asked for TIME and TIMESTAMP objects that print as getString does. */
    protected boolean datetimeText() {
        return false;
    }

    protected static SQLDataException cannot(Object v, String to) {
        return new SQLDataException("cannot read " + v.getClass().getSimpleName() + " value " + v + " as " + to,
                "22018");
    }

    @Override
    public Object getObject(int i) throws SQLException {
        Object v = value(i);
        return v instanceof byte[] ? ((byte[]) v).clone() : datetimeText() ? DatetimeText.of(v) : v;
    }

    @Override
    public Object getObject(int i, Map<String, Class<?>> map) throws SQLException {
        return getObject(i);
    }

    @Override
    public String getString(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof byte[]) {
            return HexFormat.of().formatHex((byte[]) v);
        }
        if (v instanceof Time) {
            return TimesOfDay.text((Time) v);
        }
        if (v instanceof Timestamp) {
            return TimesOfDay.text((Timestamp) v);
        }
        if (v instanceof OffsetDateTime) {
            return InstantText.format(((OffsetDateTime) v).toInstant());
        }
        return v.toString();
    }

    @Override
    public String getNString(int i) throws SQLException {
        return getString(i);
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue() != 0;
        }
        Boolean text = v instanceof String ? BooleanText.parse((String) v) : null;
        if (text != null) {
            return text;
        }
        throw cannot(v, "BOOLEAN");
    }

    private BigDecimal decimal(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        if (v instanceof Number) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String) {
            try {
                return new BigDecimal(((String) v).trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "a number");
            }
        }
        throw cannot(v, "a number");
    }

    private long integral(int i, long min, long max, String type) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long x = ((Number) v).longValue();
            if (x < min || x > max) {
                throw new SQLDataException("value " + x + " does not fit " + type, "22003");
            }
            return x;
        }
        BigDecimal d = decimal(i);
        try {
            long x = d.setScale(0, RoundingMode.DOWN).longValueExact();
            if (x < min || x > max) {
                throw new ArithmeticException();
            }
            return x;
        } catch (ArithmeticException e) {
            throw new SQLDataException("value " + d + " does not fit " + type, "22003");
        }
    }

    @Override
    public byte getByte(int i) throws SQLException {
        return (byte) integral(i, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    @Override
    public short getShort(int i) throws SQLException {
        return (short) integral(i, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    @Override
    public int getInt(int i) throws SQLException {
        return (int) integral(i, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    @Override
    public long getLong(int i) throws SQLException {
        return integral(i, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    }

    @Override
    public double getDouble(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return 0;
        }
        return v instanceof Number ? ((Number) v).doubleValue() : decimal(i).doubleValue();
    }

    @Override
    public float getFloat(int i) throws SQLException {
        return (float) getDouble(i);
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        return decimal(i);
    }

    @Override
    @SuppressWarnings("deprecation")
    public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
        BigDecimal d = decimal(i);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).clone();
        }
        if (v instanceof String) {
            return ((String) v).getBytes(StandardCharsets.UTF_8);
        }
        throw cannot(v, "bytes");
    }

    @Override
    public Date getDate(int i) throws SQLException {
        Object v = value(i);
        if (v == null || v instanceof Date) {
            return (Date) v;
        }
        if (v instanceof Timestamp) {
            return Date.valueOf(((Timestamp) v).toLocalDateTime().toLocalDate());
        }
        if (v instanceof String) {
            try {
                return Date.valueOf(((String) v).trim());
            } catch (IllegalArgumentException e) {
                throw cannot(v, "DATE");
            }
        }
        throw cannot(v, "DATE");
    }

    @Override
    public Date getDate(int i, Calendar cal) throws SQLException {
        Date d = getDate(i);
        if (d == null || cal == null) {
            return d;
        }
        // Midnight of the stored date in cal's zone.
        return new Date(d.toLocalDate().atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
    }

    @Override
    public Time getTime(int i) throws SQLException {
        Object v = value(i);
        if (v == null || v instanceof Time) {
            return (Time) v;
        }
        if (v instanceof Timestamp) {
            return TimesOfDay.time(((Timestamp) v).toLocalDateTime().toLocalTime());
        }
        if (v instanceof String) {
            try {
                return Time.valueOf(((String) v).trim());
            } catch (IllegalArgumentException e) {
                throw cannot(v, "TIME");
            }
        }
        throw cannot(v, "TIME");
    }

    @Override
    public Time getTime(int i, Calendar cal) throws SQLException {
        Time t = getTime(i);
        if (t == null || cal == null) {
            return t;
        }
        return new Time(TimesOfDay.localTime(t).atDate(LocalDate.EPOCH).atZone(cal.getTimeZone().toZoneId())
                .toInstant().toEpochMilli());
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        Object v = value(i);
        if (v == null || v instanceof Timestamp) {
            return (Timestamp) v;
        }
        if (v instanceof OffsetDateTime) {
            return Timestamp.from(((OffsetDateTime) v).toInstant());
        }
        if (v instanceof Date) {
            return ClockTimestamp.exact(((Date) v).toLocalDate().atStartOfDay());
        }
        if (v instanceof String) {
            try {
                return Timestamp.valueOf(((String) v).trim());
            } catch (IllegalArgumentException e) {
                throw cannot(v, "TIMESTAMP");
            }
        }
        throw cannot(v, "TIMESTAMP");
    }

    @Override
    public Timestamp getTimestamp(int i, Calendar cal) throws SQLException {
        Timestamp t = getTimestamp(i);
        if (t == null || cal == null || value(i) instanceof OffsetDateTime) {
            return t; // an instant is the same in every zone
        }
        // The instant at which a clock in cal's zone shows the stored date and time.
        return Timestamp.from(t.toLocalDateTime().atZone(cal.getTimeZone().toZoneId()).toInstant());
    }

    @Override
    public <T> T getObject(int i, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("type must not be null", "HY009");
        }
        Object v = value(i);
        if (v == null) {
            return null;
        }
        Object out;
        if (type == String.class) {
            out = getString(i);
        } else if (type == Long.class) {
            out = getLong(i);
        } else if (type == Integer.class) {
            out = getInt(i);
        } else if (type == Short.class) {
            out = getShort(i);
        } else if (type == Byte.class) {
            out = getByte(i);
        } else if (type == Double.class) {
            out = getDouble(i);
        } else if (type == Float.class) {
            out = getFloat(i);
        } else if (type == BigDecimal.class) {
            out = getBigDecimal(i);
        } else if (type == Boolean.class) {
            out = getBoolean(i);
        } else if (type == byte[].class) {
            out = getBytes(i);
        } else if (type == LocalDate.class) {
            out = getDate(i).toLocalDate();
        } else if (type == LocalTime.class) {
            out = TimesOfDay.localTime(getTime(i));
        } else if (v instanceof OffsetDateTime && (type == Instant.class || type == ZonedDateTime.class
                || type == LocalDateTime.class)) {
            OffsetDateTime o = (OffsetDateTime) v;
            out = type == Instant.class ? o.toInstant() : type == ZonedDateTime.class ? o.toZonedDateTime()
                    : o.toLocalDateTime();
        } else if (type == LocalDateTime.class) {
            out = getTimestamp(i).toLocalDateTime();
        } else if (type == Date.class) {
            out = getDate(i);
        } else if (type == Time.class) {
            out = getTime(i);
        } else if (type == Timestamp.class) {
            out = getTimestamp(i);
        } else if (type.isInstance(v)) {
            out = v;
        } else {
            throw cannot(v, type.getSimpleName());
        }
        return type.cast(out);
    }

    // ---- getters by label ----------------------------------------------------------------------------------

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    @SuppressWarnings("deprecation")
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }
}

package dev.mnemo.sql.client;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The PreparedStatement setters both drivers answer alike. Typed values go through {@link #setObject(int, Object)},
 * which must copy a byte array it keeps, and a typed NULL through {@link #setNull(int, int)}; with a Calendar,
 * a date, time or timestamp is the one its instant shows in the Calendar's zone (values are stored zone-less,
 * as SQL's DATE, TIME and TIMESTAMP are), while a TIMESTAMP WITH TIME ZONE keeps a timestamp's instant; a Clob
 * or Blob is read whole into a string or bytes; streams, NCLOBs, arrays, refs, row ids, SQLXML and URLs are
 * refused with SQLState 0A000.
 */
public interface DefaultParameterSetters extends PreparedStatement {
    private static SQLFeatureNotSupportedException refused(String method) {
        return new SQLFeatureNotSupportedException("Statement." + method + " is not supported by Mnemo", "0A000");
    }

    @Override
    default void setNull(int i, int sqlType, String typeName) throws SQLException {
        setNull(i, sqlType);
    }

    @Override
    default void setBoolean(int i, boolean x) throws SQLException {
        setObject(i, x);
    }

    /** A TINYINT travels as a SMALLINT: Mnemo stores both alike. */
    @Override
    default void setByte(int i, byte x) throws SQLException {
        setObject(i, (short) x);
    }

    @Override
    default void setShort(int i, short x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setInt(int i, int x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setLong(int i, long x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setFloat(int i, float x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setDouble(int i, double x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setBigDecimal(int i, BigDecimal x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setString(int i, String x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setNString(int i, String x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setBytes(int i, byte[] x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setDate(int i, Date x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setDate(int i, Date x, Calendar cal) throws SQLException {
        // x is midnight of the date in cal's zone: that date is the value.
        setObject(i, x == null || cal == null ? x
                : java.time.Instant.ofEpochMilli(x.getTime()).atZone(zoneOf(cal)).toLocalDate());
    }

    @Override
    default void setTime(int i, Time x) throws SQLException {
        setObject(i, x);
    }

    @Override
    default void setTime(int i, Time x, Calendar cal) throws SQLException {
        setObject(i, x == null || cal == null ? x
                : java.time.Instant.ofEpochMilli(x.getTime()).atZone(zoneOf(cal)).toLocalTime());
    }

    @Override
    default void setTimestamp(int i, Timestamp x) throws SQLException {
        setObject(i, x);
    }

    /**
     * {@code x} is an instant: a TIMESTAMP WITH TIME ZONE stores it as it is, a TIMESTAMP stores the date and time a
     * clock in cal's zone shows at it.
     */
    @Override
    default void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        setObject(i, x == null || cal == null ? x : ClockTimestamp.of(x.toInstant(), zoneOf(cal)));
    }

    private static java.time.ZoneId zoneOf(Calendar cal) {
        return cal.getTimeZone().toZoneId();
    }

    @Override
    default void setClob(int i, Clob x) throws SQLException {
        setString(i, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    default void setBlob(int i, Blob x) throws SQLException {
        setBytes(i, x == null ? null : x.getBytes(1, (int) x.length()));
    }

    @Override
    default void setCharacterStream(int i, Reader reader, int length) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    default void setCharacterStream(int i, Reader reader, long length) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    default void setCharacterStream(int i, Reader reader) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    default void setAsciiStream(int i, InputStream x, int length) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    default void setAsciiStream(int i, InputStream x, long length) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    default void setAsciiStream(int i, InputStream x) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    default void setBinaryStream(int i, InputStream x, int length) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    default void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    default void setBinaryStream(int i, InputStream x) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    @SuppressWarnings("deprecation")
    default void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
        throw refused("setUnicodeStream");
    }

    @Override
    default void setNCharacterStream(int i, Reader value, long length) throws SQLException {
        throw refused("setNCharacterStream");
    }

    @Override
    default void setNCharacterStream(int i, Reader value) throws SQLException {
        throw refused("setNCharacterStream");
    }

    @Override
    default void setBlob(int i, InputStream inputStream, long length) throws SQLException {
        throw refused("setBlob");
    }

    @Override
    default void setBlob(int i, InputStream inputStream) throws SQLException {
        throw refused("setBlob");
    }

    @Override
    default void setClob(int i, Reader reader, long length) throws SQLException {
        throw refused("setClob");
    }

    @Override
    default void setClob(int i, Reader reader) throws SQLException {
        throw refused("setClob");
    }

    @Override
    default void setNClob(int i, NClob value) throws SQLException {
        throw refused("setNClob");
    }

    @Override
    default void setNClob(int i, Reader reader, long length) throws SQLException {
        throw refused("setNClob");
    }

    @Override
    default void setNClob(int i, Reader reader) throws SQLException {
        throw refused("setNClob");
    }

    @Override
    default void setArray(int i, Array x) throws SQLException {
        throw refused("setArray");
    }

    @Override
    default void setRef(int i, Ref x) throws SQLException {
        throw refused("setRef");
    }

    @Override
    default void setRowId(int i, RowId x) throws SQLException {
        throw refused("setRowId");
    }

    @Override
    default void setSQLXML(int i, SQLXML xmlObject) throws SQLException {
        throw refused("setSQLXML");
    }

    @Override
    default void setURL(int i, URL x) throws SQLException {
        throw refused("setURL");
    }
}

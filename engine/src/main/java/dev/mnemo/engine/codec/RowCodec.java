package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableSchema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/**
 * The compact binary form of a row: a null bitmap, then each non-null value in column order — fixed-width
 * numbers big-endian, strings and binaries as a varint length and their bytes, DECIMAL as its unscaled value
 * (8 bytes up to 18 digits, else a length-prefixed two's complement), UUID as its 16 bytes. NULLs take no space.
 */
public final class RowCodec {
    private static final int DECIMAL_LONG_DIGITS_MAX = 18;

    private RowCodec() {
    }

    /** Appends the encoding of already-coerced {@code values} of {@code schema} to {@code out}. */
    public static void encode(TableSchema schema, Object[] values, ByteSink out) {
        int n = schema.columnCount();
        int bitmapAt = out.size();
        for (int i = 0; i < (n + 7) / 8; i++) {
            out.put(0);
        }
        for (int i = 0; i < n; i++) {
            if (values[i] == null) {
                out.array()[bitmapAt + i / 8] |= (byte) (1 << (i % 8));
            } else {
                encodeValue(schema.column(i).type(), values[i], out);
            }
        }
    }

    static void encodeValue(ColumnType type, Object v, ByteSink out) {
        switch (type.kind()) {
            case BIGINT: out.putLong((Long) v); break;
            case INTEGER: out.putInt((Integer) v); break;
            case SMALLINT: out.putShort((Short) v); break;
            case DOUBLE: out.putLong(Double.doubleToRawLongBits((Double) v)); break;
            case REAL: out.putInt(Float.floatToRawIntBits((Float) v)); break;
            case BOOLEAN: out.put((Boolean) v ? 1 : 0); break;
            case DECIMAL: encodeDecimal(type, (BigDecimal) v, out); break;
            case VARCHAR: case CHAR: out.putString((String) v); break;
            case VARBINARY: out.putBlob((byte[]) v); break;
            case DATE: out.putInt((int) ((LocalDate) v).toEpochDay()); break;
            case TIME: out.putLong(((LocalTime) v).toNanoOfDay()); break;
            case TIMESTAMP: encodeTimestamp((LocalDateTime) v, out); break;
            case UUID: KeyCodec.encodeUuid((UUID) v, out); break;
            case TIMESTAMP_TZ: encodeTimestamp(((java.time.OffsetDateTime) v).toLocalDateTime(), out); break;
            default: throw new IllegalStateException("unhandled type kind " + type.kind());
        }
    }

    private static void encodeDecimal(ColumnType type, BigDecimal v, ByteSink out) {
        BigInteger unscaled = v.setScale(type.scale()).unscaledValue();
        if (type.length() <= DECIMAL_LONG_DIGITS_MAX) {
            out.putLong(unscaled.longValueExact());
        } else {
            out.putBlob(unscaled.toByteArray());
        }
    }

    private static void encodeTimestamp(LocalDateTime v, ByteSink out) {
        out.putLong(v.toEpochSecond(java.time.ZoneOffset.UTC));
        out.putInt(v.getNano());
    }

    /** Decodes a row written under {@code schema} from {@code len} bytes at {@code off}. */
    public static Object[] decode(TableSchema schema, byte[] buf, int off, int len) {
        int n = schema.columnCount();
        Bytes.Reader r = new Bytes.Reader(buf, off, len);
        int bitmap = r.position();
        r.skip((n + 7) / 8);
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            if ((buf[bitmap + i / 8] & (1 << (i % 8))) == 0) {
                values[i] = decodeValue(schema.column(i).type(), r);
            }
        }
        return values;
    }

    static Object decodeValue(ColumnType type, Bytes.Reader r) {
        switch (type.kind()) {
            case BIGINT: return r.getLong();
            case INTEGER: return r.getInt();
            case SMALLINT: return (short) r.getShort();
            case DOUBLE: return Double.longBitsToDouble(r.getLong());
            case REAL: return Float.intBitsToFloat(r.getInt());
            case BOOLEAN: return r.get() != 0;
            case DECIMAL: return decodeDecimal(type, r);
            case VARCHAR: case CHAR: return r.getString();
            case VARBINARY: return r.getBlob();
            case DATE: return LocalDate.ofEpochDay(r.getInt());
            case TIME: return LocalTime.ofNanoOfDay(r.getLong());
            case TIMESTAMP: return LocalDateTime.ofEpochSecond(r.getLong(), r.getInt(), java.time.ZoneOffset.UTC);
            case UUID: return new UUID(r.getLong(), r.getLong());
            case TIMESTAMP_TZ: return LocalDateTime.ofEpochSecond(r.getLong(), r.getInt(), java.time.ZoneOffset.UTC)
                    .atOffset(java.time.ZoneOffset.UTC);
            default: throw new IllegalStateException("unhandled type kind " + type.kind());
        }
    }

    private static BigDecimal decodeDecimal(ColumnType type, Bytes.Reader r) {
        if (type.length() <= DECIMAL_LONG_DIGITS_MAX) {
            return BigDecimal.valueOf(r.getLong(), type.scale());
        }
        return new BigDecimal(new BigInteger(r.getBlob()), type.scale());
    }
}

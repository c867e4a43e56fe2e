package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An order-preserving, self-delimiting encoding of key values: comparing two encodings byte by byte (unsigned)
 * orders them as their values, component by component, with NULL first. Because every component delimits
 * itself, a composite key sorts by its first column, then its second, and a key is a prefix of every longer
 * key that starts with the same values — which is what ordered scans and index prefix lookups rely on.
 * Text is its UTF-8 ({@link Utf8}), so valid strings order by code point; a lone UTF-16 surrogate, kept as the
 * 3-byte form of its value, sorts where that value would as a code point: after U+D7FF, before U+E000 (and so
 * before every supplementary character, which UTF-16 order would put among the surrogates).
 */
public final class KeyCodec {
    private static final int NULL_TAG = 0x00;
    private static final int VALUE_TAG = 0x01;
    private static final int ESCAPE = 0xFF;

    private KeyCodec() {
    }

    /** Appends the encoding of one coerced value (or NULL) of {@code type}. */
    public static void encode(ColumnType type, Object v, ByteSink out) {
        if (v == null) {
            out.put(NULL_TAG);
            return;
        }
        out.put(VALUE_TAG);
        switch (type.kind()) {
            case BIGINT: out.putLong((Long) v ^ Long.MIN_VALUE); break;
            case INTEGER: out.putInt((Integer) v ^ Integer.MIN_VALUE); break;
            case SMALLINT: out.putShort(((Short) v ^ Short.MIN_VALUE) & 0xFFFF); break;
            case DOUBLE: out.putLong(orderedDoubleBits((Double) v)); break;
            case REAL: out.putInt(orderedFloatBits((Float) v)); break;
            case BOOLEAN: out.put((Boolean) v ? 1 : 0); break;
            case DECIMAL: encodeDecimal((BigDecimal) v, type, out); break;
            case VARCHAR: case CHAR: encodeBytes(Utf8.encode((String) v), out); break;
            case VARBINARY: encodeBytes((byte[]) v, out); break;
            case DATE: out.putLong(((LocalDate) v).toEpochDay() ^ Long.MIN_VALUE); break;
            case TIME: out.putLong(((LocalTime) v).toNanoOfDay()); break;
            case TIMESTAMP: encodeTimestamp((LocalDateTime) v, out); break;
            case UUID: encodeUuid((UUID) v, out); break;
            // Rows hold the instant at UTC, so its date and time order as the instant does.
            case TIMESTAMP_TZ: encodeTimestamp(((java.time.OffsetDateTime) v).toLocalDateTime(), out); break;
            default: throw new IllegalStateException("unhandled type kind " + type.kind());
        }
    }

    /** Encodes a whole key: one component per type. */
    public static byte[] encode(ColumnType[] types, Object[] values) {
        ByteSink out = new ByteSink(16);
        for (int i = 0; i < types.length; i++) {
            encode(types[i], values[i], out);
        }
        return out.toByteArray();
    }

    private static long orderedDoubleBits(double d) {
        if (d == 0.0) {
            d = 0.0; // -0.0 and 0.0 are one key
        }
        long bits = Double.doubleToLongBits(d);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static int orderedFloatBits(float f) {
        if (f == 0.0f) {
            f = 0.0f;
        }
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    }

    private static void encodeTimestamp(LocalDateTime v, ByteSink out) {
        out.putLong(v.toEpochSecond(ZoneOffset.UTC) ^ Long.MIN_VALUE);
        out.putInt(v.getNano());
    }

    /**
     * The 16 bytes big-endian, which compared unsigned order identifiers as their text does (Java's compareTo
     * compares the halves signed). Rows hold the same 16 bytes.
     */
    static void encodeUuid(UUID v, ByteSink out) {
        out.putLong(v.getMostSignificantBits());
        out.putLong(v.getLeastSignificantBits());
    }

    /** Scale is fixed per column, so unscaled values order as integers: sign, length, magnitude. */
    private static void encodeDecimal(BigDecimal v, ColumnType type, ByteSink out) {
        BigInteger unscaled = v.setScale(type.scale()).unscaledValue();
        int sign = unscaled.signum();
        out.put(sign + 1);
        if (sign == 0) {
            return;
        }
        byte[] mag = unscaled.abs().toByteArray();
        int start = mag[0] == 0 ? 1 : 0;
        int len = mag.length - start;
        out.put(sign > 0 ? len : 0xFF - len);
        for (int i = start; i < mag.length; i++) {
            out.put(sign > 0 ? mag[i] : ~mag[i]);
        }
    }

    /** 0x00 becomes 0x00 0xFF; the value ends with 0x00 0x00, which sorts before any continuation. */
    private static void encodeBytes(byte[] b, ByteSink out) {
        for (byte x : b) {
            out.put(x);
            if (x == 0) {
                out.put(ESCAPE);
            }
        }
        out.put(0).put(0);
    }

    /** Returns the position just past the component of {@code type} that starts at {@code pos}. */
    public static int skip(ColumnType type, byte[] buf, int pos) {
        if ((buf[pos] & 0xFF) == NULL_TAG) {
            return pos + 1;
        }
        pos++;
        switch (type.kind()) {
            case BIGINT: case DOUBLE: case DATE: case TIME: return pos + 8;
            case INTEGER: case REAL: return pos + 4;
            case SMALLINT: return pos + 2;
            case BOOLEAN: return pos + 1;
            case TIMESTAMP: case TIMESTAMP_TZ: return pos + 12;
            case UUID: return pos + 16;
            case DECIMAL: return skipDecimal(buf, pos);
            case VARCHAR: case CHAR: case VARBINARY: return skipBytes(buf, pos);
            default: throw new IllegalStateException("unhandled type kind " + type.kind());
        }
    }

    private static int skipDecimal(byte[] buf, int pos) {
        int sign = (buf[pos] & 0xFF) - 1;
        if (sign == 0) {
            return pos + 1;
        }
        int lenByte = buf[pos + 1] & 0xFF;
        int len = sign > 0 ? lenByte : 0xFF - lenByte;
        return pos + 2 + len;
    }

    private static int skipBytes(byte[] buf, int pos) {
        while (true) {
            if (buf[pos] == 0) {
                if ((buf[pos + 1] & 0xFF) == ESCAPE) {
                    pos += 2;
                    continue;
                }
                return pos + 2;
            }
            pos++;
        }
    }
}

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
 *
 * <p>Text is encoded char by char ({@link Utf8#encodeCodeUnits}): each UTF-16 code unit in the UTF-8 form of its
 * value, so a character above U+FFFF is its two surrogates, 3 bytes each (CESU-8's form), and keys order text as
 * {@link String#compareTo} and SQL do, by code unit. UTF-8 proper would order it by code point, which differs where a
 * character above U+FFFF meets one in U+E000..U+FFFF (fullwidth forms, private use): code points put the former
 * after, code units before. Text without such a character encodes as its UTF-8. Only keys are encoded so: keys are
 * never decoded, only compared, whereas rows ({@link RowCodec}) are decoded and never compared as bytes, so they stay
 * UTF-8. Builds of data format 10 and older wrote keys in UTF-8; {@link #upgradeText} turns such a key into this
 * encoding.
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
            case VARCHAR: case CHAR: encodeBytes(Utf8.encodeCodeUnits((String) v), out); break;
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

    /**
     * A key, or a key prefix (its first components), of components of {@code types} as data format 10 and older wrote
     * it, in this build's encoding: each text component that holds a character above U+FFFF (a 4-byte UTF-8 form,
     * its lead byte 0xF0 to 0xF4) encoded again, as its surrogates. Returns {@code key} itself when nothing changes,
     * which is every key this build writes (its text holds no byte above 0xEF), so calling it on a key of either
     * encoding is safe; and so too on bytes that are no key of these types (they do not parse, or a text component
     * does not decode), which come back unchanged.
     */
    public static byte[] upgradeText(ColumnType[] types, byte[] key) {
        if (!mayHoldOlderText(key) || !hasText(types)) {
            return key;
        }
        try {
            ByteSink out = null;
            int pos = 0;
            for (int i = 0; i < types.length && pos < key.length; i++) {
                int end = skip(types[i], key, pos);
                if (isText(types[i]) && end - pos > 1 && hasFourByteLead(key, pos, end)) {
                    if (out == null) {
                        out = new ByteSink(key.length + 8);
                        out.put(key, 0, pos);
                    }
                    out.put(VALUE_TAG);
                    encodeBytes(Utf8.encodeCodeUnits(unescapedText(key, pos + 1, end - 2)), out);
                } else if (out != null) {
                    out.put(key, pos, end - pos);
                }
                pos = end;
            }
            if (out == null || pos != key.length) {
                return key;
            }
            return out.toByteArray();
        } catch (ArrayIndexOutOfBoundsException | CorruptDataException e) {
            return key; // not a key of these types: left as it is
        }
    }

    /**
     * False if {@code key} (null for none) holds no text that {@link #upgradeText} would encode again: no byte that
     * starts a 4-byte UTF-8 form, which text in this build's keys never holds (numbers and other values may).
     */
    public static boolean mayHoldOlderText(byte[] key) {
        return key != null && hasFourByteLead(key, 0, key.length);
    }

    private static boolean hasText(ColumnType[] types) {
        for (ColumnType t : types) {
            if (isText(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isText(ColumnType t) {
        return t.kind() == ColumnType.Kind.VARCHAR || t.kind() == ColumnType.Kind.CHAR;
    }

    private static boolean hasFourByteLead(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int x = b[i] & 0xFF;
            if (x >= 0xF0 && x <= 0xF4) {
                return true;
            }
        }
        return false;
    }

    /** The text of the escaped bytes from {@code from} up to {@code to} (where its 0x00 0x00 end starts). */
    private static String unescapedText(byte[] key, int from, int to) {
        ByteSink raw = new ByteSink(to - from);
        for (int i = from; i < to; i++) {
            raw.put(key[i]);
            if (key[i] == 0) {
                i++; // the escape that follows a 0x00 within the value
            }
        }
        return Utf8.decode(raw.array(), 0, raw.size());
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

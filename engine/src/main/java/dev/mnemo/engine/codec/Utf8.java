package dev.mnemo.engine.codec;

import java.nio.charset.StandardCharsets;

/**
 * The engine's one text-to-bytes path: UTF-8 for every valid string, and a lone UTF-16 surrogate as the 3-byte
 * form of its own value (ED A0 80 to ED BF BF) where the JDK's encoder would write '?', so any char sequence
 * comes back unchanged and two distinct strings never share bytes. A valid string's bytes are exactly its
 * UTF-8, so data written before lone surrogates were kept reads the same.
 */
public final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** The bytes of {@code s}, lone surrogates included. */
    public static byte[] encode(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return encodeWithSurrogates(s);
            }
        }
        // No surrogate at all: the JDK's encoder writes the same bytes, faster.
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encodeWithSurrogates(String s) {
        ByteSink out = new ByteSink(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put(0xF0 | cp >> 18).put(0x80 | cp >> 12 & 0x3F).put(0x80 | cp >> 6 & 0x3F).put(0x80 | cp & 0x3F);
            } else {
                putChar(c, out); // a lone surrogate too, as the 3-byte form of its value
            }
        }
        return out.toByteArray();
    }

    /**
     * The bytes of {@code s} char by char, each UTF-16 code unit in the 1-, 2- or 3-byte form of its value, a
     * supplementary character so as its two surrogates (CESU-8's form): compared as unsigned bytes, two such encodings
     * order as their strings by {@link String#compareTo}, which UTF-8's code point order does not (it puts a character
     * above U+FFFF after U+E000..U+FFFF, UTF-16 among the surrogates, before them). Keys use it ({@link KeyCodec}); a
     * string without a supplementary character has the same bytes as by {@link #encode}.
     */
    public static byte[] encodeCodeUnits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                ByteSink out = new ByteSink(s.length() * 3);
                for (int k = 0; k < s.length(); k++) {
                    putChar(s.charAt(k), out);
                }
                return out.toByteArray();
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putChar(char c, ByteSink out) {
        if (c < 0x80) {
            out.put(c);
        } else if (c < 0x800) {
            out.put(0xC0 | c >> 6).put(0x80 | c & 0x3F);
        } else {
            out.put(0xE0 | c >> 12).put(0x80 | c >> 6 & 0x3F).put(0x80 | c & 0x3F);
        }
    }

    /**
     * The string {@link #encode} wrote as the {@code len} bytes at {@code off}; also what {@link #encodeCodeUnits}
     * wrote, whose surrogates' 3-byte forms decode to those surrogates, a pair to its character.
     */
    public static String decode(byte[] buf, int off, int len) {
        String s = new String(buf, off, len, StandardCharsets.UTF_8);
        // The JDK's decoder turns a lone surrogate's bytes into U+FFFD; only then decode by hand.
        return s.indexOf(REPLACEMENT) < 0 ? s : decodeWithSurrogates(buf, off, len);
    }

    private static String decodeWithSurrogates(byte[] buf, int off, int len) {
        StringBuilder out = new StringBuilder(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            int b = buf[i] & 0xFF;
            int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            if (b >= 0x80 && b < 0xC0 || b >= 0xF8 || i + n > end) {
                throw new CorruptDataException("malformed text byte 0x" + Integer.toHexString(b) + " at " + (i - off));
            }
            int cp = n == 1 ? b : b & (0xFF >> (n + 1));
            for (int k = 1; k < n; k++) {
                int next = buf[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    throw new CorruptDataException("malformed text continuation at " + (i + k - off));
                }
                cp = cp << 6 | next & 0x3F;
            }
            if (cp > Character.MAX_CODE_POINT) {
                throw new CorruptDataException("text code point past U+10FFFF at " + (i - off));
            }
            out.appendCodePoint(cp);
            i += n;
        }
        return out.toString();
    }
}

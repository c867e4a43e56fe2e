package dev.mnemo.engine.codec;

import dev.mnemo.engine.TypeMismatchException;

import java.util.UUID;

/**
 * The canonical text of a UUID, {@code 8-4-4-4-12} hexadecimal digits of either case, read strictly: Java's own
 * {@code UUID.fromString} also takes shortened groups ({@code 1-2-3-4-5}), which no other database reads as a UUID.
 */
public final class UuidText {
    private static final int LENGTH = 36;

    private UuidText() {
    }

    /** {@code text} (surrounding blanks ignored) as a UUID; anything else than the canonical form fails with 22018. */
    public static UUID parse(String text) {
        String s = text.strip();
        if (s.length() != LENGTH) {
            throw invalid(text);
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    throw invalid(text);
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
                throw invalid(text);
            }
            if (digits++ < 16) {
                high = high << 4 | d;
            } else {
                low = low << 4 | d;
            }
        }
        return new UUID(high, low);
    }

    private static TypeMismatchException invalid(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new TypeMismatchException("'" + shown + "' is no UUID: expected 32 hexadecimal digits as "
                + "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    }
}

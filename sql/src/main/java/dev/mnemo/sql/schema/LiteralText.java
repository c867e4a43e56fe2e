package dev.mnemo.sql.schema;

import dev.mnemo.sql.client.InstantText;
import dev.mnemo.sql.client.TimesOfDay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.UUID;

/** Engine values written as the SQL literals that write them back: column defaults in metadata, and dumps. */
public final class LiteralText {
    private LiteralText() {
    }

    /**
     * The literal of a value: a text in single quotes ({@code 'it''s'}), a number or boolean as it is ({@code 1.50},
     * {@code TRUE}), a binary or datetime with its prefix ({@code X'CAFE'}, {@code DATE '2024-02-29'},
     * {@code TIME '08:30:00'}, {@code TIMESTAMP '2024-02-29 12:00:00.5'},
     * {@code TIMESTAMP WITH TIME ZONE '2024-02-29 12:00:00+00:00'}, {@code UUID '123e4567-...'}); {@code NULL} for
     * null.
     */
    public static String of(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String) {
            return "'" + ((String) v).replace("'", "''") + "'";
        }
        if (v instanceof byte[]) {
            return "X'" + HexFormat.of().withUpperCase().formatHex((byte[]) v) + "'";
        }
        if (v instanceof LocalDate) {
            return "DATE '" + v + "'";
        }
        if (v instanceof LocalTime) {
            return "TIME '" + TimesOfDay.clock((LocalTime) v) + "'";
        }
        if (v instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) v;
            return "TIMESTAMP '" + t.toLocalDate() + " " + TimesOfDay.clock(t.toLocalTime()) + "'";
        }
        if (v instanceof OffsetDateTime) {
            return "TIMESTAMP WITH TIME ZONE '" + InstantText.format(((OffsetDateTime) v).toInstant()) + "'";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "TRUE" : "FALSE";
        }
        if (v instanceof UUID) {
            return "UUID '" + v + "'";
        }
        return v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString();
    }

    /**
     * The literal of a value that reads back exactly and fits on one line, for a script of statements one a line:
     * a text with line breaks or other control characters, or characters beyond ISO-8859-1 (the character set of
     * a literal), as a concatenation ({@code 'a' || CHR(10) || 'b'}); a DOUBLE or REAL in the shortest digits that
     * read back as the same number, as an approximate literal ({@code 0.1E0}; a REAL through the DOUBLE that holds
     * it exactly); NaN, the infinities and -0 as the cast of their text ({@code CAST('NaN' AS DOUBLE)}), since SQL
     * has no literal for them.
     */
    public static String exact(Object v) {
        if (v instanceof String && ((String) v).chars().anyMatch(LiteralText::escaped)) {
            return concatenation((String) v);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            String type = v instanceof Double ? "DOUBLE" : "REAL";
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0 && 1 / d < 0) {
                return "CAST('" + (d == 0 ? "-0.0" : Double.toString(d)) + "' AS " + type + ")";
            }
            String digits = Double.toString(d);
            return digits.contains("E") ? digits : digits + "E0";
        }
        return of(v);
    }

    /** A control character, or one that no literal of Calcite's default character set (ISO-8859-1) holds. */
    private static boolean escaped(int c) {
        return Character.isISOControl(c) || c > 0xFF;
    }

    /**
     * A text as literals of its characters up to U+00FF but the control characters, joined by {@code ||} with a
     * {@code CHR(code point)} for each of the others: Calcite holds literals in ISO-8859-1, and its Unicode strings
     * ({@code U&'...'}) in another character set, which a column of a multi-row VALUES cannot mix with the first.
     */
    private static String concatenation(String s) {
        StringJoiner parts = new StringJoiner(" || ");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int c = s.codePointAt(i);
            if (escaped(c)) {
                if (b.length() > 0) {
                    parts.add(of(b.toString()));
                    b.setLength(0);
                }
                parts.add("CHR(" + c + ")");
            } else {
                b.append((char) c);
            }
        }
        if (b.length() > 0) {
            parts.add(of(b.toString()));
        }
        return parts.toString();
    }
}

package dev.mnemo.sql.client;

/** How text reads as a BOOLEAN, alike for result set getters and for values converted to a BOOLEAN column. */
public final class BooleanText {
    private BooleanText() {
    }

    /** {@code true} for "true" or "1", {@code false} for "false" or "0" (case and outer blanks aside), else null. */
    public static Boolean parse(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return true;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return false;
        }
        return null;
    }
}

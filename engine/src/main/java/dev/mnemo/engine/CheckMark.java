package dev.mnemo.engine;

/**
 * What a table's schema records of the check constraints a layer above the engine keeps for it: {@code value}, a
 * text that layer sets and alone reads (empty for none), and {@code version}, the schema version that set it. A
 * write of a row encoded under an older schema version than {@code version} conflicts, so a write ordered after a
 * change of the checks was made under them; the engine knows nothing else of checks.
 */
public record CheckMark(String value, int version) {
    /** A table that has no checks and never had any. */
    public static final CheckMark NONE = new CheckMark("", 0);

    public CheckMark {
        if (value == null) {
            throw new IllegalArgumentException("a check mark has a value (empty for none)");
        }
    }

    /** True when the layer above set no checks. */
    public boolean isEmpty() {
        return value.isEmpty();
    }
}

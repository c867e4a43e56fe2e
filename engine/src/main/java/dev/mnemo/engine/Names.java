package dev.mnemo.engine;

import java.util.Locale;

/** Checks and normalizes the names of tables, columns and indexes. */
final class Names {
    static final int NAME_CHARS_MAX = 128;

    private Names() {
    }

    /** Returns the name in upper case (identifiers are case-insensitive, as unquoted SQL identifiers). */
    static String check(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new SchemaException(what + " name must not be empty");
        }
        if (name.length() > NAME_CHARS_MAX) {
            throw new SchemaException(what + " name longer than " + NAME_CHARS_MAX + " characters: " + name);
        }
        return name.toUpperCase(Locale.ROOT);
    }
}

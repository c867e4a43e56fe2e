package dev.mnemo.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A secondary index: a name, the columns it covers, whether entries must be unique, and whether it keeps
 * them in order (range scans) or hashed (equality only).
 */
public final class IndexDef {
    private final String name;
    private final List<String> columns;
    private final boolean unique;
    private final boolean ordered;

    private IndexDef(String name, List<String> columns, boolean unique, boolean ordered) {
        this.name = Names.check("index", name);
        if (columns.isEmpty()) {
            throw new SchemaException("index " + name + " must cover at least one column");
        }
        List<String> normalized = new ArrayList<>();
        for (String c : columns) {
            normalized.add(Names.check("column", c));
        }
        this.columns = List.copyOf(normalized);
        this.unique = unique;
        this.ordered = ordered;
    }

    /** A non-unique hash index on the given columns. */
    public static IndexDef hash(String name, String... columns) {
        return new IndexDef(name, List.of(columns), false, false);
    }

    /** A non-unique ordered index on the given columns. */
    public static IndexDef ordered(String name, String... columns) {
        return new IndexDef(name, List.of(columns), false, true);
    }

    /** Rebuilds an index definition from its parts. */
    public static IndexDef of(String name, List<String> columns, boolean unique, boolean ordered) {
        return new IndexDef(name, columns, unique, ordered);
    }

    /** The same index, requiring unique entries (rows with a NULL in an indexed column are exempt, as in SQL). */
    public IndexDef unique() {
        return new IndexDef(name, columns, true, ordered);
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public boolean isUnique() {
        return unique;
    }

    public boolean isOrdered() {
        return ordered;
    }

    @Override
    public String toString() {
        return (unique ? "UNIQUE " : "") + (ordered ? "ORDERED" : "HASH") + " INDEX " + name + columns;
    }
}

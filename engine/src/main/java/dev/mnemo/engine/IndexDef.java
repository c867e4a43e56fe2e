package dev.mnemo.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A secondary index: a name, the columns it covers, whether entries must be unique, whether it keeps them in order
 * (range scans) or hashed (equality only), and whether Mnemo made it for a foreign key rather than a user for itself.
 */
public final class IndexDef {
    private final String name;
    private final List<String> columns;
    private final boolean unique;
    private final boolean ordered;
    private final boolean forForeignKey;

    private IndexDef(String name, List<String> columns, boolean unique, boolean ordered, boolean forForeignKey) {
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
        this.forForeignKey = forForeignKey;
    }

    /** A non-unique hash index on the given columns. */
    public static IndexDef hash(String name, String... columns) {
        return new IndexDef(name, List.of(columns), false, false, false);
    }

    /** A non-unique ordered index on the given columns. */
    public static IndexDef ordered(String name, String... columns) {
        return new IndexDef(name, List.of(columns), false, true, false);
    }

    /** Rebuilds an index definition from its parts. */
    public static IndexDef of(String name, List<String> columns, boolean unique, boolean ordered) {
        return new IndexDef(name, columns, unique, ordered, false);
    }

    /**
     * The hash index Mnemo makes on the columns of a foreign key that no index covers, so that finding a parent's
     * children never scans the child table; it goes with the last foreign key on those columns.
     */
    public static IndexDef forForeignKey(String name, List<String> columns) {
        return new IndexDef(name, columns, false, false, true);
    }

    /** Rebuilds an index definition from its parts, as the catalog recorded them. */
    public static IndexDef of(String name, List<String> columns, boolean unique, boolean ordered,
                              boolean forForeignKey) {
        return new IndexDef(name, columns, unique, ordered, forForeignKey);
    }

    /** The same index over other columns (a column of it renamed). */
    public IndexDef withColumns(List<String> renamed) {
        return new IndexDef(name, renamed, unique, ordered, forForeignKey);
    }

    /** The same index, requiring unique entries (rows with a NULL in an indexed column are exempt, as in SQL). */
    public IndexDef unique() {
        return new IndexDef(name, columns, true, ordered, forForeignKey);
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

    /** True if Mnemo made this index for a foreign key ({@link #forForeignKey}), false if a user created it. */
    public boolean isForForeignKey() {
        return forForeignKey;
    }

    @Override
    public String toString() {
        return (unique ? "UNIQUE " : "") + (ordered ? "ORDERED" : "HASH") + " INDEX " + name + columns;
    }
}

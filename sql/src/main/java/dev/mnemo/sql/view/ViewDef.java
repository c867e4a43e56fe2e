package dev.mnemo.sql.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A view's definition: its name, its column names, the text of its query and the names of the columns that query
 * gave when the view was made. {@code incarnation} changes each time the view is made or replaced, so that a plan
 * made over one definition is not run over another.
 */
public record ViewDef(String name, long incarnation, List<String> columns, List<String> queryColumns, String query) {
    public ViewDef {
        columns = List.copyOf(columns);
        queryColumns = List.copyOf(queryColumns);
        if (columns.size() != queryColumns.size() || columns.isEmpty()) {
            throw new IllegalArgumentException("view " + name + " needs one name per column of its query: " + columns
                    + " for " + queryColumns);
        }
    }

    /** Names (or any texts) as one text: each as its length, a colon, then itself, so that any survives. */
    public static String encode(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String n : names) {
            out.append(n.length()).append(':').append(n);
        }
        return out.toString();
    }

    public static List<String> decode(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int colon = text.indexOf(':', i);
            int length = Integer.parseInt(text.substring(i, colon));
            out.add(text.substring(colon + 1, colon + 1 + length));
            i = colon + 1 + length;
        }
        return out;
    }
}

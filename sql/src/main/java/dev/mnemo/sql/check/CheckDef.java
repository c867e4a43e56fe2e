package dev.mnemo.sql.check;

import dev.mnemo.sql.view.ViewDef;

import java.util.ArrayList;
import java.util.List;

/**
 * A check constraint of a table: its name and its condition ({@code CHECK_CLAUSE}), as SQL text in the canonical
 * form Mnemo writes it, naming the table's columns unqualified.
 */
public record CheckDef(String name, String clause) {
    /** Checks as one text, name and clause in turn, so that any text survives. */
    static String encode(List<CheckDef> checks) {
        List<String> texts = new ArrayList<>();
        for (CheckDef c : checks) {
            texts.add(c.name());
            texts.add(c.clause());
        }
        return ViewDef.encode(texts);
    }

    static List<CheckDef> decode(String text) {
        List<String> texts = ViewDef.decode(text);
        List<CheckDef> out = new ArrayList<>();
        for (int i = 0; i + 1 < texts.size(); i += 2) {
            out.add(new CheckDef(texts.get(i), texts.get(i + 1)));
        }
        return out;
    }
}

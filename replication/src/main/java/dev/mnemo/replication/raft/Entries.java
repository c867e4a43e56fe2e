package dev.mnemo.replication.raft;

import java.util.ArrayList;
import java.util.List;

/** Helpers for lists of entries under byte limits. */
final class Entries {
    private Entries() {
    }

    static long sizeBytes(List<Entry> entries) {
        long total = 0;
        for (Entry e : entries) {
            total += e.sizeBytes();
        }
        return total;
    }

    /**
     * The longest prefix of {@code entries} whose size stays within {@code maxBytes}, but never fewer than one
     * entry: a single entry larger than the limit must still be able to travel.
     */
    static List<Entry> limitSize(List<Entry> entries, long maxBytes) {
        if (entries.isEmpty()) {
            return entries;
        }
        long size = entries.get(0).sizeBytes();
        int limit = 1;
        while (limit < entries.size()) {
            size += entries.get(limit).sizeBytes();
            if (size > maxBytes) {
                break;
            }
            limit++;
        }
        return limit == entries.size() ? entries : entries.subList(0, limit);
    }

    /** Checks that {@code entries} have consecutive indexes and non-decreasing terms. */
    static void checkContiguous(List<Entry> entries, String invariant) {
        for (int i = 1; i < entries.size(); i++) {
            Entry prev = entries.get(i - 1);
            Entry e = entries.get(i);
            Invariants.check(e.index() == prev.index() + 1 && e.term() >= prev.term(), invariant, prev.index(),
                    e.index());
        }
    }

    static List<Entry> copy(List<Entry> entries) {
        return new ArrayList<>(entries);
    }
}

package dev.mnemo.replication.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which node name each Raft id stands for. Filled from the log (every membership change carries the name), from
 * snapshots, and from authenticated peers; read by the Raft thread to address messages and by anyone listing
 * members.
 */
final class Directory {
    private final ConcurrentHashMap<Long, String> names = new ConcurrentHashMap<>();

    void put(long id, String name) {
        if (id > 0 && name != null && !name.isEmpty()) {
            names.put(id, name);
        }
    }

    void remove(long id) {
        names.remove(id);
    }

    /** The name of {@code id}, or null when unknown. */
    String name(long id) {
        return names.get(id);
    }

    /** The id of the live incarnation named {@code name} among {@code candidates}' keys, if any. */
    Optional<Long> idOf(String name) {
        long best = 0;
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if (e.getValue().equals(name)) {
                best = Math.max(best, e.getKey());
            }
        }
        return best == 0 ? Optional.empty() : Optional.of(best);
    }

    /** A copy, in id order. */
    TreeMap<Long, String> snapshot() {
        return new TreeMap<>(names);
    }

    void replaceWith(Map<Long, String> entries) {
        names.clear();
        names.putAll(entries);
    }
}

package dev.mnemo.replication.cluster;

import dev.mnemo.replication.raft.ConfState;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which node name each Raft id stands for. Filled from the log (every membership change carries the name), from
 * snapshots, and from authenticated peers; read in Raft turns to address messages and by anyone listing
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

    /**
     * The id named {@code name}: the one that is a member of {@code conf} if there is one (a member that rejoined
     * under a new id has two for a while), else any.
     */
    Optional<Long> idOf(String name, ConfState conf) {
        Long any = null;
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if (e.getValue().equals(name)) {
                if (conf.isMember(e.getKey())) {
                    return Optional.of(e.getKey());
                }
                any = e.getKey();
            }
        }
        return Optional.ofNullable(any);
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

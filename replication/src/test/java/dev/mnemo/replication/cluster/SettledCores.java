package dev.mnemo.replication.cluster;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.RaftConfig;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.Ready;
import dev.mnemo.replication.raft.Role;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Raft cores of members 1 to 3 wired in memory, for tests of what the driver does with their Readies. */
final class SettledCores {
    final Map<Long, RawNode> nodes = new TreeMap<>();
    final Map<Long, MemoryStorage> stores = new TreeMap<>();

    /** Elects member 1 among the members of {@code conf} and lets the cluster settle, persisting before sending. */
    SettledCores(ConfState conf) {
        for (long id : List.of(1L, 2L, 3L)) {
            if (conf.isMember(id)) {
                stores.put(id, MemoryStorage.bootstrap(conf));
                nodes.put(id, new RawNode(RaftConfig.builder(id).electionTicks(10).build(), stores.get(id),
                        new SplittableRandom(id)));
            }
        }
        RawNode first = nodes.get(1L);
        while (first.status().role() != Role.LEADER) {
            first.tick();
            pumpAll();
        }
        for (int round = 0; round < 50; round++) {
            pumpAll();
        }
    }

    RawNode node(long id) {
        return nodes.get(id);
    }

    /** Persists {@code rd} for member {@code id} as the driver would, then advances its core. */
    void persist(long id, Ready rd) {
        MemoryStorage s = stores.get(id);
        if (rd.hasSnapshot()) {
            s.applySnapshot(rd.snapshot());
        }
        s.append(rd.entries());
        if (rd.hasHardState()) {
            s.setHardState(rd.hardState());
        }
        nodes.get(id).advance(rd);
    }

    /** Runs every member's Readies and delivers every message until the cluster is quiet (bounded passes). */
    void pumpAll() {
        ArrayDeque<Message> wire = new ArrayDeque<>();
        for (int pass = 0; pass < 20; pass++) {
            for (Map.Entry<Long, RawNode> e : nodes.entrySet()) {
                while (e.getValue().hasReady()) {
                    Ready rd = e.getValue().ready();
                    wire.addAll(rd.messages());
                    persist(e.getKey(), rd);
                }
            }
            while (!wire.isEmpty()) {
                Message m = wire.poll();
                RawNode to = nodes.get(m.to());
                if (to != null) {
                    to.step(m);
                }
            }
        }
    }
}

package dev.mnemo.replication.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A small in-test harness in the spirit of etcd's scenario scripts: a few {@link RawNode}s over
 * {@link MemoryStorage}, a message queue delivered in FIFO order, and controls to isolate nodes, cut links, drop
 * messages, tick and stabilize. Every storage write counts as durable at once; nothing here is random except the
 * nodes' election jitter, seeded by node id.
 */
final class TestCluster {
    static final int ELECTION_TICKS = 10;

    /** One node with its storage and what its application has seen. */
    static final class Member {
        final long id;
        final MemoryStorage storage;
        final RaftConfig config;
        RawNode node;
        final List<Entry> applied = new ArrayList<>();
        final List<ReadState> readStates = new ArrayList<>();
        Snapshot lastSnapshot = Snapshot.EMPTY;

        Member(long id, MemoryStorage storage, RaftConfig config) {
            this.id = id;
            this.storage = storage;
            this.config = config;
            this.node = new RawNode(config, storage, new SplittableRandom(id));
        }

        Status status() {
            return node.status();
        }

        /** Payloads of applied normal entries, skipping leader no-ops. */
        List<String> appliedData() {
            List<String> out = new ArrayList<>();
            for (Entry e : applied) {
                if (e.type() == EntryType.NORMAL && e.data().length > 0) {
                    out.add(new String(e.data()));
                }
            }
            return out;
        }
    }

    private final TreeMap<Long, Member> members = new TreeMap<>();
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final List<Message> sent = new ArrayList<>();
    private final Set<Long> isolated = new HashSet<>();
    private final Set<List<Long>> cutLinks = new HashSet<>();
    private Predicate<Message> dropFilter = m -> false;
    private final Consumer<RaftConfig.Builder> customizer;

    private TestCluster(Consumer<RaftConfig.Builder> customizer) {
        this.customizer = customizer;
    }

    /** Founding voters 1..n, bootstrapped from the same snapshot, with default test settings. */
    static TestCluster ofVoters(int n) {
        return ofVoters(n, b -> { });
    }

    static TestCluster ofVoters(int n, Consumer<RaftConfig.Builder> customizer) {
        TestCluster cluster = new TestCluster(customizer);
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            ids.add(id);
        }
        ConfState conf = ConfState.of(ids, List.of());
        for (long id : ids) {
            cluster.addMember(id, MemoryStorage.bootstrap(conf));
        }
        return cluster;
    }

    /** A cluster whose members start from the given storages (e.g. with prepared, divergent logs). */
    static TestCluster ofStorages(TreeMap<Long, MemoryStorage> storages, Consumer<RaftConfig.Builder> customizer) {
        TestCluster cluster = new TestCluster(customizer);
        storages.forEach(cluster::addMember);
        return cluster;
    }

    RaftConfig configFor(long id) {
        RaftConfig.Builder b = RaftConfig.builder(id).electionTicks(ELECTION_TICKS).heartbeatTicks(1);
        customizer.accept(b);
        return b.id(id).build();
    }

    /** Adds a node (a founder, or a joining node with empty storage). */
    Member addMember(long id, MemoryStorage storage) {
        Member m = new Member(id, storage, configFor(id));
        members.put(id, m);
        return m;
    }

    /** Stops a node for good (its messages are then dropped). */
    void removeMember(long id) {
        members.remove(id);
    }

    /** Restarts a node from its storage, as after a crash (every write was durable). */
    void restart(long id) {
        Member m = members.get(id);
        m.node = new RawNode(m.config, m.storage, new SplittableRandom(id * 31 + 7));
        m.applied.clear();
    }

    Member member(long id) {
        return members.get(id);
    }

    RawNode node(long id) {
        return members.get(id).node;
    }

    Status status(long id) {
        return node(id).status();
    }

    void isolate(long id) {
        isolated.add(id);
    }

    void cut(long a, long b) {
        cutLinks.add(List.of(a, b));
        cutLinks.add(List.of(b, a));
    }

    /** Removes every isolation, cut link and drop filter. */
    void heal() {
        isolated.clear();
        cutLinks.clear();
        dropFilter = m -> false;
    }

    void dropIf(Predicate<Message> filter) {
        dropFilter = filter;
    }

    /** Every message any node has sent (delivered or not), in order. */
    List<Message> sent() {
        return sent;
    }

    List<Message> sent(MessageType type) {
        return sent.stream().filter(m -> m.type() == type).toList();
    }

    void clearSent() {
        sent.clear();
    }

    /** Campaigns on {@code id} and lets the cluster settle. */
    void elect(long id) {
        node(id).campaign();
        stabilize();
    }

    /** Ticks every node {@code n} times, settling after each tick. */
    void tickAll(int n) {
        for (int i = 0; i < n; i++) {
            for (Member m : members.values()) {
                m.node.tick();
            }
            stabilize();
        }
    }

    /** Ticks one node {@code n} times, settling after each tick. */
    void tick(long id, int n) {
        for (int i = 0; i < n; i++) {
            node(id).tick();
            stabilize();
        }
    }

    /** Processes Readys and delivers messages until nothing moves. */
    void stabilize() {
        for (int round = 0; round < 100_000; round++) {
            boolean moved = false;
            for (Member m : new ArrayList<>(members.values())) {
                moved |= processReady(m);
            }
            while (!queue.isEmpty()) {
                deliver(queue.poll());
                moved = true;
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("cluster did not stabilize");
    }

    /** Handles one Ready of {@code m} if it has one; returns whether it did. */
    boolean processReady(Member m) {
        if (!m.node.hasReady()) {
            return false;
        }
        Ready rd = m.node.ready();
        if (rd.hasSnapshot()) {
            m.storage.applySnapshot(rd.snapshot());
            m.lastSnapshot = rd.snapshot();
            m.applied.clear(); // the application state is now the snapshot's
        }
        m.storage.append(rd.entries());
        if (rd.hasHardState()) {
            m.storage.setHardState(rd.hardState());
        }
        for (Message msg : rd.messages()) {
            sent.add(msg);
            queue.add(msg);
        }
        m.applied.addAll(rd.committedEntries());
        m.readStates.addAll(rd.readStates());
        m.node.advance(rd);
        return true;
    }

    private void deliver(Message msg) {
        Member to = members.get(msg.to());
        boolean dropped = to == null || isolated.contains(msg.from()) || isolated.contains(msg.to())
                || cutLinks.contains(List.of(msg.from(), msg.to())) || dropFilter.test(msg);
        Member from = members.get(msg.from());
        if (dropped) {
            if (msg.type() == MessageType.SNAPSHOT && from != null) {
                from.node.reportSnapshot(msg.to(), false);
            }
            return;
        }
        to.node.step(msg);
        if (msg.type() == MessageType.SNAPSHOT && from != null) {
            from.node.reportSnapshot(msg.to(), true);
        }
    }

    /** The leader with the highest term, or 0 if none. */
    long leader() {
        long leader = 0;
        long term = -1;
        for (Member m : members.values()) {
            Status s = m.status();
            if (s.role() == Role.LEADER && s.term() > term) {
                leader = m.id;
                term = s.term();
            }
        }
        return leader;
    }

    /** Proposes {@code text} on {@code id} and settles. */
    Submission propose(long id, String text) {
        Submission s = node(id).propose(text.getBytes());
        stabilize();
        return s;
    }

    /** Snapshots {@code id}'s application state at its applied index and compacts its log up to there. */
    Snapshot snapshotAndCompact(long id) {
        Member m = members.get(id);
        long applied = m.status().applied();
        Snapshot snap = m.storage.createSnapshot(applied, m.node.confState(), ("state@" + applied).getBytes());
        m.storage.compact(applied);
        return snap;
    }

    /** The terms of {@code id}'s stored log from its first index on. */
    List<Long> logTerms(long id) {
        MemoryStorage s = members.get(id).storage;
        List<Long> terms = new ArrayList<>();
        for (long i = s.firstIndex(); i <= s.lastIndex(); i++) {
            terms.add(s.term(i));
        }
        return terms;
    }

    /** Storage for a founding voter whose log after the bootstrap entry has the given terms, at {@code term}. */
    static MemoryStorage storageWithLog(ConfState conf, long term, long... entryTerms) {
        MemoryStorage s = MemoryStorage.bootstrap(conf);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < entryTerms.length; i++) {
            entries.add(Entry.normal(entryTerms[i], 2 + i, ("e" + (2 + i) + "t" + entryTerms[i]).getBytes()));
        }
        s.append(entries);
        s.setHardState(new HardState(term, 0, 1));
        return s;
    }
}

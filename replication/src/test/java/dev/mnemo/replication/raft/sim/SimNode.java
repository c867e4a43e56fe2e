package dev.mnemo.replication.raft.sim;

import dev.mnemo.replication.raft.ConfChange;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.EntryType;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.RaftConfig;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.ReadState;
import dev.mnemo.replication.raft.Ready;
import dev.mnemo.replication.raft.Role;
import dev.mnemo.replication.raft.Snapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated process: a {@link RawNode} over a page cache ({@link MemoryStorage}) in front of a
 * {@link SimDisk}, and an application whose state is the hash of the entries it applied. A Ready is written to
 * the cache and the disk at once, but its messages, committed entries and read states are held back until the
 * disk syncs (group commit); a crash before that loses them together with the unsynced tail of the disk.
 */
final class SimNode {
    /** What the rest of the simulation needs from a node's output. */
    interface Host {
        SafetyChecker checker();

        void send(SimNode from, Message m);

        void applied(SimNode node, Entry e);

        void restoredSnapshot(SimNode node, long index);

        void readState(SimNode node, ReadState rs);

        void confChangeApplied(SimNode node, ConfChange change);

        void leaderElected(SimNode node);

        void trace(String event);
    }

    private record Held(List<Message> messages, Snapshot snapshot, List<Entry> committed, List<ReadState> reads) {
    }

    final long id;
    final RaftConfig config;
    final SimDisk disk;
    private final long seed;
    private final Host host;
    MemoryStorage storage;
    RawNode raft; // null while the process is down
    int incarnation;
    /** Read requests issued since this incarnation started (the workload numbers their contexts with it). */
    long readsIssued;
    boolean removed;

    /** The application: index and hash of the applied sequence. */
    long appliedIndex;
    long appliedChain;
    private final List<Held> held = new ArrayList<>();

    /** The simulator's view of the node, from its Readys. */
    long term;
    Role role = Role.FOLLOWER;
    long leaderId;
    private long leaderTerm;
    private long checkedCommit;

    SimNode(long id, RaftConfig config, SimDisk disk, long seed, Host host) {
        this.id = id;
        this.config = config;
        this.disk = disk;
        this.seed = seed;
        this.host = host;
    }

    boolean alive() {
        return raft != null;
    }

    boolean idle() {
        return held.isEmpty() && !disk.hasUnsynced();
    }

    /** Starts the process from its disk (first start, or restart after a crash). */
    void start() {
        incarnation++;
        readsIssued = 1;
        storage = disk.load();
        raft = new RawNode(config, storage, new SplittableRandom(seed * 1_000_003L + id * 7919L + incarnation));
        HardState hs = storage.hardState();
        term = hs.term();
        role = Role.FOLLOWER;
        leaderId = 0;
        leaderTerm = 0;
        restoreApplication(storage.snapshot());
        checkedCommit = storage.firstIndex() - 1;
        registerCommitted(Math.max(hs.commit(), checkedCommit));
    }

    /** Kills the process: volatile state and held output vanish; the disk keeps a torn prefix of its tail. */
    void crash(SplittableRandom random) {
        int kept = disk.crash(random);
        host.trace("crash " + id + " (kept " + kept + " unsynced batches)");
        raft = null;
        held.clear();
    }

    private void restoreApplication(Snapshot snap) {
        if (snap.isEmpty()) {
            appliedIndex = 0;
            appliedChain = 0;
            return;
        }
        if (snap.data().length == 0) { // the bootstrap snapshot
            appliedIndex = snap.index();
            appliedChain = SafetyChecker.BOOTSTRAP_CHAIN;
        } else {
            ByteBuffer b = ByteBuffer.wrap(snap.data());
            appliedIndex = b.getLong();
            appliedChain = b.getLong();
            if (appliedIndex != snap.index()) {
                throw new SafetyViolation("snapshot integrity", "snapshot at " + snap.index() + " holds state of "
                        + appliedIndex);
            }
        }
        host.checker().restored(id, appliedIndex, appliedChain);
        host.restoredSnapshot(this, appliedIndex);
    }

    /** Handles every pending Ready: write to cache and disk, run the checks, hold the output. */
    void processReadies() {
        while (raft.hasReady()) {
            Ready rd = raft.ready();
            write(rd);
            observeSoftState(rd);
            held.add(new Held(rd.messages(), rd.snapshot(), rd.committedEntries(), rd.readStates()));
            raft.advance(rd);
        }
    }

    private void write(Ready rd) {
        if (rd.hasSnapshot()) {
            storage.applySnapshot(rd.snapshot());
        }
        if (!rd.entries().isEmpty()) {
            storage.append(rd.entries());
            for (Entry e : rd.entries()) {
                host.checker().written(id, e, storage.term(e.index() - 1));
            }
        }
        if (rd.hasHardState()) {
            storage.setHardState(rd.hardState());
            term = rd.hardState().term();
            long commit = rd.hardState().commit();
            boolean ledBefore = role == Role.LEADER && leaderTerm == term; // led since the previous Ready
            if (ledBefore && rd.softState().role() == Role.LEADER && commit > checkedCommit) {
                host.checker().leaderCommitted(id, term, commit, storage.term(commit));
            }
            registerCommitted(commit);
        }
        disk.write(new SimDisk.Batch(rd.snapshot(), rd.entries(), rd.hardState()));
    }

    private void registerCommitted(long commit) {
        long from = Math.max(checkedCommit + 1, storage.firstIndex());
        if (commit >= from) {
            for (Entry e : storage.entries(from, commit + 1, Long.MAX_VALUE)) {
                host.checker().committed(id, e);
            }
        }
        checkedCommit = Math.max(checkedCommit, commit);
    }

    private void observeSoftState(Ready rd) {
        Role newRole = rd.softState().role();
        leaderId = rd.softState().leaderId();
        if (newRole == Role.LEADER) {
            host.checker().leaderOf(term, id);
            if (role != Role.LEADER || leaderTerm != term) {
                host.trace("leader " + id + " term " + term + " last " + storage.lastIndex());
                host.checker().leaderElected(id, term, storage);
                host.leaderElected(this);
                leaderTerm = term;
            }
        }
        role = newRole;
    }

    /** Makes the disk durable and releases the held output in order. */
    void sync() {
        disk.sync();
        List<Held> release = new ArrayList<>(held);
        held.clear();
        for (Held h : release) {
            for (Message m : h.messages()) {
                host.send(this, m);
            }
            if (!h.snapshot().isEmpty()) {
                restoreApplication(h.snapshot());
            }
            for (Entry e : h.committed()) {
                apply(e);
            }
            for (ReadState rs : h.reads()) {
                host.readState(this, rs);
            }
        }
    }

    private void apply(Entry e) {
        if (e.index() != appliedIndex + 1) {
            throw new SafetyViolation("state machine safety", "node " + id + " applies " + e.index()
                    + " after " + appliedIndex);
        }
        appliedChain = SafetyChecker.extend(appliedChain, e);
        appliedIndex = e.index();
        host.checker().applied(id, e, appliedChain);
        host.applied(this, e);
        if (e.type() == EntryType.CONF_CHANGE) {
            host.confChangeApplied(this, ConfChange.decode(e.data()));
        }
    }

    /**
     * Snapshots the application at its applied index and compacts the log up to {@code retainEntries} before it
     * (as the production driver keeps entries behind its snapshot for briefly lagging followers).
     */
    boolean compact(int retainEntries) {
        if (!alive() || !idle() || appliedIndex <= storage.snapshot().index()
                || appliedIndex < storage.firstIndex()) {
            return false;
        }
        byte[] data = ByteBuffer.allocate(16).putLong(appliedIndex).putLong(appliedChain).array();
        Snapshot snap = storage.createSnapshot(appliedIndex, raft.confState(), data);
        long compactIndex = Math.max(storage.firstIndex() - 1, appliedIndex - retainEntries);
        if (compactIndex >= storage.firstIndex()) {
            storage.compact(compactIndex);
        }
        disk.compact(snap, compactIndex);
        host.trace("compact " + id + " at " + appliedIndex + " up to " + compactIndex);
        return true;
    }

    @Override
    public String toString() {
        return "node " + id + (alive() ? " " + role + " t" + term : " down") + (removed ? " removed" : "")
                + " applied=" + appliedIndex;
    }
}

package dev.mnemo.replication.raft;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The Raft core's API. Single-threaded and pure: the driver calls {@link #tick()} on its clock, {@link #step} for
 * each message from a peer, and the request methods; then it takes a {@link #ready()}, does what it says (see
 * {@link Ready} for the order), and calls {@link #advance}. Nothing happens between calls.
 */
public final class RawNode {
    private final Raft raft;
    private SoftState prevSoftState;
    private HardState prevHardState;
    private boolean readyOutstanding;

    /**
     * Starts (or restarts) a node from {@code storage}. The application restarts from the storage's latest
     * snapshot: only committed entries after it are handed out again. {@code random} draws the election timeouts;
     * pass a seeded generator for reproducible runs.
     */
    public RawNode(RaftConfig config, Storage storage, RandomGenerator random) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(random, "random");
        this.raft = new Raft(config, storage, random);
        this.prevSoftState = raft.softState();
        this.prevHardState = raft.hardState();
    }

    public long id() {
        return raft.id;
    }

    /** Advances the logical clock by one tick (election and heartbeat timeouts are counted in ticks). */
    public void tick() {
        raft.tick();
    }

    /** Hands the core a message from a peer. Messages may arrive late, twice or out of order. */
    public void step(Message message) {
        Objects.requireNonNull(message, "message");
        if (message.to() != raft.id) {
            throw new IllegalArgumentException("message for node " + message.to() + " stepped into " + raft.id);
        }
        if (message.from() == raft.id || message.from() <= 0) {
            throw new IllegalArgumentException("bad sender for " + message);
        }
        if ((message.term() == 0) != (message.type() == MessageType.READ_INDEX)) {
            throw new IllegalArgumentException("only READ_INDEX travels without a term: " + message);
        }
        raft.step(message);
    }

    /** Proposes {@code data} for the log; only the leader accepts (see {@link Submission.Accepted}). */
    public Submission propose(byte[] data) {
        return raft.propose(Objects.requireNonNull(data, "data"));
    }

    /** Proposes a single-server membership change; one at a time, applied once committed. */
    public Submission proposeConfChange(ConfChange change) {
        return raft.proposeConfChange(Objects.requireNonNull(change, "change"));
    }

    /**
     * Asks for a linearizable read point. The answer arrives as a {@link ReadState} with the same {@code context}
     * (which must be unique among this node's pending requests; it may repeat after a restart) in a later
     * {@link Ready}; a follower forwards to its leader.
     * No answer (a lost message, a leader change) means: retry with a new context.
     */
    public Submission readIndex(byte[] context) {
        Objects.requireNonNull(context, "context");
        if (context.length == 0) {
            throw new IllegalArgumentException("read index context must not be empty");
        }
        return raft.readIndex(context.clone());
    }

    /**
     * Hands leadership to {@code transferee} (graceful shutdown): once it has caught up it is told to campaign
     * at once. Proposals are refused meanwhile; the attempt lapses after one election timeout.
     */
    public Submission transferLeadership(long transferee) {
        return raft.transferLeadership(transferee);
    }

    /** Campaigns now rather than waiting for the election timeout; returns whether a campaign started. */
    public boolean campaign() {
        return raft.election.hup(Election.CampaignType.ELECTION);
    }

    /** The transport's verdict on a snapshot sent to {@code to}: resume replication, or retry. */
    public void reportSnapshot(long to, boolean success) {
        if (raft.role == Role.LEADER) {
            raft.leader.reportSnapshot(to, success);
        }
    }

    /** The transport could not reach {@code to}: stop streaming to it and probe instead. */
    public void reportUnreachable(long to) {
        if (raft.role == Role.LEADER) {
            raft.leader.reportUnreachable(to);
        }
    }

    /** Whether a {@link #ready()} would carry anything. */
    public boolean hasReady() {
        HardState hs = raft.hardState();
        return !raft.softState().equals(prevSoftState)
                || (!hs.isEmpty() && !hs.equals(prevHardState))
                || raft.log.hasUnstable()
                || !raft.outbox.isEmpty()
                || !raft.readStates.isEmpty()
                || raft.log.hasNextCommittedEntries();
    }

    /** Takes the pending output; the next call must be {@link #advance} with this Ready (one at a time). */
    public Ready ready() {
        Invariants.check(!readyOutstanding, "one Ready at a time: advance() the previous one before ready()");
        HardState hs = raft.hardState();
        Snapshot snapshot = raft.log.unstableSnapshot();
        List<Entry> entries = raft.log.unstableEntries();
        boolean mustSync = !entries.isEmpty() || snapshot != null || hs.term() != prevHardState.term()
                || hs.vote() != prevHardState.vote();
        Ready ready = new Ready(raft.softState(), hs.equals(prevHardState) ? HardState.EMPTY : hs, entries,
                snapshot == null ? Snapshot.EMPTY : snapshot, raft.log.nextCommittedEntries(), drain(raft.outbox),
                drain(raft.readStates), mustSync);
        readyOutstanding = true;
        return ready;
    }

    private static <T> List<T> drain(List<T> list) {
        List<T> out = List.copyOf(list);
        list.clear();
        return out;
    }

    /**
     * Tells the core that {@code ready} has been handled: persisted, sent, and applied. Conf changes among its
     * committed entries take effect here.
     */
    public void advance(Ready ready) {
        Invariants.check(readyOutstanding, "advance() follows ready()");
        readyOutstanding = false;
        prevSoftState = ready.softState();
        if (ready.hasHardState()) {
            prevHardState = ready.hardState();
        }
        if (!ready.entries().isEmpty()) {
            Entry last = ready.entries().get(ready.entries().size() - 1);
            raft.log.stableTo(last.index(), last.term());
        }
        if (ready.hasSnapshot()) {
            raft.log.stableSnapTo(ready.snapshot().index());
            raft.log.appliedTo(ready.snapshot().index());
        }
        if (!ready.committedEntries().isEmpty()) {
            raft.applied(ready.committedEntries());
        }
    }

    /**
     * On the leader, the highest log index known to be stored on member {@code id} (its match index); -1 when this
     * node is not the leader or {@code id} is not a member. Drivers use it to promote learners that have caught up.
     */
    public long matchIndex(long id) {
        if (raft.role != Role.LEADER) {
            return -1;
        }
        Progress pr = raft.tracker.progress(id);
        return pr == null ? -1 : pr.match();
    }

    /**
     * On the leader, the ticks since member {@code id} last answered it (0 for the leader itself); -1 when this node
     * is not the leader or {@code id} is not a member. Operators read it to see which member lags or is gone.
     */
    public long ticksSinceContact(long id) {
        if (raft.role != Role.LEADER) {
            return -1;
        }
        Progress pr = raft.tracker.progress(id);
        return pr == null ? -1 : id == raft.id ? 0 : pr.ticksSinceActive(raft.nowTick);
    }

    /**
     * On the leader, whether a majority of the voters answered it within an election timeout, as check-quorum asks;
     * false when this node is not the leader. A membership change proposed without one could never commit.
     */
    public boolean quorumActive() {
        return quorumActiveWithout(Raft.NONE);
    }

    /**
     * On the leader, whether a majority of the voters other than {@code id} answered it within an election timeout:
     * whether the configuration left by removing {@code id} would have a working majority; false when not leading.
     */
    public boolean quorumActiveWithout(long id) {
        return raft.role == Role.LEADER
                && raft.tracker.quorumActiveWithout(id, raft.id, raft.nowTick, raft.config.electionTicks());
    }

    public Status status() {
        return raft.status();
    }

    /**
     * Whether a committed membership change removed this node: it applied the change, its snapshot lists it removed
     * (as after a restart once the change was compacted), or a voter that applied it answered its vote request so.
     * Such a node never campaigns again; it must rejoin under a new id.
     */
    public boolean isRemoved() {
        return raft.removed;
    }

    /** Whether a committed change removed node {@code id}, as this node's configuration holds it; never re-added. */
    public boolean hasRemoved(long id) {
        return raft.tracker.isRemoved(id);
    }

    /** The highest log index known to be committed (cheaper than {@link #status()} for a driver's hot path). */
    public long commitIndex() {
        return raft.log.committed();
    }

    /** The configuration this node has applied (use it when creating a snapshot at the applied index). */
    public ConfState confState() {
        return raft.tracker.confState();
    }
}

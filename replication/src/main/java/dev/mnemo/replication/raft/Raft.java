package dev.mnemo.replication.raft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One node's Raft state: term, vote, role and leader, the log and the membership tracker. It checks every
 * incoming message's term, then hands it to the rules of its role ({@link Election}, {@link Leader},
 * {@link Follower}), which share this state. Output accumulates in {@link #outbox} and {@link #readStates} until
 * {@link RawNode#ready()} takes it.
 */
final class Raft {
    /** "No node": no vote cast, no leader known. Node ids are positive. */
    static final long NONE = 0;

    final long id;
    final RaftConfig config;
    final RaftLog log;
    final ProgressTracker tracker;
    final ReadIndexQueue reads;
    final Election election;
    final Leader leader;
    final Follower follower;
    private final RandomGenerator random;
    /**
     * Drawn at each start, prefixed to the contexts of the read requests this node forwards: an answer to a request
     * of an earlier incarnation, delayed in the network, then never passes for the answer to a request that reuses
     * its context (a driver that numbers its reads from 1 again after a restart) with a stale index.
     */
    private final long readTag;

    long term;
    long vote;
    long lead;
    Role role = Role.FOLLOWER;
    final List<Message> outbox = new ArrayList<>();
    final List<ReadState> readStates = new ArrayList<>();

    /** Ticks since the last reset; followers campaign past the randomized timeout, leaders time transfers. */
    int electionElapsed;
    int heartbeatElapsed;
    int randomizedElectionTimeout;
    /** Ticks since this node started; the clock of check-quorum. */
    long nowTick;
    /** The node a leadership transfer is handing over to, or NONE. */
    long leadTransferee;
    /** Leader only: the index of the latest conf change it may have appended; a new one waits until applied. */
    long pendingConfIndex;
    /** Leader only: payload bytes appended in this term and not yet applied. */
    long uncommittedBytes;
    /**
     * Whether this node knows a committed change removed it: it applied the change, its snapshot lists it removed, or
     * a voter that applied the change said so.
     */
    boolean removed;

    Raft(RaftConfig config, Storage storage, RandomGenerator random) {
        this.id = config.id();
        this.config = config;
        this.random = random;
        this.readTag = random.nextLong();
        this.log = new RaftLog(storage, config.readyCommittedBytesMax());
        this.tracker = new ProgressTracker(config.inflightAppendsMax(), config.inflightBytesMax());
        this.reads = new ReadIndexQueue(config.readIndexPendingMax());
        this.election = new Election(this);
        this.leader = new Leader(this);
        this.follower = new Follower(this);

        InitialState initial = storage.initialState();
        // The configuration is the snapshot's: entries the log keeps behind the snapshot must not be applied (and
        // their conf changes replayed on top of it) again.
        log.restoreApplied(initial.snapshotIndex());
        tracker.resetConfig(initial.confState(), log.lastIndex() + 1, nowTick);
        // A snapshot that covers this node's own removal is all that is left of it once the log is compacted.
        removed = tracker.isRemoved(id);
        HardState hs = initial.hardState();
        if (!hs.isEmpty()) {
            log.restoreCommit(Math.max(hs.commit(), log.committed()));
            term = hs.term();
            vote = hs.vote();
        }
        Invariants.check(term >= log.lastTerm(), "the current term is at least the last log term", term,
                log.lastTerm());
        becomeFollower(term, NONE);
    }

    SoftState softState() {
        return new SoftState(lead, role);
    }

    HardState hardState() {
        return new HardState(term, vote, log.committed());
    }

    /** Only voters campaign; learners, nodes outside the configuration and nodes known removed just follow. */
    boolean promotable() {
        return tracker.isVoter(id) && !removed;
    }

    // ---------------------------------------------------------------- role transitions

    void becomeFollower(long newTerm, long newLead) {
        reset(newTerm);
        lead = newLead;
        role = Role.FOLLOWER;
    }

    void becomePreCandidate() {
        Invariants.check(role != Role.LEADER, "a leader never campaigns");
        // Pre-vote changes neither the term nor the vote: that is the point of it.
        tracker.resetVotes();
        lead = NONE;
        role = Role.PRE_CANDIDATE;
    }

    void becomeCandidate() {
        Invariants.check(role != Role.LEADER, "a leader never campaigns");
        reset(term + 1);
        vote = id;
        role = Role.CANDIDATE;
    }

    void becomeLeader() {
        Invariants.check(role == Role.CANDIDATE, "only a candidate becomes leader");
        reset(term);
        lead = id;
        role = Role.LEADER;
        tracker.progress(id).becomeReplicate();
        // Entries of earlier terms may hold a conf change; none may be proposed until they are all applied,
        // and the no-op below commits them (a leader only commits entries of its own term by counting).
        pendingConfIndex = log.lastIndex();
        for (Progress pr : tracker.members().values()) {
            pr.markActive(nowTick);
        }
        leader.appendEntries(List.of(Entry.empty(term, 0)));
    }

    private void reset(long newTerm) {
        Invariants.check(newTerm >= term, "the term never decreases", term, newTerm);
        if (newTerm != term) {
            term = newTerm;
            vote = NONE;
        }
        lead = NONE;
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizedElectionTimeout = config.electionTicks() + random.nextInt(config.electionTicks());
        leadTransferee = NONE;
        tracker.resetVotes();
        long lastIndex = log.lastIndex();
        tracker.members().forEach((peer, pr) -> pr.resetForLeader(lastIndex, peer == id, nowTick));
        pendingConfIndex = 0;
        uncommittedBytes = 0;
        reads.clear();
        leader.clearPendingReads();
    }

    // ---------------------------------------------------------------- inputs

    void tick() {
        nowTick++;
        if (role == Role.LEADER) {
            leader.tick();
        } else {
            election.tick();
        }
    }

    void step(Message m) {
        if (stepRemoval(m)) {
            return;
        }
        if (m.term() > term) {
            if (!stepHigherTerm(m)) {
                return;
            }
        } else if (m.term() < term && m.term() != 0) {
            stepLowerTerm(m);
            return;
        }
        // Term 0 marks a forwarded request (READ_INDEX), which is not bound to a term.
        switch (m.type()) {
            case PRE_VOTE, VOTE -> election.handleVoteRequest(m);
            default -> {
                switch (role) {
                    case LEADER -> leader.step(m);
                    case CANDIDATE, PRE_CANDIDATE -> election.stepCandidate(m);
                    case FOLLOWER -> follower.step(m);
                }
            }
        }
    }

    /**
     * Answers a vote request from a node whose removal this node applied (or found in its snapshot), whatever the
     * terms and the leader lease, and takes such an answer to our own request; returns whether {@code m} was one.
     */
    private boolean stepRemoval(Message m) {
        boolean voteRequest = m.type() == MessageType.PRE_VOTE || m.type() == MessageType.VOTE;
        if (voteRequest && tracker.isRemoved(m.from()) && !tracker.isMember(m.from())) {
            // Applied means committed, and a removed id is never added again: the requester is removed for good,
            // whatever configuration it (stale) or we (maybe newer) hold. Our term is not 0: we applied an entry.
            send(Message.removedNotice(m.type(), id, m.from(), term));
            return true;
        }
        if (!m.isRemovedNotice()) {
            return false;
        }
        // Only a node we asked (a voter of our configuration) answers so; it is trusted as any voter is.
        if (tracker.isVoter(m.from()) && role != Role.LEADER && !removed) {
            removed = true;
            becomeFollower(term, NONE);
        }
        return true;
    }

    /** A message from a later term; returns whether to go on and handle it. */
    private boolean stepHigherTerm(Message m) {
        boolean voteRequest = m.type() == MessageType.PRE_VOTE || m.type() == MessageType.VOTE;
        if (voteRequest && !m.isLeaderTransfer() && inLeaderLease()) {
            // We heard from a live leader within the minimum election timeout: a node asking for votes now is
            // partitioned or removed, and must not disrupt the cluster.
            return false;
        }
        if (m.type() == MessageType.PRE_VOTE) {
            return true; // answering a pre-vote never changes our term
        }
        if (m.type() == MessageType.PRE_VOTE_RESPONSE && !m.reject()) {
            return true; // a granted pre-vote carries the term we will campaign at; we are not behind
        }
        boolean fromLeader = m.type() == MessageType.APPEND || m.type() == MessageType.HEARTBEAT
                || m.type() == MessageType.SNAPSHOT;
        becomeFollower(m.term(), fromLeader ? m.from() : NONE);
        return true;
    }

    private boolean inLeaderLease() {
        return config.checkQuorum() && lead != NONE && electionElapsed < config.electionTicks();
    }

    /** A message from an earlier term: ignored, but its sender may need to learn that it is behind. */
    private void stepLowerTerm(Message m) {
        if ((config.checkQuorum() || config.preVote())
                && (m.type() == MessageType.HEARTBEAT || m.type() == MessageType.APPEND)) {
            // A stale leader (e.g. back from a partition) would otherwise never learn of our term when
            // check-quorum or pre-vote keep us from answering its votes with a higher term.
            send(Message.appendAccepted(id, m.from(), term, 0));
        } else if (m.type() == MessageType.PRE_VOTE) {
            // Reject explicitly so that a pre-candidate stuck at a lower term learns ours and can catch up.
            send(Message.voteResponse(MessageType.PRE_VOTE_RESPONSE, id, m.from(), term, true));
        }
    }

    void send(Message m) {
        Invariants.check(m.to() != id, "a node never messages itself", id);
        Invariants.check(m.term() != 0 || m.type() == MessageType.READ_INDEX, "peer messages carry a term");
        outbox.add(m);
    }

    // ---------------------------------------------------------------- requests

    Submission propose(byte[] data) {
        if (role != Role.LEADER) {
            return new Submission.NotLeader(lead);
        }
        return leader.propose(data);
    }

    Submission proposeConfChange(ConfChange change) {
        if (role != Role.LEADER) {
            return new Submission.NotLeader(lead);
        }
        return leader.proposeConfChange(change);
    }

    Submission readIndex(byte[] context) {
        if (role == Role.LEADER) {
            return leader.readIndex(id, context);
        }
        if (lead == NONE) {
            return new Submission.NotLeader(NONE);
        }
        send(Message.readIndex(id, lead, ByteBuffer.allocate(Long.BYTES + context.length).putLong(readTag)
                .put(context).array()));
        return new Submission.Accepted(term, 0);
    }

    /** The context of a read this incarnation forwarded, from the leader's answer; null for another's. */
    byte[] forwardedReadContext(byte[] answered) {
        if (answered.length < Long.BYTES || ByteBuffer.wrap(answered).getLong() != readTag) {
            return null;
        }
        return Arrays.copyOfRange(answered, Long.BYTES, answered.length);
    }

    Submission transferLeadership(long transferee) {
        if (role != Role.LEADER) {
            return new Submission.NotLeader(lead);
        }
        return leader.transferLeadership(transferee);
    }

    void abortLeaderTransfer() {
        leadTransferee = NONE;
    }

    // ---------------------------------------------------------------- application feedback

    /** The application applied {@code entries} (a Ready's committed entries): conf changes take effect now. */
    void applied(List<Entry> entries) {
        long payloadBytes = 0;
        for (Entry e : entries) {
            if (e.type() == EntryType.CONF_CHANGE) {
                applyConfChange(ConfChange.decode(e.data()));
            } else {
                payloadBytes += e.data().length;
            }
        }
        log.appliedTo(entries.get(entries.size() - 1).index());
        if (role == Role.LEADER) {
            uncommittedBytes = Math.max(0, uncommittedBytes - payloadBytes);
        }
    }

    void applyConfChange(ConfChange change) {
        if (!tracker.apply(change, log.lastIndex(), nowTick)) {
            return;
        }
        if (change.type() == ConfChangeType.REMOVE_NODE) {
            removed |= change.nodeId() == id;
        }
        if (role == Role.LEADER) {
            leader.afterConfChange();
        }
    }

    /** Whether committed but unapplied entries hold a conf change (a node must not campaign on a stale config). */
    boolean hasUnappliedConfChanges() {
        long lo = Math.max(log.applied() + 1, log.firstIndex());
        long hi = log.committed() + 1;
        while (lo < hi) {
            List<Entry> page = log.slice(lo, hi, config.readyCommittedBytesMax());
            for (Entry e : page) {
                if (e.type() == EntryType.CONF_CHANGE) {
                    return true;
                }
            }
            lo = page.get(page.size() - 1).index() + 1;
        }
        return false;
    }

    /**
     * Installs a snapshot sent by the leader, unless it is stale or our log already holds its last entry (then we
     * only advance the commit index). Returns whether the log was replaced.
     */
    boolean restore(Snapshot snap) {
        if (snap.index() <= log.committed()) {
            return false;
        }
        Invariants.check(role == Role.FOLLOWER, "only a follower installs a snapshot");
        if (log.matchTerm(snap.index(), snap.term())) {
            log.commitTo(snap.index());
            return false;
        }
        // A node outside the snapshot's configuration (a learner added after it was taken) still installs it:
        // it cannot campaign, and it learns of its own addition from the entries that follow.
        log.restore(snap);
        tracker.resetConfig(snap.metadata().confState(), log.lastIndex() + 1, nowTick);
        removed |= tracker.isRemoved(id);
        return true;
    }

    Status status() {
        return new Status(id, hardState(), softState(), log.applied(), log.firstIndex(), log.lastIndex(),
                leadTransferee, tracker.confState());
    }
}

package dev.mnemo.replication.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leader's rules: accepting proposals, replicating with probe/replicate/snapshot flow control, committing by
 * majority (current-term entries only), heartbeats and check-quorum, read index, leadership transfer, and
 * reacting to membership changes.
 */
final class Leader {
    /** A read request that arrived before this leader committed an entry of its term. */
    private record PendingRead(long from, byte[] context) {
    }

    private final Raft raft;
    private final List<PendingRead> pendingReads = new ArrayList<>();

    Leader(Raft raft) {
        this.raft = raft;
    }

    void clearPendingReads() {
        pendingReads.clear();
    }

    // ---------------------------------------------------------------- time

    void tick() {
        raft.electionElapsed++;
        if (raft.electionElapsed >= raft.config.electionTicks()) {
            raft.electionElapsed = 0;
            raft.abortLeaderTransfer(); // a transfer gets one election timeout to complete
        }
        if (raft.config.checkQuorum()
                && !raft.tracker.quorumActive(raft.id, raft.nowTick, raft.config.electionTicks())) {
            // No majority answered within an election timeout: we may be on the minority side of a partition.
            // Step down so that this side refuses writes and reads instead of hanging on to a stale leadership.
            raft.becomeFollower(raft.term, Raft.NONE);
            return;
        }
        raft.heartbeatElapsed++;
        if (raft.heartbeatElapsed >= raft.config.heartbeatTicks()) {
            raft.heartbeatElapsed = 0;
            broadcastHeartbeat(raft.reads.lastContext());
        }
    }

    // ---------------------------------------------------------------- proposals

    Submission propose(byte[] data) {
        if (data.length > raft.config.entryBytesMax()) {
            return new Submission.Dropped(Submission.Reason.ENTRY_TOO_LARGE);
        }
        if (raft.leadTransferee != Raft.NONE) {
            return new Submission.Dropped(Submission.Reason.LEADER_TRANSFER_IN_PROGRESS);
        }
        if (raft.uncommittedBytes > 0 && raft.uncommittedBytes + data.length > raft.config.uncommittedBytesMax()) {
            return new Submission.Dropped(Submission.Reason.UNCOMMITTED_LIMIT);
        }
        raft.uncommittedBytes += data.length;
        long index = appendEntries(List.of(Entry.normal(raft.term, 0, data)));
        broadcastAppend();
        return new Submission.Accepted(raft.term, index);
    }

    Submission proposeConfChange(ConfChange change) {
        if (raft.leadTransferee != Raft.NONE) {
            return new Submission.Dropped(Submission.Reason.LEADER_TRANSFER_IN_PROGRESS);
        }
        if (raft.pendingConfIndex > raft.log.applied()) {
            return new Submission.Dropped(Submission.Reason.CONF_CHANGE_PENDING);
        }
        if (!raft.tracker.isEffective(change) || (change.type() != ConfChangeType.REMOVE_NODE
                && raft.tracker.isRemoved(change.nodeId()))) {
            // A removed id added again would be told "removed" by a voter that applied its removal but not yet this.
            return new Submission.Dropped(Submission.Reason.CONF_CHANGE_INVALID);
        }
        long index = appendEntries(List.of(Entry.confChange(raft.term, 0, change)));
        raft.pendingConfIndex = index;
        broadcastAppend();
        return new Submission.Accepted(raft.term, index);
    }

    /** Stamps {@code entries} with this term and the next indexes, appends them, and counts our own copy. */
    long appendEntries(List<Entry> entries) {
        long lastIndex = raft.log.lastIndex();
        List<Entry> stamped = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            stamped.add(entries.get(i).at(raft.term, lastIndex + 1 + i));
        }
        lastIndex = raft.log.append(stamped);
        // Our own acknowledgement may count before our copy is durable: every follower acknowledgement that
        // could complete a majority arrives after the Ready holding these entries was persisted (messages are
        // sent only after persisting), and a lone voter's commit reaches the application in that same Ready.
        Progress self = raft.tracker.progress(raft.id);
        if (self != null) {
            self.maybeUpdate(lastIndex);
        }
        maybeCommit();
        return lastIndex;
    }

    /** Advances the commit index to what a majority holds, if that entry is from this term. */
    boolean maybeCommit() {
        boolean hadCurrentTermCommit = committedInCurrentTerm();
        if (!raft.log.maybeCommit(raft.tracker.committedIndex(), raft.term)) {
            return false;
        }
        if (!hadCurrentTermCommit) {
            releasePendingReads();
        }
        return true;
    }

    private boolean committedInCurrentTerm() {
        return raft.log.termOrZero(raft.log.committed()) == raft.term;
    }

    // ---------------------------------------------------------------- replication

    /** Sends every member whatever it lacks (an empty append if nothing, to carry the commit index). */
    void broadcastAppend() {
        for (long peer : raft.tracker.members().keySet()) {
            if (peer != raft.id) {
                maybeSendAppend(peer, true);
            }
        }
    }

    /**
     * Sends {@code to} the entries after its {@code next}, unless flow control pauses it; switches to a snapshot
     * when those entries are compacted. Returns whether a message went out.
     */
    boolean maybeSendAppend(long to, boolean sendIfEmpty) {
        Progress pr = raft.tracker.progress(to);
        if (pr == null || pr.isPaused()) {
            return false;
        }
        pr.checkInvariants(raft.log.lastIndex());
        long prevIndex = pr.next() - 1;
        long prevTerm;
        List<Entry> entries;
        try {
            prevTerm = raft.log.term(prevIndex);
            entries = raft.log.entriesFrom(pr.next(), raft.config.appendBytesMax());
        } catch (LogCompactedException e) {
            return sendSnapshot(to, pr);
        }
        if (entries.isEmpty() && !sendIfEmpty) {
            return false;
        }
        long bytes = Entries.sizeBytes(entries);
        raft.send(Message.append(raft.id, to, raft.term, prevIndex, prevTerm, entries, raft.log.committed()));
        pr.sentEntries(entries.size(), bytes);
        return true;
    }

    private boolean sendSnapshot(long to, Progress pr) {
        if (!pr.isActive(raft.nowTick, raft.config.electionTicks())) {
            return false; // do not ship a snapshot to a node that is probably down
        }
        Snapshot snapshot;
        try {
            snapshot = raft.log.snapshot();
        } catch (SnapshotUnavailableException e) {
            return false;
        }
        Invariants.check(!snapshot.isEmpty(), "a compacted log has a snapshot");
        pr.becomeSnapshot(snapshot.index());
        raft.send(Message.installSnapshot(raft.id, to, raft.term, snapshot));
        return true;
    }

    void broadcastHeartbeat(byte[] context) {
        for (Map.Entry<Long, Progress> e : raft.tracker.members().entrySet()) {
            long peer = e.getKey();
            if (peer != raft.id) {
                // Never tell a follower to commit past what it is known to hold.
                long commit = Math.min(e.getValue().match(), raft.log.committed());
                raft.send(Message.heartbeat(raft.id, peer, raft.term, commit, context));
            }
        }
    }

    void step(Message m) {
        switch (m.type()) {
            case READ_INDEX -> {
                readIndex(m.from(), m.context());
                return;
            }
            case APPEND, HEARTBEAT, SNAPSHOT -> Invariants.check(false, "at most one leader per term", raft.term,
                    m.from());
            default -> { }
        }
        Progress pr = raft.tracker.progress(m.from());
        if (pr == null) {
            return; // not (or no longer) a member
        }
        switch (m.type()) {
            case APPEND_RESPONSE -> {
                pr.markActive(raft.nowTick);
                handleAppendResponse(m, pr);
            }
            case HEARTBEAT_RESPONSE -> {
                pr.markActive(raft.nowTick);
                handleHeartbeatResponse(m, pr);
            }
            default -> { } // late votes, TIMEOUT_NOW, stale read responses
        }
    }

    private void handleAppendResponse(Message m, Progress pr) {
        if (m.reject()) {
            long probeIndex = m.rejectHint();
            if (m.logTerm() > 0) {
                // Skip every entry of ours whose term cannot match the follower's term at the hint.
                probeIndex = raft.log.findConflictByTerm(m.rejectHint(), m.logTerm());
            }
            if (pr.maybeDecrTo(m.index(), probeIndex)) {
                if (pr.state() == ProgressState.REPLICATE) {
                    pr.becomeProbe();
                }
                maybeSendAppend(m.from(), true);
            }
            return;
        }
        boolean wasPaused = pr.isPaused();
        boolean caughtUp = pr.maybeUpdate(m.index())
                || (pr.match() == m.index() && pr.state() == ProgressState.PROBE);
        if (!caughtUp) {
            return;
        }
        switch (pr.state()) {
            case PROBE -> pr.becomeReplicate();
            case SNAPSHOT -> {
                if (pr.match() + 1 >= raft.log.firstIndex()) {
                    pr.becomeProbe();
                    pr.becomeReplicate();
                }
            }
            case REPLICATE -> pr.inflights().freeLE(m.index());
        }
        if (maybeCommit()) {
            broadcastAppend();
        } else if (wasPaused) {
            maybeSendAppend(m.from(), true);
        }
        while (maybeSendAppend(m.from(), false)) {
            // fill the pipeline up to the inflight limits
        }
        if (m.from() == raft.leadTransferee && pr.match() == raft.log.lastIndex()) {
            raft.send(Message.timeoutNow(raft.id, m.from(), raft.term));
        }
    }

    private void handleHeartbeatResponse(Message m, Progress pr) {
        pr.resumeProbe();
        if (pr.state() == ProgressState.REPLICATE && pr.inflights().full()) {
            // An acknowledgement may have been lost: let one more append through to draw a fresh answer.
            pr.inflights().freeFirstOne();
        }
        if (pr.match() < raft.log.lastIndex() || pr.state() == ProgressState.PROBE) {
            maybeSendAppend(m.from(), true);
        }
        if (m.context().length == 0) {
            return;
        }
        Map<Long, Boolean> acks = raft.reads.recvAck(m.from(), m.context());
        if (acks == null || raft.tracker.tally(acks) != Quorum.VoteResult.WON) {
            return;
        }
        for (ReadIndexQueue.Request request : raft.reads.advance(m.context())) {
            respondToRead(request.from(), request.index(), request.context());
        }
    }

    void reportSnapshot(long to, boolean success) {
        Progress pr = raft.tracker.progress(to);
        if (pr == null || pr.state() != ProgressState.SNAPSHOT) {
            return;
        }
        if (success) {
            pr.becomeProbe(); // probe from just after the snapshot
        } else {
            pr.snapshotFailed(); // probe from the match index; a new snapshot follows if still needed
        }
        pr.pauseProbe(); // wait for a heartbeat answer before probing
    }

    void reportUnreachable(long to) {
        Progress pr = raft.tracker.progress(to);
        if (pr != null && pr.state() == ProgressState.REPLICATE) {
            pr.becomeProbe();
        }
    }

    // ---------------------------------------------------------------- reads

    /** A read-index request from {@code from} (this node for a local request). */
    Submission readIndex(long from, byte[] context) {
        if (!committedInCurrentTerm()) {
            // Our commit index may still be behind the previous leader's; wait for the no-op to commit.
            if (pendingReads.size() >= raft.config.readIndexPendingMax()) {
                return new Submission.Dropped(Submission.Reason.READ_INDEX_QUEUE_FULL);
            }
            pendingReads.add(new PendingRead(from, context));
            return new Submission.Accepted(raft.term, 0);
        }
        if (raft.tracker.voters().size() == 1 && raft.tracker.isVoter(raft.id)) {
            respondToRead(from, raft.log.committed(), context); // nobody else could have been elected
            return new Submission.Accepted(raft.term, 0);
        }
        if (!raft.reads.add(raft.log.committed(), context, from)) {
            return new Submission.Dropped(Submission.Reason.READ_INDEX_QUEUE_FULL);
        }
        raft.reads.recvAck(raft.id, context);
        broadcastHeartbeat(context);
        return new Submission.Accepted(raft.term, 0);
    }

    private void releasePendingReads() {
        List<PendingRead> ready = new ArrayList<>(pendingReads);
        pendingReads.clear();
        for (PendingRead read : ready) {
            readIndex(read.from(), read.context());
        }
    }

    private void respondToRead(long from, long index, byte[] context) {
        if (from == raft.id) {
            raft.readStates.add(new ReadState(index, context));
        } else {
            raft.send(Message.readIndexResponse(raft.id, from, raft.term, index, context));
        }
    }

    // ---------------------------------------------------------------- leadership transfer and membership

    Submission transferLeadership(long transferee) {
        if (transferee == raft.id || !raft.tracker.isVoter(transferee)) {
            return new Submission.Dropped(Submission.Reason.TRANSFER_TARGET_INVALID);
        }
        if (raft.leadTransferee == transferee) {
            return new Submission.Accepted(raft.term, 0);
        }
        raft.leadTransferee = transferee;
        raft.electionElapsed = 0; // the transfer must complete within one election timeout
        Progress pr = raft.tracker.progress(transferee);
        if (pr.match() == raft.log.lastIndex()) {
            raft.send(Message.timeoutNow(raft.id, transferee, raft.term));
        } else {
            maybeSendAppend(transferee, true);
        }
        return new Submission.Accepted(raft.term, 0);
    }

    /** A membership change was applied while we lead. */
    void afterConfChange() {
        if (!raft.tracker.isVoter(raft.id)) {
            // We were removed: step down. The remaining voters elect a leader after their election timeout.
            raft.becomeFollower(raft.term, Raft.NONE);
            return;
        }
        if (raft.leadTransferee != Raft.NONE && !raft.tracker.isVoter(raft.leadTransferee)) {
            raft.abortLeaderTransfer();
        }
        if (maybeCommit()) {
            broadcastAppend(); // a smaller quorum may already hold more
        } else {
            for (long peer : raft.tracker.members().keySet()) {
                if (peer != raft.id) {
                    maybeSendAppend(peer, false);
                }
            }
        }
    }
}

package dev.mnemo.replication.raft;

/** A follower's (and learner's) rules: accept the leader's appends, heartbeats and snapshots, answer them. */
final class Follower {
    private final Raft raft;

    Follower(Raft raft) {
        this.raft = raft;
    }

    void step(Message m) {
        switch (m.type()) {
            case APPEND -> {
                heardFromLeader(m);
                handleAppend(m);
            }
            case HEARTBEAT -> {
                heardFromLeader(m);
                raft.log.commitTo(m.commit());
                raft.send(Message.heartbeatResponse(raft.id, m.from(), raft.term, m.context()));
            }
            case SNAPSHOT -> {
                heardFromLeader(m);
                boolean restored = raft.restore(m.snapshot());
                long index = restored ? raft.log.lastIndex() : raft.log.committed();
                raft.send(Message.appendAccepted(raft.id, m.from(), raft.term, index));
            }
            case TIMEOUT_NOW -> raft.election.hup(Election.CampaignType.TRANSFER);
            case READ_INDEX_RESPONSE -> {
                byte[] context = raft.forwardedReadContext(m.context());
                if (context != null) {
                    raft.readStates.add(new ReadState(m.index(), context));
                }
            }
            default -> {
                // READ_INDEX sent to us by a node that took us for the leader: it will time out and retry.
                // Responses to requests of an earlier role are stale.
            }
        }
    }

    private void heardFromLeader(Message m) {
        Invariants.check(raft.lead == Raft.NONE || raft.lead == m.from(), "at most one leader per term",
                raft.lead, m.from());
        raft.electionElapsed = 0;
        raft.lead = m.from();
    }

    private void handleAppend(Message m) {
        RaftLog log = raft.log;
        if (!m.entries().isEmpty()) {
            Invariants.check(m.entries().get(m.entries().size() - 1).term() <= m.term(),
                    "a leader sends no entry from a later term than its own", m.term());
        }
        if (m.index() < log.committed()) {
            // Everything up to our commit index is settled; tell the leader where we are.
            raft.send(Message.appendAccepted(raft.id, m.from(), raft.term, log.committed()));
            return;
        }
        long lastNew = log.maybeAppend(m.index(), m.logTerm(), m.commit(), m.entries());
        if (lastNew >= 0) {
            raft.send(Message.appendAccepted(raft.id, m.from(), raft.term, lastNew));
            return;
        }
        // Our entry at m.index() differs (or is missing). Hint at the last entry that could still match: the
        // largest index whose term is at most the leader's term there, so the leader skips whole terms.
        long hint = log.findConflictByTerm(m.index(), m.logTerm());
        raft.send(Message.appendRejected(raft.id, m.from(), raft.term, m.index(), hint, log.termOrZero(hint)));
    }
}

package dev.mnemo.replication.raft;

/**
 * Leader election: the follower's timeout, pre-vote and vote campaigns, granting votes, and counting them. The
 * rules that keep a partitioned node from disrupting a healthy cluster live here and in {@link Raft#step}'s term
 * handling (pre-vote never raises a term; the leader lease makes followers ignore untimely vote requests).
 */
final class Election {
    /** Why a node campaigns. */
    enum CampaignType {
        /** The election timeout passed; with pre-vote enabled the node first asks without raising its term. */
        ELECTION,
        /** The pre-vote round. */
        PRE_ELECTION,
        /** The leader handed over (TIMEOUT_NOW): campaign at once, without pre-vote, overriding leases. */
        TRANSFER
    }

    private final Raft raft;

    Election(Raft raft) {
        this.raft = raft;
    }

    /** A tick for a follower or candidate: campaign once the randomized election timeout has passed. */
    void tick() {
        raft.electionElapsed++;
        if (raft.promotable() && raft.electionElapsed >= raft.randomizedElectionTimeout) {
            raft.electionElapsed = 0;
            hup(CampaignType.ELECTION);
        }
    }

    /** Starts a campaign if this node may; returns whether it did. */
    boolean hup(CampaignType type) {
        if (raft.role == Role.LEADER || !raft.promotable() || raft.hasUnappliedConfChanges()) {
            return false;
        }
        campaign(type == CampaignType.ELECTION && raft.config.preVote() ? CampaignType.PRE_ELECTION : type);
        return true;
    }

    private void campaign(CampaignType type) {
        MessageType requestType;
        long voteTerm;
        if (type == CampaignType.PRE_ELECTION) {
            raft.becomePreCandidate();
            requestType = MessageType.PRE_VOTE;
            voteTerm = raft.term + 1; // the term we would campaign at; ours stays as it is
        } else {
            raft.becomeCandidate();
            requestType = MessageType.VOTE;
            voteTerm = raft.term;
        }
        raft.tracker.recordVote(raft.id, true);
        if (raft.tracker.tallyVotes() == Quorum.VoteResult.WON) {
            won(type); // a single-voter cluster
            return;
        }
        long lastIndex = raft.log.lastIndex();
        long lastTerm = raft.log.lastTerm();
        for (long voter : raft.tracker.voters()) {
            if (voter != raft.id) {
                raft.send(Message.voteRequest(requestType, raft.id, voter, voteTerm, lastIndex, lastTerm,
                        type == CampaignType.TRANSFER));
            }
        }
    }

    private void won(CampaignType type) {
        if (type == CampaignType.PRE_ELECTION) {
            campaign(CampaignType.ELECTION);
        } else {
            raft.becomeLeader();
            raft.leader.broadcastAppend();
        }
    }

    /** A (pre-)vote request whose term is at least ours (lower terms were answered in {@link Raft#step}). */
    void handleVoteRequest(Message m) {
        MessageType responseType = m.type().voteResponse();
        boolean canVote = raft.vote == m.from()
                // nobody has our vote yet and we know of no leader in this term
                || (raft.vote == Raft.NONE && raft.lead == Raft.NONE)
                // a pre-vote for a later term binds us to nothing
                || (m.type() == MessageType.PRE_VOTE && m.term() > raft.term);
        if (canVote && raft.log.isUpToDate(m.index(), m.logTerm())) {
            // Answer with the request's term: a pre-candidate counts only answers for the term it asked about.
            raft.send(Message.voteResponse(responseType, raft.id, m.from(), m.term(), false));
            if (m.type() == MessageType.VOTE) {
                Invariants.check(raft.term == m.term(), "a vote is cast in the voter's current term", raft.term,
                        m.term());
                Invariants.check(raft.vote == Raft.NONE || raft.vote == m.from(), "one vote per term", raft.vote,
                        m.from());
                raft.electionElapsed = 0;
                raft.vote = m.from();
            }
        } else {
            raft.send(Message.voteResponse(responseType, raft.id, m.from(), raft.term, true));
        }
    }

    /** Messages to a candidate or pre-candidate (other than vote requests). */
    void stepCandidate(Message m) {
        switch (m.type()) {
            case APPEND, HEARTBEAT, SNAPSHOT -> {
                // A leader exists for this term: stop campaigning and follow it.
                raft.becomeFollower(m.term(), m.from());
                raft.follower.step(m);
            }
            case PRE_VOTE_RESPONSE, VOTE_RESPONSE -> handleVoteResponse(m);
            default -> {
                // Stale responses, TIMEOUT_NOW and read requests mean nothing without a leader.
            }
        }
    }

    private void handleVoteResponse(Message m) {
        MessageType expected = raft.role == Role.PRE_CANDIDATE ? MessageType.PRE_VOTE_RESPONSE
                : MessageType.VOTE_RESPONSE;
        if (m.type() != expected) {
            return;
        }
        raft.tracker.recordVote(m.from(), !m.reject());
        switch (raft.tracker.tallyVotes()) {
            case WON -> won(raft.role == Role.PRE_CANDIDATE ? CampaignType.PRE_ELECTION : CampaignType.ELECTION);
            case LOST -> raft.becomeFollower(raft.term, Raft.NONE);
            case PENDING -> { }
        }
    }
}

package dev.mnemo.replication.raft;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration (voters, learners and removed ids) as this node has applied it, a {@link Progress} per member
 * (meaningful while leading), and the votes of the current election. Ordered collections keep every pass over the
 * members deterministic.
 */
final class ProgressTracker {
    private final TreeSet<Long> voters = new TreeSet<>();
    private final TreeSet<Long> learners = new TreeSet<>();
    /** Ids whose removal this node has applied, or found in the snapshot it started from or installed. */
    private final TreeSet<Long> removedIds = new TreeSet<>();
    /** The configuration as a value, built on demand; null after a change. */
    private ConfState current;
    private final TreeMap<Long, Progress> progress = new TreeMap<>();
    private final TreeMap<Long, Boolean> votes = new TreeMap<>();
    private final int inflightAppendsMax;
    private final long inflightBytesMax;

    ProgressTracker(int inflightAppendsMax, long inflightBytesMax) {
        this.inflightAppendsMax = inflightAppendsMax;
        this.inflightBytesMax = inflightBytesMax;
    }

    ConfState confState() {
        ConfState conf = current;
        if (conf == null) {
            conf = ConfState.of(voters, learners, removedIds);
            current = conf; // drivers ask after every Ready: build it again only when membership changed
        }
        return conf;
    }

    NavigableSet<Long> voters() {
        return Collections.unmodifiableNavigableSet(voters);
    }

    boolean isVoter(long id) {
        return voters.contains(id);
    }

    boolean isLearner(long id) {
        return learners.contains(id);
    }

    boolean isMember(long id) {
        return progress.containsKey(id);
    }

    /** Whether a committed change removed {@code id}, which may then never be added again. */
    boolean isRemoved(long id) {
        return removedIds.contains(id);
    }

    /** The progress of {@code id}, or null if it is not a member. */
    Progress progress(long id) {
        return progress.get(id);
    }

    /** Members in id order (voters and learners). */
    Map<Long, Progress> members() {
        return Collections.unmodifiableMap(progress);
    }

    /** Replaces the configuration (at start-up, or from a snapshot). */
    void resetConfig(ConfState conf, long nextIndex, long nowTick) {
        current = null;
        voters.clear();
        learners.clear();
        removedIds.clear();
        progress.clear();
        voters.addAll(conf.voters());
        learners.addAll(conf.learners());
        removedIds.addAll(conf.removed());
        for (long id : voters) {
            progress.put(id, newProgress(nextIndex, false, nowTick));
        }
        for (long id : learners) {
            progress.put(id, newProgress(nextIndex, true, nowTick));
        }
    }

    private Progress newProgress(long next, boolean learner, long nowTick) {
        return new Progress(next, learner, new Inflights(inflightAppendsMax, inflightBytesMax), nowTick);
    }

    /** Whether {@code change} would alter the configuration (and leave at least one voter). */
    boolean isEffective(ConfChange change) {
        long id = change.nodeId();
        return switch (change.type()) {
            case ADD_VOTER -> !voters.contains(id);
            case ADD_LEARNER -> !voters.contains(id) && !learners.contains(id); // no demotion of voters
            case REMOVE_NODE -> learners.contains(id) || (voters.contains(id) && voters.size() > 1);
        };
    }

    /**
     * Applies a committed membership change; ineffective changes are ignored (every node decides the same way).
     * A new member's progress starts probing at {@code lastIndex} and counts as active now.
     */
    boolean apply(ConfChange change, long lastIndex, long nowTick) {
        if (!isEffective(change)) {
            return false;
        }
        long id = change.nodeId();
        current = null;
        // A leader refuses to add a removed id, but a log may hold such an addition from before it did.
        removedIds.remove(id);
        switch (change.type()) {
            case ADD_VOTER -> {
                learners.remove(id);
                voters.add(id);
                Progress pr = progress.get(id);
                if (pr == null) {
                    progress.put(id, newProgress(Math.max(lastIndex, 1), false, nowTick));
                } else {
                    pr.setLearner(false);
                }
            }
            case ADD_LEARNER -> {
                learners.add(id);
                progress.put(id, newProgress(Math.max(lastIndex, 1), true, nowTick));
            }
            case REMOVE_NODE -> {
                voters.remove(id);
                learners.remove(id);
                progress.remove(id);
                removedIds.add(id);
            }
        }
        Invariants.check(!voters.isEmpty(), "a configuration has at least one voter");
        return true;
    }

    /** The largest index a majority of voters has persisted. */
    long committedIndex() {
        return Quorum.committedIndex(voters, id -> progress.get(id).match());
    }

    /** Whether a majority of voters (this node included) answered within the last {@code windowTicks}. */
    boolean quorumActive(long selfId, long nowTick, long windowTicks) {
        return quorumActiveWithout(Raft.NONE, selfId, nowTick, windowTicks);
    }

    /**
     * Whether a majority of the voters other than {@code removed} (this node included) answered within the last
     * {@code windowTicks}: would the configuration without it still commit?
     */
    boolean quorumActiveWithout(long removed, long selfId, long nowTick, long windowTicks) {
        int left = 0;
        int active = 0;
        for (long id : voters) {
            if (id == removed) {
                continue;
            }
            left++;
            if (id == selfId || progress.get(id).isActive(nowTick, windowTicks)) {
                active++;
            }
        }
        return active >= Quorum.majority(left);
    }

    void resetVotes() {
        votes.clear();
    }

    /** Records the first vote heard from {@code id} in this election. */
    void recordVote(long id, boolean granted) {
        votes.putIfAbsent(id, granted);
    }

    Quorum.VoteResult tallyVotes() {
        return Quorum.voteResult(voters, votes);
    }

    Quorum.VoteResult tally(Map<Long, Boolean> acks) {
        return Quorum.voteResult(voters, acks);
    }
}

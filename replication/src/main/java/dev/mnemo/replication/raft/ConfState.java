package dev.mnemo.replication.raft;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A cluster configuration: the voters, who elect leaders and form quorums, the learners, who only follow, and the
 * ids a committed change removed. Removal is final (a leader never adds a removed id again), so the removed ids
 * travel and persist with the configuration: a member restarted or caught up from a snapshot that covers a removal
 * still knows of it. Sets are sorted so that every iteration over members is deterministic.
 */
public record ConfState(SortedSet<Long> voters, SortedSet<Long> learners, SortedSet<Long> removed) {
    /** The configuration of a node that has not yet learnt its cluster (a joining learner). */
    public static final ConfState EMPTY = new ConfState(new TreeSet<>(), new TreeSet<>());

    public ConfState {
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        learners = Collections.unmodifiableSortedSet(new TreeSet<>(learners));
        removed = Collections.unmodifiableSortedSet(new TreeSet<>(removed));
        for (long id : removed) {
            if (id <= 0 || voters.contains(id) || learners.contains(id)) {
                throw new IllegalArgumentException("removed ids must be positive and not members: " + id);
            }
        }
        for (long id : voters) {
            if (id <= 0 || learners.contains(id)) {
                throw new IllegalArgumentException("voters must be positive ids and not learners: " + id);
            }
        }
        for (long id : learners) {
            if (id <= 0) {
                throw new IllegalArgumentException("learner ids must be positive: " + id);
            }
        }
    }

    /** A configuration that has removed no one. */
    public ConfState(SortedSet<Long> voters, SortedSet<Long> learners) {
        this(voters, learners, new TreeSet<>());
    }

    /** A configuration of {@code voters} and no learners. */
    public static ConfState ofVoters(Long... voters) {
        return new ConfState(new TreeSet<>(List.of(voters)), new TreeSet<>());
    }

    public static ConfState of(Collection<Long> voters, Collection<Long> learners) {
        return new ConfState(new TreeSet<>(voters), new TreeSet<>(learners));
    }

    public static ConfState of(Collection<Long> voters, Collection<Long> learners, Collection<Long> removed) {
        return new ConfState(new TreeSet<>(voters), new TreeSet<>(learners), new TreeSet<>(removed));
    }

    public boolean isMember(long id) {
        return voters.contains(id) || learners.contains(id);
    }
}

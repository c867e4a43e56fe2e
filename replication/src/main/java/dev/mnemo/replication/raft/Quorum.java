package dev.mnemo.replication.raft;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/** Majority arithmetic over a set of voters. */
final class Quorum {
    private Quorum() {
    }

    /** The outcome of a vote (or of read-index acknowledgements) so far. */
    enum VoteResult { WON, LOST, PENDING }

    static int majority(int voterCount) {
        return voterCount / 2 + 1;
    }

    /** The largest index that a majority of voters has reached, given each voter's acknowledged index. */
    static long committedIndex(Set<Long> voters, LongUnaryOperator ackedIndex) {
        Invariants.check(!voters.isEmpty(), "a configuration has at least one voter");
        long[] acked = new long[voters.size()];
        int i = 0;
        for (long id : voters) {
            acked[i++] = ackedIndex.applyAsLong(id);
        }
        Arrays.sort(acked);
        return acked[acked.length - majority(acked.length)];
    }

    /** Tallies {@code votes} (granted or not) from {@code voters}; votes from non-voters do not count. */
    static VoteResult voteResult(Set<Long> voters, Map<Long, Boolean> votes) {
        int granted = 0;
        int rejected = 0;
        for (long id : voters) {
            Boolean vote = votes.get(id);
            if (vote == null) {
                continue;
            }
            if (vote) {
                granted++;
            } else {
                rejected++;
            }
        }
        int majority = majority(voters.size());
        if (granted >= majority) {
            return VoteResult.WON;
        }
        return voters.size() - rejected >= majority ? VoteResult.PENDING : VoteResult.LOST;
    }
}

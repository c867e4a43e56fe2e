package dev.mnemo.replication.cluster;

import java.time.Duration;
import java.util.List;

/**
 * What one member knows of its cluster at one moment, for operators: its own Raft state (term, commit and applied
 * index) and every member of the configuration it has applied, voters first. Only the leader tracks its followers,
 * so only the leader's status gives each member's match index and time since last contact.
 *
 * @param self         the name of the member that answered
 * @param term         its current term
 * @param leader       the leader's name as it knows it, or empty while none is known
 * @param commitIndex  the highest log index it knows to be committed
 * @param appliedIndex the highest log index it has applied
 * @param members      every member of its configuration, voters (in id order) then learners
 */
public record ClusterStatus(String self, long term, String leader, long commitIndex, long appliedIndex,
                            List<Member> members) {
    /** A member's part in the cluster. */
    public enum Role {
        LEADER, FOLLOWER, LEARNER, CANDIDATE,
        /** The member that answered, which knows that a committed change removed it (it must rejoin anew). */
        REMOVED
    }

    /** Whether a member can be reached, as the member that answered sees it. */
    public enum Reach {
        /** It answered recently (the leader's view), or a stream to it is open (anyone else's). */
        YES,
        /** It has not answered the leader within an election timeout, or no stream to it is open. */
        NO,
        /** A follower does not talk to the other followers, so it cannot tell. */
        UNKNOWN
    }

    /**
     * One member.
     *
     * @param id           its Raft id
     * @param name         its full name, {@code name@host:port}
     * @param role         its role, as the member that answered sees it
     * @param voter        whether it votes (learners do not)
     * @param self         whether it is the member that answered
     * @param reach        whether the member that answered can reach it
     * @param matchIndex   on the leader, the highest log index known to be stored on it; -1 elsewhere
     * @param sinceContact on the leader, the time since it last answered (zero for the leader); null elsewhere
     */
    public record Member(long id, String name, Role role, boolean voter, boolean self, Reach reach, long matchIndex,
                         Duration sinceContact) {
    }

    public ClusterStatus {
        members = List.copyOf(members);
    }

    /** Whether the member that answered is the leader. */
    public boolean isLeader() {
        return !leader.isEmpty() && leader.equals(self);
    }
}

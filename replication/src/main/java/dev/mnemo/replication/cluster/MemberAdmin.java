package dev.mnemo.replication.cluster;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.Role;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What an operator asks a member about its cluster: who is in it, in which role, and how far behind. */
final class MemberAdmin {
    /** How long a status waits for a Raft turn before it falls back on what other threads may read. */
    private static final Duration STATUS_TURN_WAIT = Duration.ofSeconds(2);

    private final RaftDriver driver;
    private final ClusterConfig config;

    MemberAdmin(RaftDriver driver, ClusterConfig config) {
        this.driver = driver;
        this.config = config;
    }

    /**
     * This member's view of the cluster. On the leader the core's progress gives each member's match index and last
     * contact; should no Raft turn come in time (a failed member), the view leaves them out.
     */
    ClusterStatus status() {
        return driver.askCore(node -> status(node, driver.role() == Role.LEADER), STATUS_TURN_WAIT.toNanos())
                .orElseGet(() -> status(null, false));
    }

    /** The status from {@code node} in a Raft turn, or (null) from the driver's published state. */
    private ClusterStatus status(RawNode node, boolean leading) {
        ConfState conf = node == null ? driver.confState() : node.confState();
        long commit = node == null ? driver.appliedIndex() : node.commitIndex();
        Set<String> connected = driver.transport().connectedPeers();
        List<ClusterStatus.Member> members = new ArrayList<>();
        for (long v : conf.voters()) {
            members.add(member(node, leading, v, true, connected));
        }
        for (long l : conf.learners()) {
            members.add(member(node, leading, l, false, connected));
        }
        long leader = driver.leaderId();
        return new ClusterStatus(config.name().toString(), driver.term(), leader == 0 ? "" : name(leader), commit,
                driver.appliedIndex(), members);
    }

    private ClusterStatus.Member member(RawNode node, boolean leading, long id, boolean voter, Set<String> connected) {
        String name = name(id);
        boolean self = id == driver.selfId();
        ClusterStatus.Role role = id == driver.leaderId() ? ClusterStatus.Role.LEADER
                : !voter ? ClusterStatus.Role.LEARNER
                : self && driver.role() != Role.FOLLOWER ? ClusterStatus.Role.CANDIDATE
                : ClusterStatus.Role.FOLLOWER;
        if (leading) {
            long ticks = node.ticksSinceContact(id);
            ClusterStatus.Reach reach = ticks >= 0 && ticks <= config.electionTicks() ? ClusterStatus.Reach.YES
                    : ClusterStatus.Reach.NO;
            return new ClusterStatus.Member(id, name, role, voter, self, reach, node.matchIndex(id),
                    config.tick().multipliedBy(Math.max(0, ticks)));
        }
        // A follower hears from the leader and seldom talks to the others: an open stream is all it can tell.
        ClusterStatus.Reach reach = self || connected.contains(name) ? ClusterStatus.Reach.YES
                : role == ClusterStatus.Role.LEADER ? ClusterStatus.Reach.NO : ClusterStatus.Reach.UNKNOWN;
        return new ClusterStatus.Member(id, name, role, voter, self, reach, -1, null);
    }

    private String name(long id) {
        String name = driver.directory().name(id);
        return name == null ? "#" + id : name;
    }
}

package dev.mnemo.replication.cluster;

import dev.mnemo.engine.Durations;
import dev.mnemo.replication.raft.ConfChange;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.Role;
import dev.mnemo.replication.raft.Status;
import dev.mnemo.replication.raft.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an operator asks a member about its cluster: who is in it, in which role, and how far behind; and removing a
 * member that is gone for good, which only the leader does, through Raft's single-server membership change.
 */
final class MemberAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(MemberAdmin.class);
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
        return driver.askCore(this::status, STATUS_TURN_WAIT.toNanos()).orElseGet(() -> status(null));
    }

    /**
     * The status from {@code node} in a Raft turn, or (null) from the driver's published state. Package-private for
     * tests that read it within the turn where the core's role changes.
     */
    ClusterStatus status(RawNode node) {
        // The driver publishes role, leader and term only after a turn: within one, the core's are the current ones.
        Status core = node == null ? null : node.status();
        Role role = core == null ? driver.role() : core.role();
        long leader = core == null ? driver.leaderId() : core.leaderId();
        long term = core == null ? driver.term() : core.term();
        RawNode leading = role == Role.LEADER ? node : null;
        ConfState conf = node == null ? driver.confState() : node.confState();
        long commit = node == null ? driver.appliedIndex() : node.commitIndex();
        Set<String> connected = driver.transport().connectedPeers();
        List<ClusterStatus.Member> members = new ArrayList<>();
        for (long v : conf.voters()) {
            members.add(member(leading, role, leader, v, true, connected));
        }
        for (long l : conf.learners()) {
            members.add(member(leading, role, leader, l, false, connected));
        }
        if (driver.isRemoved() && !conf.isMember(driver.selfId())) {
            // It applied its own removal: say so rather than leave itself out of the list.
            members.add(new ClusterStatus.Member(driver.selfId(), name(driver.selfId()), ClusterStatus.Role.REMOVED,
                    false, true, ClusterStatus.Reach.YES, -1, null));
        }
        return new ClusterStatus(config.name().toString(), term, leader == 0 ? "" : name(leader), commit,
                driver.appliedIndex(), members);
    }

    /** Member {@code id} as seen by this member in {@code selfRole}; {@code leading} is the core when it leads. */
    private ClusterStatus.Member member(RawNode leading, Role selfRole, long leader, long id, boolean voter,
                                        Set<String> connected) {
        String name = name(id);
        boolean self = id == driver.selfId();
        ClusterStatus.Role role = self && driver.isRemoved() ? ClusterStatus.Role.REMOVED
                : id == leader ? ClusterStatus.Role.LEADER
                : !voter ? ClusterStatus.Role.LEARNER
                : self && selfRole != Role.FOLLOWER ? ClusterStatus.Role.CANDIDATE
                : ClusterStatus.Role.FOLLOWER;
        if (leading != null) {
            long ticks = leading.ticksSinceContact(id);
            ClusterStatus.Reach reach = ticks >= 0 && ticks <= config.electionTicks() ? ClusterStatus.Reach.YES
                    : ClusterStatus.Reach.NO;
            return new ClusterStatus.Member(id, name, role, voter, self, reach, leading.matchIndex(id),
                    config.tick().multipliedBy(Math.max(0, ticks)));
        }
        // A follower hears from the leader and seldom talks to the others: an open stream is all it can tell.
        ClusterStatus.Reach reach = self || connected.contains(name) ? ClusterStatus.Reach.YES
                : role == ClusterStatus.Role.LEADER ? ClusterStatus.Reach.NO : ClusterStatus.Reach.UNKNOWN;
        return new ClusterStatus.Member(id, name, role, voter, self, reach, -1, null);
    }

    /**
     * Removes the member named {@code name} (its full name, or the part before '@'), and returns once this member
     * has applied the removal, within {@code timeout}.
     *
     * @throws MembershipChangeException when the change is refused, with nothing changed
     * @throws CommitUnknownException when it was not applied in time: it may still take effect
     */
    void remove(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // A proposal still queued for the Raft turn may yet run, so even this timeout leaves the outcome unknown.
        long id = driver.askCore(node -> proposeRemoval(node, name), timeout.toNanos())
                .orElseThrow(() -> new CommitUnknownException("this member did not get to the removal of " + name
                        + " within " + Durations.format(timeout) + "; the removal may still take effect: check "
                        + "mnemo status before asking again"));
        while (driver.confState().isMember(id)) {
            if (System.nanoTime() - deadline >= 0 || !driver.isRunning()) {
                // The entry is in the log: a leader elected later may still commit it.
                throw new CommitUnknownException("the removal of " + name + " is in the log but was not committed "
                        + "within " + Durations.format(timeout) + "; the removal may still take effect once a "
                        + "majority of the voters has it: check mnemo status before asking again");
            }
            RaftDriver.pause(config.tick().toNanos());
        }
    }

    /**
     * In a Raft turn: refuses what may not be removed, else proposes the removal; returns the member's id.
     * Package-private for tests that call it within the turn where the core's role changes.
     */
    long proposeRemoval(RawNode node, String name) {
        Status core = node.status(); // the driver's copy of role and leader lags the core within a turn
        if (core.role() != Role.LEADER) {
            long leader = core.leaderId();
            throw new MembershipChangeException(MembershipChangeException.Reason.NOT_LEADER, "only the leader removes "
                    + "members, and " + config.name() + " is not the leader; ask "
                    + (leader == 0 ? "the leader once one is elected" : name(leader)));
        }
        ConfState conf = node.confState();
        long id = memberNamed(conf, name);
        if (conf.voters().size() == 1 && conf.voters().contains(id)) {
            throw new MembershipChangeException(MembershipChangeException.Reason.LAST_VOTER, "cannot remove "
                    + name(id) + ": it is the last voter, and a cluster without one could commit nothing");
        }
        if (id == driver.selfId()) {
            throw new MembershipChangeException(MembershipChangeException.Reason.LEADER_ITSELF, "cannot remove "
                    + name(id) + ": it is the leader. Have it leave the cluster itself (ClusterNode.leave), or hand "
                    + "its leadership over first (stopping it gracefully does) and ask the new leader");
        }
        requireActiveQuorum(node, id);
        Submission s = node.proposeConfChange(ConfChange.removeNode(id));
        if (s.isAccepted()) {
            LOG.info("removing {} (id {}) from the cluster, as an operator asked", name(id), id);
            return id;
        }
        if (s instanceof Submission.Dropped d && (d.reason() == Submission.Reason.CONF_CHANGE_PENDING
                || d.reason() == Submission.Reason.LEADER_TRANSFER_IN_PROGRESS)) {
            throw new MembershipChangeException(MembershipChangeException.Reason.CHANGE_PENDING, "cannot remove "
                    + name(id) + " now: another membership change or a leadership transfer is under way; retry");
        }
        throw new MembershipChangeException(MembershipChangeException.Reason.NOT_LEADER, "cannot remove " + name(id)
                + ": " + s);
    }

    /**
     * Refuses the removal of {@code id} unless a majority of the voters answers the leader now, and a majority of
     * those left after it would: else the change could never commit, and while pending it blocks every later one.
     */
    private void requireActiveQuorum(RawNode node, long id) {
        if (!node.quorumActive()) {
            throw new MembershipChangeException(MembershipChangeException.Reason.NO_ACTIVE_QUORUM, "cannot remove "
                    + name(id) + ": a majority of the voters has not answered the leader within an election "
                    + "timeout, so the change could not commit; bring members back first (see mnemo status)");
        }
        if (!node.quorumActiveWithout(id)) {
            throw new MembershipChangeException(MembershipChangeException.Reason.NO_ACTIVE_QUORUM, "cannot remove "
                    + name(id) + ": too many of the voters left after it are down to form a majority, so the "
                    + "cluster could commit nothing more; bring them back, or remove the members that are down "
                    + "first (see mnemo status)");
        }
    }

    /** The id of the member of {@code conf} named {@code name}: its full name, or its name without the address. */
    private long memberNamed(ConfState conf, String name) {
        List<Long> found = new ArrayList<>();
        for (Map.Entry<Long, String> e : driver.directory().snapshot().entrySet()) {
            String full = e.getValue();
            if (conf.isMember(e.getKey()) && full.equals(name)) {
                return e.getKey();
            }
            if (conf.isMember(e.getKey()) && full.startsWith(name + "@")) {
                found.add(e.getKey());
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new MembershipChangeException(MembershipChangeException.Reason.UNKNOWN_MEMBER, "no member named "
                    + name);
        }
        List<String> names = found.stream().map(this::name).sorted().toList();
        throw new MembershipChangeException(MembershipChangeException.Reason.AMBIGUOUS_MEMBER, "several members are "
                + "named " + name + " (" + String.join(", ", names) + "): give the full name@host:port");
    }

    private String name(long id) {
        String name = driver.directory().name(id);
        return name == null ? "#" + id : name;
    }
}

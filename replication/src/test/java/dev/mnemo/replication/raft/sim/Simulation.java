package dev.mnemo.replication.raft.sim;

import dev.mnemo.replication.raft.ConfChange;
import dev.mnemo.replication.raft.ConfChangeType;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.RaftConfig;
import dev.mnemo.replication.raft.ReadState;
import dev.mnemo.replication.raft.Role;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.Status;
import dev.mnemo.replication.raft.Submission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One deterministic run of a Raft cluster: a single thread, a simulated clock (ticks), network and disks, and
 * seeded faults (message drops, delays, duplicates and reordering; partitions that come and go; crashes that
 * tear unsynced writes; restarts), with clients proposing entries, reading, changing membership and transferring
 * leadership. After the fault phase the network heals and every crashed member restarts; the cluster must then
 * elect a leader and converge. Everything derives from the seed, so a failure replays exactly.
 */
final class Simulation implements SimNode.Host {
    /** Outcome counters, for the report. */
    record Stats(long ticks, long proposals, long acked, long crashes, long snapshotsSent, long elections,
            long confChanges, long reads) {
    }

    /** When a node last heard a response from a peer, and at which term. */
    private record Heard(long tick, long term) {
    }

    private static final int TRACE_LINES = 400;
    private static final int LIVENESS_TICKS_MAX = 60 * SimOptions.ELECTION_TICKS;

    private final long seed;
    private final SplittableRandom random;
    private final SimOptions options;
    private final SimNetwork network;
    private final SafetyChecker checker = new SafetyChecker();
    private final TreeMap<Long, SimNode> nodes = new TreeMap<>();
    private final boolean printTrace;
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    private final List<Long> pendingRemovals = new ArrayList<>();
    /** Nodes whose removal was proposed: they shut down for good once it applies, so they are never added again. */
    private final java.util.Set<Long> leaving = new java.util.HashSet<>();
    private final Map<List<Long>, Heard> lastHeard = new HashMap<>();
    private final Map<Long, Long> leaderSince = new HashMap<>();

    private final SimWorkload workload;
    private long now;
    private long crashes;
    private long snapshotsSent;
    private long elections;
    private long confChanges;

    Simulation(long seed, boolean printTrace) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.options = SimOptions.draw(random);
        this.network = new SimNetwork(random.split(), options.networkFaults());
        this.printTrace = printTrace;
        this.workload = new SimWorkload(random.split(), checker);
        List<Long> voters = new ArrayList<>();
        for (long id = 1; id <= options.initialVoters(); id++) {
            voters.add(id);
        }
        Snapshot bootstrap = Snapshot.bootstrap(ConfState.of(voters, List.of()));
        for (long id : voters) {
            addNode(id, SimDisk.bootstrapped(bootstrap));
        }
    }

    SimOptions options() {
        return options;
    }

    /** Runs {@code faultTicks} ticks of faults and load, then heals and checks liveness and convergence. */
    Stats run(int faultTicks) {
        trace("options " + options);
        for (int i = 0; i < faultTicks; i++) {
            injectFaults();
            clientActions();
            step(false);
        }
        heal();
        awaitConvergence();
        return new Stats(now, workload.proposals(), workload.acknowledged(), crashes, snapshotsSent, elections,
                confChanges, workload.reads());
    }

    /** The last trace lines, for a failure report. */
    String recentTrace() {
        return String.join("\n", trace);
    }

    // ------------------------------------------------------------------ the clock

    private void step(boolean syncAlways) {
        now++;
        for (SimNode n : nodes.values()) {
            if (n.alive()) {
                n.raft.tick();
                n.processReadies();
            }
        }
        checkLeadersHaveQuorum();
        for (int round = 0; round < 4; round++) {
            for (SimNetwork.InFlight f : network.due(now)) {
                deliver(f);
            }
            for (SimNode n : nodes.values()) {
                if (n.alive()) {
                    n.processReadies();
                }
            }
            for (SimNode n : nodes.values()) {
                if (n.alive() && !n.idle() && (syncAlways || random.nextDouble() < options.syncRate())) {
                    n.sync();
                }
            }
            shutDownRemoved();
        }
    }

    /**
     * Check-quorum bounds how long a cut-off leader keeps leading: right after its tick, a leader that has not
     * heard from a majority of voters within an election timeout must have stepped down, so that a minority side
     * refuses writes in bounded time.
     */
    private void checkLeadersHaveQuorum() {
        if (!options.checkQuorum()) {
            return;
        }
        long window = SimOptions.ELECTION_TICKS;
        for (SimNode n : nodes.values()) {
            if (!n.alive() || n.role != Role.LEADER || now - leaderSince.getOrDefault(n.id, now) <= window) {
                continue;
            }
            ConfState conf = n.raft.confState();
            int heard = conf.voters().contains(n.id) ? 1 : 0;
            for (long voter : conf.voters()) {
                Heard h = lastHeard.get(List.of(n.id, voter));
                if (voter != n.id && h != null && h.term() == n.term && h.tick() >= now - window) {
                    heard++;
                }
            }
            if (heard < conf.voters().size() / 2 + 1) {
                throw new SafetyViolation("bounded minority leadership", "leader " + n.id + " of term " + n.term
                        + " heard from only " + heard + " of " + conf.voters() + " in the last " + window
                        + " ticks");
            }
        }
    }

    private void deliver(SimNetwork.InFlight f) {
        Message m = f.message();
        SimNode to = nodes.get(m.to());
        boolean delivered = to != null && to.alive() && network.connected(m.from(), m.to());
        if (delivered) {
            if (printTrace) {
                trace("deliver " + m);
            }
            to.raft.step(m);
            if (m.type() == MessageType.APPEND_RESPONSE || m.type() == MessageType.HEARTBEAT_RESPONSE) {
                lastHeard.put(List.of(m.to(), m.from()), new Heard(now, m.term()));
            }
        }
        if (m.type() == MessageType.SNAPSHOT) {
            SimNode from = nodes.get(m.from());
            if (from != null && from.alive() && from.incarnation == f.senderIncarnation()) {
                from.raft.reportSnapshot(m.to(), delivered);
            }
        }
    }

    // ------------------------------------------------------------------ SimNode.Host

    @Override
    public SafetyChecker checker() {
        return checker;
    }

    @Override
    public void send(SimNode from, Message m) {
        if (m.type() == MessageType.SNAPSHOT) {
            snapshotsSent++;
        }
        if (network.send(m, now, from.incarnation)) {
            return;
        }
        if (m.type() == MessageType.SNAPSHOT) {
            from.raft.reportSnapshot(m.to(), false);
        } else if (!network.connected(m.from(), m.to()) && random.nextBoolean()) {
            from.raft.reportUnreachable(m.to());
        }
    }

    @Override
    public void applied(SimNode node, Entry e) {
        workload.applied(node, e);
    }

    @Override
    public void restoredSnapshot(SimNode node, long index) {
        workload.restoredSnapshot(node, index);
    }

    @Override
    public void readState(SimNode node, ReadState rs) {
        workload.readState(node, rs);
    }

    @Override
    public void confChangeApplied(SimNode node, ConfChange change) {
        if (change.type() == ConfChangeType.REMOVE_NODE) {
            pendingRemovals.add(change.nodeId());
        } else {
            // A member new to the leader's configuration counts as heard from when added (as the core does), so
            // that adding a node does not make the leader step down before the node could answer.
            lastHeard.putIfAbsent(List.of(node.id, change.nodeId()), new Heard(now, node.term));
        }
    }

    @Override
    public void leaderElected(SimNode node) {
        elections++;
        leaderSince.put(node.id, now);
    }

    @Override
    public void trace(String event) {
        String line = "t" + now + " " + event;
        if (printTrace) {
            System.out.println(line);
        }
        trace.addLast(line);
        if (trace.size() > TRACE_LINES) {
            trace.removeFirst();
        }
    }

    // ------------------------------------------------------------------ faults

    private void injectFaults() {
        if (random.nextDouble() < options.crashRate()) {
            SimNode n = pick(true);
            if (n != null) {
                crash(n);
            }
        }
        if (random.nextDouble() < options.leaderCrashRate()) {
            SimNode leader = leaderOrAny(); // leaders crash right after appending: the figure 8 scenarios
            if (leader != null && leader.role == Role.LEADER) {
                crash(leader);
            }
        }
        if (random.nextDouble() < options.restartRate()) {
            SimNode n = pick(false);
            if (n != null) {
                trace("restart " + n.id);
                n.start();
            }
        }
        if (random.nextDouble() < options.bounceRate()) {
            SimNode n = pick(true); // a process restart: crash and come back at once
            if (n != null) {
                crash(n);
                trace("restart " + n.id);
                n.start();
            }
        }
        if (random.nextDouble() < options.partitionRate()) {
            partition();
        }
        if (random.nextDouble() < options.leaderIsolationRate()) {
            SimNode leader = leaderOrAny();
            if (leader != null && leader.role == Role.LEADER) {
                trace("isolate leader " + leader.id);
                network.partition(Map.of(leader.id, 1));
            }
        }
        if (network.isPartitioned() && random.nextDouble() < options.partitionHealRate()) {
            trace("partition healed");
            network.heal();
        }
    }

    private void crash(SimNode n) {
        crashes++;
        n.crash(random);
        workload.forget(n.id);
    }

    private void partition() {
        Map<Long, Integer> groups = new HashMap<>();
        StringBuilder s = new StringBuilder("partition");
        for (long id : nodes.keySet()) {
            int group = random.nextInt(2);
            groups.put(id, group);
            s.append(' ').append(id).append(':').append(group);
        }
        network.partition(groups);
        trace(s.toString());
    }

    /** A random live (or, with {@code alive} false, crashed but restartable) node. */
    private SimNode pick(boolean alive) {
        List<SimNode> candidates = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (!n.removed && n.alive() == alive) {
                candidates.add(n);
            }
        }
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private void shutDownRemoved() {
        for (long id : pendingRemovals) {
            SimNode n = nodes.get(id);
            if (n != null && !n.removed) {
                trace("removed " + id + " shuts down");
                n.removed = true;
                if (n.alive()) {
                    n.crash(random);
                }
                workload.forget(id);
            }
        }
        pendingRemovals.clear();
    }

    // ------------------------------------------------------------------ clients

    private void clientActions() {
        if (random.nextDouble() < options.proposeRate()) {
            workload.propose(leaderOrAny());
        }
        if (random.nextDouble() < options.readRate()) {
            workload.read(pick(true));
        }
        if (random.nextDouble() < options.confChangeRate()) {
            changeMembership();
        }
        if (random.nextDouble() < options.transferRate()) {
            transferLeadership();
        }
        if (random.nextDouble() < options.compactRate()) {
            SimNode n = pick(true);
            if (n != null) {
                n.compact(random.nextBoolean() ? 0 : random.nextInt(1, 24));
            }
        }
    }

    /** A node that last reported itself leader, else any live node. */
    private SimNode leaderOrAny() {
        List<SimNode> leaders = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (n.alive() && n.role == Role.LEADER) {
                leaders.add(n);
            }
        }
        return leaders.isEmpty() ? pick(true) : leaders.get(random.nextInt(leaders.size()));
    }

    private void transferLeadership() {
        SimNode leader = leaderOrAny();
        if (leader == null || leader.role != Role.LEADER) {
            return;
        }
        List<Long> voters = new ArrayList<>(leader.raft.confState().voters());
        voters.remove(leader.id);
        if (!voters.isEmpty()) {
            long to = voters.get(random.nextInt(voters.size()));
            trace("transfer " + leader.id + " -> " + to + ": " + leader.raft.transferLeadership(to));
        }
    }

    /** Adds a learner (a fresh id), promotes a learner, or removes a node; voters stay between 3 and 5. */
    private void changeMembership() {
        SimNode leader = leaderOrAny();
        if (leader == null || leader.role != Role.LEADER) {
            return;
        }
        ConfState conf = leader.raft.confState();
        ConfChange change = null;
        SimNode joining = nodes.values().stream()
                .filter(n -> !n.removed && !leaving.contains(n.id) && !conf.isMember(n.id)).findFirst().orElse(null);
        double dice = random.nextDouble();
        if (joining != null) {
            change = ConfChange.addLearner(joining.id);
        } else if (dice < 0.4 && nodes.size() < options.nodeIdsMax()) {
            long id = nodes.lastKey() + 1;
            addNode(id, new SimDisk());
            change = ConfChange.addLearner(id);
        } else if (dice < 0.7 && !conf.learners().isEmpty() && conf.voters().size() < 5) {
            change = ConfChange.addVoter(conf.learners().first());
        } else if (conf.voters().size() > 3 || !conf.learners().isEmpty()) {
            List<Long> removable = new ArrayList<>(conf.learners());
            if (conf.voters().size() > 3) {
                removable.addAll(conf.voters());
            }
            change = ConfChange.removeNode(removable.get(random.nextInt(removable.size())));
        }
        if (change != null) {
            Submission s = leader.raft.proposeConfChange(change);
            if (s.isAccepted()) {
                confChanges++;
                if (change.type() == ConfChangeType.REMOVE_NODE) {
                    leaving.add(change.nodeId());
                }
            }
            trace("conf change " + change + " via " + leader.id + ": " + s);
        }
    }

    private void addNode(long id, SimDisk disk) {
        RaftConfig config = RaftConfig.builder(id)
                .electionTicks(SimOptions.ELECTION_TICKS)
                .heartbeatTicks(options.heartbeatTicks())
                .preVote(options.preVote())
                .checkQuorum(options.checkQuorum())
                .inflightAppendsMax(options.inflightAppendsMax())
                .appendBytesMax(options.appendBytesMax())
                .entryBytesMax(1024)
                .build();
        SimNode n = new SimNode(id, config, disk, seed, this);
        nodes.put(id, n);
        n.start();
        trace("node " + id + " starts");
    }

    // ------------------------------------------------------------------ healing and liveness

    private void heal() {
        trace("heal: network perfect, every member restarts");
        network.heal();
        network.setFaults(SimNetwork.Faults.NONE);
        for (SimNode n : nodes.values()) {
            if (!n.removed && !n.alive()) {
                n.start();
            }
        }
    }

    private void awaitConvergence() {
        long finalProposal = 0;
        for (int t = 0; t < LIVENESS_TICKS_MAX; t++) {
            step(true);
            SimNode leader = stableLeader();
            if (leader == null) {
                continue;
            }
            if (finalProposal == 0 || (t % SimOptions.ELECTION_TICKS == 0
                    && !workload.isAcknowledged(finalProposal))) {
                long id = workload.propose(leader);
                finalProposal = id != 0 ? id : finalProposal;
            }
            if (finalProposal != 0 && workload.isAcknowledged(finalProposal) && converged(leader)) {
                workload.checkAcknowledgedEverywhere(members(leader));
                return;
            }
        }
        throw new SafetyViolation("liveness", "no leader with a converged cluster " + LIVENESS_TICKS_MAX
                + " ticks after healing: " + nodes.values());
    }

    /** The live leader of the highest term, if any ({@link #converged} checks that the others follow it). */
    private SimNode stableLeader() {
        SimNode leader = null;
        long term = -1;
        for (SimNode n : nodes.values()) {
            if (n.alive() && n.raft.status().role() == Role.LEADER && n.raft.status().term() > term) {
                leader = n;
                term = n.raft.status().term();
            }
        }
        return leader;
    }

    private boolean converged(SimNode leader) {
        Status ls = leader.raft.status();
        for (SimNode n : members(leader)) {
            Status s = n.raft.status();
            if (s.leaderId() != leader.id || s.term() != ls.term() || s.commit() != ls.commit()
                    || n.appliedIndex != ls.commit() || !n.idle()) {
                return false;
            }
        }
        return true;
    }

    private List<SimNode> members(SimNode leader) {
        ConfState conf = leader.raft.confState();
        List<SimNode> members = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (!n.removed && conf.isMember(n.id)) {
                if (!n.alive()) {
                    throw new SafetyViolation("liveness", "member " + n.id + " is down after healing");
                }
                members.add(n);
            }
        }
        return members;
    }
}

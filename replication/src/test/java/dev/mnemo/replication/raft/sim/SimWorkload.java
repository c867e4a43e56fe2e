package dev.mnemo.replication.raft.sim;

import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.ReadState;
import dev.mnemo.replication.raft.Submission;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The clients of the simulated cluster: proposals with unique ids and linearizable reads. A proposal counts as
 * acknowledged when the node that accepted it applies an entry with the same index and term (the leader saw it
 * committed); from then on it must stay at that index in every node's applied sequence.
 */
final class SimWorkload {
    private record PendingProposal(long term, long proposalId, byte[] data) {
    }

    private record PendingRead(long node, int incarnation, long ackedIndexAtIssue) {
    }

    /** A pending read, by the context its node gave it and that node's incarnation. */
    private record ReadKey(String context, long node, int incarnation) {
    }

    private final SplittableRandom random;
    private final SafetyChecker checker;
    private final Map<Long, Map<Long, PendingProposal>> pendingProposals = new HashMap<>();
    private final Map<Long, Long> ackedIndexOfProposal = new HashMap<>();
    private final Map<ReadKey, PendingRead> pendingReads = new HashMap<>();
    private long maxAckedIndex;
    private long nextProposalId = 1;
    private long proposals;
    private long reads;

    SimWorkload(SplittableRandom random, SafetyChecker checker) {
        this.random = random;
        this.checker = checker;
    }

    long proposals() {
        return proposals;
    }

    long acknowledged() {
        return ackedIndexOfProposal.size();
    }

    long reads() {
        return reads;
    }

    boolean isAcknowledged(long proposalId) {
        return ackedIndexOfProposal.containsKey(proposalId);
    }

    /** Proposes a fresh entry on {@code n}; returns its id if accepted, else 0. */
    long propose(SimNode n) {
        if (n == null) {
            return 0;
        }
        long id = nextProposalId++;
        byte[] data = new byte[8 + random.nextInt(0, 48)];
        ByteBuffer.wrap(data).putLong(id);
        Submission s = n.raft.propose(data);
        if (s instanceof Submission.Accepted a) {
            proposals++;
            pendingProposals.computeIfAbsent(n.id, k -> new HashMap<>())
                    .put(a.index(), new PendingProposal(a.term(), id, data));
            return id;
        }
        return 0;
    }

    /**
     * Asks {@code n} for a read index, remembering what had been acknowledged before the request. Contexts are
     * numbered per node from 1 again at each start, as the production driver numbers them.
     */
    void read(SimNode n) {
        if (n == null) {
            return;
        }
        String context = "read-" + n.id + "-" + n.readsIssued++;
        if (n.raft.readIndex(context.getBytes(StandardCharsets.UTF_8)).isAccepted()) {
            reads++;
            pendingReads.put(new ReadKey(context, n.id, n.incarnation),
                    new PendingRead(n.id, n.incarnation, maxAckedIndex));
        }
    }

    /** {@code node} applied {@code e}: acknowledge the proposal it accepted at that index, if it is this one. */
    void applied(SimNode node, Entry e) {
        Map<Long, PendingProposal> pending = pendingProposals.get(node.id);
        PendingProposal p = pending == null ? null : pending.remove(e.index());
        if (p == null || p.term() != e.term()) {
            return; // not proposed here, or lost to another leader's entry
        }
        if (!Arrays.equals(p.data(), e.data())) {
            throw new SafetyViolation("acknowledged commits", "proposal " + p.proposalId() + " accepted at "
                    + e.index() + "@" + e.term() + " but another entry was applied there");
        }
        ackedIndexOfProposal.put(p.proposalId(), e.index());
        maxAckedIndex = Math.max(maxAckedIndex, e.index());
    }

    /** {@code node} jumped to a snapshot: it will never learn the fate of proposals up to its index. */
    void restoredSnapshot(SimNode node, long index) {
        Map<Long, PendingProposal> pending = pendingProposals.get(node.id);
        if (pending != null) {
            pending.keySet().removeIf(i -> i <= index);
        }
    }

    /** {@code node} went down: its clients never hear back. */
    void forget(long node) {
        pendingProposals.remove(node);
    }

    /** A read index must cover every write acknowledged before the read was issued, and be a commit index. */
    void readState(SimNode node, ReadState rs) {
        PendingRead p = pendingReads.remove(new ReadKey(new String(rs.context(), StandardCharsets.UTF_8), node.id,
                node.incarnation));
        if (p == null || p.node() != node.id || p.incarnation() != node.incarnation) {
            return; // a duplicate answer
        }
        if (rs.index() < p.ackedIndexAtIssue() || rs.index() > checker.maxCommittedIndex()) {
            throw new SafetyViolation("linearizable reads", "node " + node.id + " got read index " + rs.index()
                    + " but " + p.ackedIndexAtIssue() + " was acknowledged before the read and "
                    + checker.maxCommittedIndex() + " is the highest commit");
        }
    }

    /** After convergence: every member applied every acknowledged entry, and each is still where it was. */
    void checkAcknowledgedEverywhere(List<SimNode> members) {
        for (SimNode n : members) {
            if (n.appliedIndex < maxAckedIndex) {
                throw new SafetyViolation("acknowledged commits", "node " + n.id + " applied only up to "
                        + n.appliedIndex + " but " + maxAckedIndex + " was acknowledged");
            }
        }
        for (Map.Entry<Long, Long> acked : ackedIndexOfProposal.entrySet()) {
            Entry e = checker.committedAt(acked.getValue());
            if (e == null || ByteBuffer.wrap(e.data()).getLong() != acked.getKey()) {
                throw new SafetyViolation("acknowledged commits", "proposal " + acked.getKey() + " is no longer "
                        + "at index " + acked.getValue());
            }
        }
    }
}

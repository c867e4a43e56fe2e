package dev.mnemo.replication.raft.sim;

import dev.mnemo.replication.raft.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The simulated network: every message is dropped, delayed (which reorders), or duplicated by a seeded coin;
 * partitions split nodes into groups that cannot talk. Delivery happens in (due tick, send order) order.
 */
final class SimNetwork {
    /** A message on the wire, stamped with the sender's incarnation for transport feedback. */
    record InFlight(long dueTick, long seq, Message message, int senderIncarnation) {
    }

    /** Fault rates; all zero means a perfect network. */
    record Faults(double dropRate, double duplicateRate, int delayTicksMax) {
        static final Faults NONE = new Faults(0, 0, 0);
    }

    private final SplittableRandom random;
    private final PriorityQueue<InFlight> wire = new PriorityQueue<>((a, b) -> a.dueTick != b.dueTick
            ? Long.compare(a.dueTick, b.dueTick) : Long.compare(a.seq, b.seq));
    private final Map<Long, Integer> partitionGroup = new HashMap<>();
    private Faults faults;
    private long seq;

    SimNetwork(SplittableRandom random, Faults faults) {
        this.random = random;
        this.faults = faults;
    }

    void setFaults(Faults faults) {
        this.faults = faults;
    }

    /** Splits the nodes: each id maps to a group; ids not mentioned are in group 0. */
    void partition(Map<Long, Integer> groups) {
        partitionGroup.clear();
        partitionGroup.putAll(groups);
    }

    void heal() {
        partitionGroup.clear();
    }

    boolean isPartitioned() {
        return !partitionGroup.isEmpty();
    }

    boolean connected(long a, long b) {
        return partitionGroup.getOrDefault(a, 0).equals(partitionGroup.getOrDefault(b, 0));
    }

    /** Puts a message on the wire; returns false if it was lost at once. */
    boolean send(Message m, long now, int senderIncarnation) {
        if (!connected(m.from(), m.to()) || random.nextDouble() < faults.dropRate()) {
            return false;
        }
        enqueue(m, now, senderIncarnation);
        if (random.nextDouble() < faults.duplicateRate()) {
            enqueue(m, now, senderIncarnation);
        }
        return true;
    }

    private void enqueue(Message m, long now, int senderIncarnation) {
        int delay = faults.delayTicksMax() == 0 ? 0 : random.nextInt(faults.delayTicksMax() + 1);
        wire.add(new InFlight(now + delay, seq++, m, senderIncarnation));
    }

    /** Removes and returns the messages due at or before {@code now}. */
    List<InFlight> due(long now) {
        List<InFlight> out = new ArrayList<>();
        while (!wire.isEmpty() && wire.peek().dueTick() <= now) {
            out.add(wire.poll());
        }
        return out;
    }

    int inFlight() {
        return wire.size();
    }
}

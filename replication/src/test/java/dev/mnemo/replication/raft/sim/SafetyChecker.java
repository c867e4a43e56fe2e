package dev.mnemo.replication.raft.sim;

import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.EntryType;
import dev.mnemo.replication.raft.LogCompactedException;
import dev.mnemo.replication.raft.MemoryStorage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Raft's safety properties, checked incrementally as nodes write, commit and apply:
 * <ul>
 *   <li><b>election safety</b>: at most one leader per term;</li>
 *   <li><b>log matching</b>: an (index, term) pair identifies one entry and one predecessor term, in every log
 *       that ever holds it, so logs that agree on an entry agree on everything before it;</li>
 *   <li><b>leader completeness</b>: a new leader's log holds every entry committed so far;</li>
 *   <li><b>commitment rule</b>: a leader moves its commit index only onto an entry of its own term (figure 8 of
 *       the Raft paper: counting replicas of an older entry proves nothing);</li>
 *   <li><b>state machine safety</b>: no two nodes apply different entries at an index, and a node's applied
 *       sequence (or restored snapshot) hashes the same as everybody's up to that index;</li>
 *   <li><b>durability of acknowledged commits</b> (with {@link Simulation}): an acknowledged entry stays at its
 *       index in the committed and applied sequences forever.</li>
 * </ul>
 */
final class SafetyChecker {
    /** An entry as the log-matching registry remembers it, with the term of the entry before it. */
    private record Written(Entry entry, long prevTerm, long firstWriter) {
    }

    static final long BOOTSTRAP_CHAIN = 0x5EED_0000_0000_0001L;

    private final Map<Long, Long> leaderOfTerm = new HashMap<>();
    // Log indexes are dense and small in a simulation, so registries are lists indexed by log index.
    private final ArrayList<Map<Long, Written>> writtenByIndexTerm = new ArrayList<>();
    private final ArrayList<Entry> committed = new ArrayList<>();
    private final ArrayList<Long> chainAt = new ArrayList<>();
    private long maxCommittedIndex;

    SafetyChecker() {
        set(chainAt, 1, BOOTSTRAP_CHAIN);
    }

    private static <T> T get(ArrayList<T> list, long index) {
        return index < list.size() ? list.get((int) index) : null;
    }

    private static <T> void set(ArrayList<T> list, long index, T value) {
        while (list.size() <= index) {
            list.add(null);
        }
        list.set((int) index, value);
    }

    long maxCommittedIndex() {
        return maxCommittedIndex;
    }

    Entry committedAt(long index) {
        return get(committed, index);
    }

    void leaderOf(long term, long node) {
        Long previous = leaderOfTerm.putIfAbsent(term, node);
        if (previous != null && previous != node) {
            throw new SafetyViolation("election safety", "term " + term + " has leaders " + previous + " and "
                    + node);
        }
    }

    /** A node wrote {@code e} to its log right after an entry of {@code prevTerm}. */
    void written(long node, Entry e, long prevTerm) {
        Written w = new Written(e, prevTerm, node);
        Map<Long, Written> byTerm = get(writtenByIndexTerm, e.index());
        if (byTerm == null) {
            byTerm = new HashMap<>(4);
            set(writtenByIndexTerm, e.index(), byTerm);
        }
        Written earlier = byTerm.putIfAbsent(e.term(), w);
        if (earlier != null && (!earlier.entry().equals(e) || earlier.prevTerm() != prevTerm)) {
            throw new SafetyViolation("log matching", "node " + node + " wrote " + e + " after term " + prevTerm
                    + " but node " + earlier.firstWriter() + " wrote " + earlier.entry() + " after term "
                    + earlier.prevTerm());
        }
    }

    /** A node counts {@code e} as committed. */
    void committed(long node, Entry e) {
        Entry earlier = get(committed, e.index());
        if (earlier == null) {
            set(committed, e.index(), e);
        } else if (!earlier.equals(e)) {
            throw new SafetyViolation("committed entries never change", "node " + node + " committed " + e
                    + " where " + earlier + " was committed");
        }
        maxCommittedIndex = Math.max(maxCommittedIndex, e.index());
    }

    /** Leader {@code node} of {@code term} advanced its commit index to an entry of {@code entryTerm}. */
    void leaderCommitted(long node, long term, long commit, long entryTerm) {
        if (entryTerm != term) {
            throw new SafetyViolation("commitment rule", "leader " + node + " of term " + term + " committed up to "
                    + commit + ", an entry of term " + entryTerm);
        }
    }

    /** {@code node} just became leader; its whole log is in {@code log}. */
    void leaderElected(long node, long term, MemoryStorage log) {
        if (log.lastIndex() < maxCommittedIndex) {
            throw new SafetyViolation("leader completeness", "leader " + node + " of term " + term
                    + " ends at " + log.lastIndex() + " but " + maxCommittedIndex + " is committed");
        }
        for (long i = log.firstIndex(); i <= maxCommittedIndex; i++) {
            Entry c = get(committed, i);
            if (c == null) {
                continue; // only ever seen inside snapshots
            }
            long termThere;
            try {
                termThere = log.term(c.index());
            } catch (LogCompactedException e) {
                continue;
            }
            if (termThere != c.term()) {
                throw new SafetyViolation("leader completeness", "leader " + node + " of term " + term
                        + " has term " + termThere + " at " + c.index() + " where " + c + " is committed");
            }
        }
    }

    /** {@code node} applied {@code e}; its state hash is now {@code chain}. */
    void applied(long node, Entry e, long chain) {
        Entry c = get(committed, e.index());
        if (c == null || !c.equals(e)) {
            throw new SafetyViolation("state machine safety", "node " + node + " applied " + e
                    + " but the committed entry there is " + c);
        }
        checkChain(node, e.index(), chain);
    }

    /** {@code node}'s state machine was restored to the state after {@code index}. */
    void restored(long node, long index, long chain) {
        checkChain(node, index, chain);
    }

    private void checkChain(long node, long index, long chain) {
        Long earlier = get(chainAt, index);
        if (earlier == null) {
            set(chainAt, index, chain);
        } else if (earlier != chain) {
            throw new SafetyViolation("state machine safety", "node " + node + "'s applied sequence up to "
                    + index + " differs from another node's");
        }
    }

    /** The state hash after applying {@code e} on top of {@code chain}. */
    static long extend(long chain, Entry e) {
        long h = chain * 0x9E3779B97F4A7C15L + e.term();
        h = mix(h ^ (e.type() == EntryType.NORMAL ? 0x1234 : 0x4321));
        ByteBuffer data = ByteBuffer.wrap(e.data());
        while (data.remaining() >= 8) {
            h = mix(h ^ data.getLong());
        }
        while (data.hasRemaining()) {
            h = mix(h ^ data.get());
        }
        return mix(h ^ e.index());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

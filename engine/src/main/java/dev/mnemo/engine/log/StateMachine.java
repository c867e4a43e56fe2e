package dev.mnemo.engine.log;

import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;

import java.util.List;

/**
 * The engine as the commit log sees it: records go in, in log order, one batch at a time, and each gets its
 * outcome. The log guarantees that at most one thread calls {@link #apply} at a time.
 */
public interface StateMachine {
    /** Validates and applies {@code records} in order, writing the outcome of record i to {@code outcomes[i]}. */
    void apply(List<CommitRecord> records, Outcome[] outcomes);

    /**
     * Applies {@code records} as {@link #apply} does if that can start at once; returns false, with nothing applied
     * and nothing waited for, when applies are held (a snapshot is being written, or a long reader holds them). A
     * log applying on a thread that must not block (a network thread) calls this and hands the batch to its own
     * thread when it gets false.
     */
    default boolean tryApply(List<CommitRecord> records, Outcome[] outcomes) {
        apply(records, outcomes);
        return true;
    }
}

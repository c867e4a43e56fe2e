package dev.mnemo.engine.log;

import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;

/**
 * The port through which every write reaches the database: it puts records in one total order and has the
 * bound {@link StateMachine} apply them in that order. The local implementation sequences in-process; the
 * replicated one orders through Raft so every member applies the same records in the same order.
 */
public interface CommitLog extends AutoCloseable {
    /** Binds the state machine that applies committed records; called once, before the first append. */
    void start(StateMachine machine);

    /**
     * Orders {@code record} after every record appended before it returned and blocks until the local state
     * machine has applied it; returns its outcome.
     */
    Outcome append(CommitRecord record);

    @Override
    void close();
}

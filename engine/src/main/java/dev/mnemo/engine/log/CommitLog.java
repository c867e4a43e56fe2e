package dev.mnemo.engine.log;

import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;

import java.util.concurrent.CompletableFuture;

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

    /**
     * As {@link #append}, without blocking: orders {@code record} after every record appended before this returned,
     * and completes the future with its outcome once the local state machine has applied it (exceptionally with
     * the error {@link #append} would throw). The future completes on whichever thread applied the record, with
     * the log's internals mid-turn: dependent actions must only hand work off (to an executor), never run it there.
     */
    CompletableFuture<Outcome> appendAsync(CommitRecord record);

    @Override
    void close();
}

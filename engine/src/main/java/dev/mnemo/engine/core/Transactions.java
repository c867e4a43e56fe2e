package dev.mnemo.engine.core;

import dev.mnemo.engine.ExplicitTransaction;
import dev.mnemo.engine.MnemoStats;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.TransactionAbortedException;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.engine.TxFunction;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.Outcome;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Runs transaction functions with Mnesia's semantics: run, commit, and on conflict run again (bounded, with
 * back-off) until it commits, the function throws, or the retries run out. A read-only function that keeps
 * conflicting runs once more with applies held off, so a long reader always finishes.
 */
public final class Transactions {
    /** Set while this thread runs a transaction of this database (one of another database may enclose it). */
    private final ThreadLocal<Boolean> inside = new ThreadLocal<>();

    private final Engine engine;
    private final Retry retry;
    private final LongAdder commits = new LongAdder();
    private final LongAdder readOnlyCommits = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder exhausted = new LongAdder();
    private final LongAdder aborts = new LongAdder();
    private final LongAdder escalations = new LongAdder();

    public Transactions(Engine engine) {
        this.engine = engine;
        this.retry = new Retry(engine.config().backoffMin(), engine.config().backoffMax());
    }

    public <T> T run(TxFunction<T> fn) {
        if (inside.get() != null) {
            throw new IllegalStateException("a transaction cannot start inside another of the same database on the"
                    + " same thread");
        }
        inside.set(Boolean.TRUE);
        try {
            return loop(fn);
        } finally {
            inside.remove();
        }
    }

    private <T> T loop(TxFunction<T> fn) {
        int failed = 0;
        boolean lastReadOnly = false;
        while (true) {
            boolean escalate = lastReadOnly && failed >= engine.config().readOnlyEscalationAttempts();
            Txn tx = new Txn(engine);
            T result = attempt(fn, tx, escalate);
            if (result != null || tx.committed) {
                return result;
            }
            lastReadOnly = tx.isReadOnly();
            failed++;
            conflicts.increment();
            if (failed > engine.config().retriesMax()) {
                exhausted.increment();
                throw new TransactionConflictException("transaction conflicted " + failed
                        + " times with concurrent ones and gave up (retriesMax " + engine.config().retriesMax() + ")");
            }
            retry.pause(failed);
        }
    }

    /** One run and commit; returns the result with {@code tx.committed} set, or leaves it unset on conflict. */
    private <T> T attempt(TxFunction<T> fn, Txn tx, boolean escalate) {
        T result;
        try {
            if (escalate) {
                escalations.increment();
                // Nothing is applied while the function runs, so its reads are one consistent state.
                result = engine.withAppliesHeld(() -> {
                    T r = fn.apply(tx);
                    tx.heldThroughout = tx.isReadOnly() && !tx.isDoomed();
                    return r;
                });
            } else {
                result = fn.apply(tx);
            }
        } catch (TransactionAbortedException e) {
            aborts.increment();
            throw e;
        } catch (RuntimeException e) {
            if (tx.readsStillValid()) {
                throw e;
            }
            return null; // it ran on a state that changed under it: its failure may be an artefact, so re-run
        }
        if (tx.isReadOnly()) {
            if (tx.heldThroughout || tx.readsStillValid()) {
                engine.awaitDurable(tx.maxReadVersion());
                readOnlyCommits.increment();
                tx.committed = true;
            }
            return tx.committed ? result : null;
        }
        Outcome o = tx.submit();
        switch (o.status()) {
            case COMMITTED:
                commits.increment();
                tx.committed = true;
                return result;
            case FAILED:
                throw o.error();
            default:
                return null;
        }
    }

    /**
     * Orders a schema change guarded by the reads of {@code precondition} (a read-only function that throws to
     * refuse), running it again, as a transaction is, while the change conflicts with writes to what it read.
     */
    public Outcome schemaChange(DdlOp op, Consumer<Transaction> precondition) {
        int failed = 0;
        while (true) {
            Txn tx = new Txn(engine);
            boolean stale = false;
            try {
                precondition.accept(tx);
            } catch (RuntimeException e) {
                if (tx.readsStillValid()) {
                    throw e;
                }
                stale = true; // refused on a state that changed under it: check again
            }
            if (!tx.isReadOnly()) {
                throw new IllegalArgumentException("a schema change's precondition must only read");
            }
            Outcome o = stale || tx.isDoomed() ? Outcome.conflict()
                    : engine.commitLog().append(CommitRecord.schemaChange(tx.readSet(), op));
            if (o.status() != Outcome.Status.CONFLICT) {
                return o;
            }
            failed++;
            conflicts.increment();
            if (failed > engine.config().retriesMax()) {
                exhausted.increment();
                throw new TransactionConflictException("schema change conflicted " + failed
                        + " times with concurrent writes and gave up (retriesMax " + engine.config().retriesMax()
                        + ")");
            }
            retry.pause(failed);
        }
    }

    /** Starts a transaction that the caller drives and commits once (no re-run on conflict). */
    public ExplicitTransaction begin() {
        return new ExplicitTxn(engine, new Counters());
    }

    /** Lets an explicit transaction count its outcome in this runner's statistics. */
    final class Counters {
        void commit() {
            commits.increment();
        }

        void readOnlyCommit() {
            readOnlyCommits.increment();
        }

        void conflict() {
            conflicts.increment();
        }
    }

    public MnemoStats stats() {
        return new MnemoStats(commits.sum(), readOnlyCommits.sum(), conflicts.sum(), exhausted.sum(), aborts.sum(),
                escalations.sum(), engine.version());
    }
}

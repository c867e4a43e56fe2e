package dev.mnemo.engine.core;

import dev.mnemo.engine.DatabaseClosedException;
import dev.mnemo.engine.ExplicitTransaction;
import dev.mnemo.engine.MnemoStats;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.TransactionAbortedException;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.engine.TxFunction;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.Outcome;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

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
    private volatile ScheduledThreadPoolExecutor callbacks;
    /**
     * The runs of {@link #runAsync} whose future is not answered yet. Once the database closed and its callback
     * thread ended, those left are answered as closed: a hand-off the executor accepted but dropped (it cancels,
     * without a word, a task it accepted while it terminated) or a log that never answered cannot strand a caller.
     */
    private final Set<AsyncRun<?>> unanswered = ConcurrentHashMap.newKeySet();
    /** The thread of {@link #callbacks}, once it started. */
    private volatile Thread callbackThread;
    private volatile boolean closed;

    public Transactions(Engine engine) {
        this.engine = engine;
        this.retry = new Retry(engine.config().backoffMin(), engine.config().backoffMax());
    }

    public <T> T run(TxFunction<T> fn) {
        if (inside.get() != null) {
            throw nested();
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
                throw gaveUp(failed);
            }
            retry.pause(failed);
        }
    }

    private static IllegalStateException nested() {
        return new IllegalStateException("a transaction cannot start inside another of the same database on the"
                + " same thread");
    }

    private TransactionConflictException gaveUp(int failed) {
        exhausted.increment();
        return new TransactionConflictException("transaction conflicted " + failed
                + " times with concurrent ones and gave up (retriesMax " + engine.config().retriesMax() + ")");
    }

    /** One run and commit; returns the result with {@code tx.committed} set, or leaves it unset on conflict. */
    private <T> T attempt(TxFunction<T> fn, Txn tx, boolean escalate) {
        T result = execute(fn, tx, escalate);
        if (tx.ranStale) {
            return null;
        }
        if (tx.isReadOnly()) {
            if (readOnlyCommits(tx)) {
                engine.awaitDurable(tx.maxReadVersion());
            }
            return tx.committed ? result : null;
        }
        return settle(tx.submit(), tx, result);
    }

    /**
     * Runs the function once on {@code tx} and returns its value. Its exception propagates when it ran on a state
     * that still holds; when the state changed under it the failure may be an artefact, so {@code tx.ranStale}
     * is set instead and the attempt must run again.
     */
    private <T> T execute(TxFunction<T> fn, Txn tx, boolean escalate) {
        try {
            if (!escalate) {
                return fn.apply(tx);
            }
            escalations.increment();
            // Nothing is applied while the function runs, so its reads are one consistent state.
            return engine.withAppliesHeld(() -> {
                T r = fn.apply(tx);
                tx.heldThroughout = tx.isReadOnly() && !tx.isDoomed();
                return r;
            });
        } catch (TransactionAbortedException e) {
            aborts.increment();
            throw e;
        } catch (RuntimeException e) {
            if (tx.readsStillValid()) {
                throw e;
            }
            tx.ranStale = true;
            return null;
        }
    }

    /** Whether a read-only attempt commits: its reads still hold. Sets {@code tx.committed}. */
    private boolean readOnlyCommits(Txn tx) {
        if (tx.heldThroughout || tx.readsStillValid()) {
            readOnlyCommits.increment();
            tx.committed = true;
        }
        return tx.committed;
    }

    /** Reads a write attempt's outcome: its result once committed, null on conflict; throws a failure. */
    private <T> T settle(Outcome o, Txn tx, T result) {
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

    // ---- without blocking ------------------------------------------------------------------------------------

    /**
     * As {@link #run}, without blocking the caller: the first attempt runs on the calling thread; its commit, and
     * any re-run after a conflict, continue on this database's callback thread, where the future completes.
     */
    public <T> CompletableFuture<T> runAsync(TxFunction<T> fn) {
        CompletableFuture<T> done = new CompletableFuture<>();
        AsyncRun<T> run = new AsyncRun<>(fn, done);
        unanswered.add(run); // before the run looks at closed: a close that it misses then sees the run
        run.attempt();
        return done;
    }

    /**
     * The callback thread of {@link #runAsync}, started on first use. One thread: every completion of an applied
     * batch is queued to it at once, so a batch costs one wake-up rather than one per transaction.
     */
    private ScheduledThreadPoolExecutor callbacks() {
        ScheduledThreadPoolExecutor c = callbacks;
        if (c == null) {
            synchronized (this) {
                c = callbacks;
                if (c == null) {
                    if (closed) {
                        throw new RejectedExecutionException("the database is closed");
                    }
                    c = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "mnemo-async");
                        t.setDaemon(true);
                        callbackThread = t;
                        return t;
                    }) {
                        @Override
                        protected void terminated() {
                            answerUnansweredAsClosed();
                        }
                    };
                    c.setRemoveOnCancelPolicy(true);
                    callbacks = c;
                }
            }
        }
        return c;
    }

    /** A transaction function run by {@link #runAsync}: its attempts so far and the caller's future. */
    private final class AsyncRun<T> {
        private final TxFunction<T> fn;
        private final CompletableFuture<T> done;
        private int failed;
        private boolean lastReadOnly;

        AsyncRun(TxFunction<T> fn, CompletableFuture<T> done) {
            this.fn = fn;
            this.done = done;
        }

        /** Runs the function once; whatever it throws, checked exceptions the compiler never saw too, fails the run. */
        void attempt() {
            try {
                attemptOnce();
            } catch (Throwable e) {
                finish(null, e);
            }
        }

        private void attemptOnce() {
            if (closed) {
                finish(null, new DatabaseClosedException("the database is closed"));
                return;
            }
            if (inside.get() != null) {
                finish(null, nested());
                return;
            }
            boolean escalate = lastReadOnly && failed >= engine.config().readOnlyEscalationAttempts();
            Txn tx = new Txn(engine);
            T result = null;
            CompletableFuture<Outcome> outcome = null;
            Throwable failure = null;
            inside.set(Boolean.TRUE);
            try {
                result = execute(fn, tx, escalate);
                if (!tx.ranStale && !tx.isReadOnly()) {
                    outcome = tx.submitAsync();
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                inside.remove();
            }
            if (failure != null) {
                finish(null, failure);
                return;
            }
            T value = result;
            // Completions always go through the callback thread, even when this thread applied the commit itself:
            // a caller that starts its next transaction from the completion then never nests one in another.
            if (outcome != null) {
                outcome.whenComplete((o, error) -> hand(() -> settled(tx, value, o, error)));
            } else if (!tx.ranStale && readOnlyCommits(tx)) {
                engine.whenDurable(tx.maxReadVersion(), error -> hand(() -> finish(value, error)));
            } else {
                conflicted(tx);
            }
        }

        private void settled(Txn tx, T result, Outcome o, Throwable error) {
            try {
                settleOrReRun(tx, result, o, error);
            } catch (Throwable e) {
                finish(null, e); // on the callback thread, where nobody else would see it
            }
        }

        private void settleOrReRun(Txn tx, T result, Outcome o, Throwable error) {
            if (error != null) {
                finish(null, error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error);
                return;
            }
            T value;
            try {
                value = settle(o, tx, result);
            } catch (RuntimeException e) {
                finish(null, e);
                return;
            }
            if (tx.committed) {
                finish(value, null);
            } else {
                conflicted(tx);
            }
        }

        /**
         * Completes the caller's future on the callback thread: at once when this is it (outside any run), else
         * handed to it, so that what the caller chained never runs nested in a transaction or a commit.
         */
        private void finish(T value, Throwable failure) {
            Runnable step = () -> answer(value, failure);
            if (Thread.currentThread() == callbackThread && inside.get() == null) {
                step.run();
            } else {
                hand(step);
            }
        }

        private void conflicted(Txn tx) {
            lastReadOnly = tx.isReadOnly();
            failed++;
            conflicts.increment();
            if (failed > engine.config().retriesMax()) {
                finish(null, gaveUp(failed));
                return;
            }
            onCallbackThread(this::attempt, retry.pauseNanos(failed));
        }

        /** Runs {@code step} on the callback thread; fails the caller's future when the database has closed. */
        private void hand(Runnable step) {
            onCallbackThread(step, 0);
        }

        private void onCallbackThread(Runnable step, long delayNanos) {
            try {
                callbacks().schedule(step, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                answer(null, new DatabaseClosedException("the database is closed"));
            }
        }

        /** Completes the caller's future, once; the only place that does. */
        void answer(T value, Throwable failure) {
            unanswered.remove(this);
            if (failure == null) {
                done.complete(value);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    /**
     * Stops the callback thread after what is queued on it ran; a re-run still waiting out its back-off is not run.
     * Later asynchronous calls fail as closed, and so does every run left unanswered once the thread ended.
     */
    public void close() {
        ScheduledThreadPoolExecutor c;
        synchronized (this) {
            closed = true;
            c = callbacks;
        }
        if (c == null) {
            answerUnansweredAsClosed();
            return;
        }
        c.shutdown();
        for (Runnable queued : c.getQueue()) {
            // Completions are due at once and run; a re-run's pause may outlast the caller's patience.
            if (queued instanceof ScheduledFuture<?> f && f.getDelay(TimeUnit.NANOSECONDS) > 0) {
                f.cancel(false);
            }
        }
    }

    private void answerUnansweredAsClosed() {
        for (AsyncRun<?> run : unanswered) {
            run.answer(null, new DatabaseClosedException("the database closed before this transaction was answered;"
                    + " it may or may not have committed"));
        }
    }

    /**
     * Orders a schema change guarded by the reads of {@code precondition} (a read-only function that throws to
     * refuse), running it again, as a transaction is, while the change conflicts with writes to what it read.
     */
    public Outcome schemaChange(DdlOp op, Consumer<Transaction> precondition) {
        return schemaChange(tx -> {
            precondition.accept(tx);
            return op;
        }, false);
    }

    /**
     * {@link #schemaChange(DdlOp, Consumer)} whose function may also write, to tables other than the one changed:
     * its writes and the change are one record, applied together or not at all.
     */
    public Outcome schemaChangeWithWrites(DdlOp op, Consumer<Transaction> alongside) {
        return schemaChange(tx -> {
            alongside.accept(tx);
            return op;
        }, true);
    }

    /**
     * {@link #schemaChangeWithWrites(DdlOp, Consumer)} whose change is the one its function makes of what it read,
     * each time it runs; a function that returns null changes nothing (and its writes are dropped).
     */
    public Outcome schemaChangeWithWrites(Function<Transaction, DdlOp> alongside) {
        return schemaChange(alongside, true);
    }

    private Outcome schemaChange(Function<Transaction, DdlOp> fn, boolean writes) {
        int failed = 0;
        while (true) {
            Txn tx = new Txn(engine);
            boolean stale = false;
            DdlOp op = null;
            try {
                op = fn.apply(tx);
            } catch (RuntimeException e) {
                if (tx.readsStillValid()) {
                    throw e;
                }
                stale = true; // refused on a state that changed under it: check again
            }
            if (!writes && !tx.isReadOnly()) {
                throw new IllegalArgumentException("a schema change's precondition must only read");
            }
            if (!stale && op == null) {
                return Outcome.committed(engine.version());
            }
            Outcome o = stale ? Outcome.conflict() : tx.submitWith(op);
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

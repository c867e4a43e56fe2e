package dev.mnemo.engine.log;

import dev.mnemo.engine.DatabaseClosedException;
import dev.mnemo.engine.MemberStoppedException;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single-member commit log: an in-process sequencer with group commit by flat combining. A committing
 * thread that finds the log idle applies its own record at once (no thread hand-off); threads that arrive
 * while a batch is being applied queue up, and the next thread to take the combiner role applies all of
 * them as one batch (one journal sync for the lot). An asynchronous append has no thread to wait: its record is
 * applied by the thread that holds the combiner role then, or by the appender itself when the log is idle.
 */
public final class LocalCommitLog implements CommitLog {
    private static final long PARK_NANOS_MAX = 1_000_000;

    private final int batchRecordsMax;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock combiner = new ReentrantLock();
    private volatile StateMachine machine;
    private volatile boolean closed;
    /**
     * Set, holding the combiner role, once the close applied what was queued before it. A record queued later (its
     * appender checked before the close and queued after it) is answered unapplied from then on, never applied to
     * a state machine that closed.
     */
    private boolean shut;
    private volatile RuntimeException broken;

    public LocalCommitLog(int batchRecordsMax) {
        if (batchRecordsMax < 1) {
            throw new IllegalArgumentException("batchRecordsMax must be at least 1, got " + batchRecordsMax);
        }
        this.batchRecordsMax = batchRecordsMax;
    }

    private static final class Pending {
        final CommitRecord record;
        /** The thread blocked in {@link #append}; null for {@link #appendAsync}, which has {@link #future}. */
        final Thread waiter;
        final CompletableFuture<Outcome> future;
        volatile Outcome outcome;
        volatile RuntimeException failure;
        volatile boolean done;

        Pending(CommitRecord record, Thread waiter, CompletableFuture<Outcome> future) {
            this.record = record;
            this.waiter = waiter;
            this.future = future;
        }

        /** Gives the appender its outcome or failure: completes its future, or wakes it unless it is {@code me}. */
        void answer(Outcome result, RuntimeException error, Thread me) {
            outcome = result;
            failure = error;
            done = true;
            if (future != null) {
                if (error != null) {
                    future.completeExceptionally(error);
                } else {
                    future.complete(result);
                }
            } else if (waiter != me) {
                LockSupport.unpark(waiter);
            }
        }
    }

    @Override
    public void start(StateMachine stateMachine) {
        if (machine != null) {
            throw new IllegalStateException("commit log already started");
        }
        machine = stateMachine;
    }

    @Override
    public Outcome append(CommitRecord record) {
        checkOpen();
        Pending p = new Pending(record, Thread.currentThread(), null);
        queue.add(p);
        while (!p.done) {
            if (combiner.tryLock()) {
                try {
                    combine();
                } finally {
                    combiner.unlock();
                }
                wakeNextCombiner();
            } else {
                LockSupport.parkNanos(this, PARK_NANOS_MAX);
            }
        }
        if (p.failure != null) {
            throw p.failure;
        }
        return p.outcome;
    }

    @Override
    public CompletableFuture<Outcome> appendAsync(CommitRecord record) {
        checkOpen();
        Pending p = new Pending(record, null, new CompletableFuture<>());
        queue.add(p);
        if (closed) {
            failQueued(); // the close may have looked at the queue for the last time before this record came
        } else {
            combineWhileQueued();
        }
        return p.future;
    }

    /**
     * Applies what is queued unless another thread holds the combiner role. That thread, once it lets go, looks
     * at the queue again ({@link #wakeNextCombiner}), so a record queued while it combined is never left behind.
     */
    private void combineWhileQueued() {
        while (!queue.isEmpty() && combiner.tryLock()) {
            try {
                combine();
            } finally {
                combiner.unlock();
            }
        }
    }

    private void combine() {
        if (shut) {
            failQueued();
            return;
        }
        List<Pending> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            for (Pending p; batch.size() < batchRecordsMax && (p = queue.poll()) != null; ) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                return;
            }
            applyBatch(batch);
        }
    }

    private void applyBatch(List<Pending> batch) {
        List<CommitRecord> records = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            records.add(p.record);
        }
        Outcome[] outcomes = new Outcome[batch.size()];
        RuntimeException failure = broken;
        if (failure == null) {
            try {
                machine.apply(records, outcomes);
            } catch (RuntimeException | Error e) {
                // The state machine broke mid-batch: its state can no longer be trusted, so nothing more is applied.
                broken = failure = stopped(e);
            }
        }
        Thread me = Thread.currentThread();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer(outcomes[i], failure, me);
        }
    }

    /**
     * What every committer sees once applying a batch failed. An error that stops the member (a disc write that
     * failed, checks it cannot judge) is no bug: its own typed error, which says where and why, goes to them as it is.
     */
    private static RuntimeException stopped(Throwable e) {
        if (e instanceof MemberStoppedException) {
            return (MemberStoppedException) e;
        }
        return new IllegalStateException("commit log stopped: applying a batch failed", e);
    }

    private void wakeNextCombiner() {
        Pending head = queue.peek();
        if (head == null) {
            return;
        }
        if (head.waiter != null) {
            LockSupport.unpark(head.waiter);
        } else {
            combineWhileQueued(); // an asynchronous append has no thread of its own to take the role
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new DatabaseClosedException("the database is closed");
        }
        if (machine == null) {
            throw new IllegalStateException("commit log not started");
        }
    }

    @Override
    public void close() {
        closed = true;
        combiner.lock(); // what was queued before the close is applied, and its appenders answered
        try {
            combine();
            shut = true;
        } finally {
            combiner.unlock();
        }
        failQueued();
    }

    /** Answers every record still queued after the close with the closed database's error, unapplied. */
    private void failQueued() {
        for (Pending p; (p = queue.poll()) != null; ) {
            p.answer(null, new DatabaseClosedException("the database closed before the commit was applied"), null);
        }
    }
}

package dev.mnemo.replication.cluster;

import dev.mnemo.engine.DatabaseClosedException;
import dev.mnemo.engine.Durations;
import dev.mnemo.engine.MemberStoppedException;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.log.CommitLog;
import dev.mnemo.engine.log.StateMachine;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.RecordCodec;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's {@link CommitLog} on a cluster member: a record goes to the Raft leader (this member's own Raft
 * thread when it leads, else forwarded over the transport), the leader groups it with others into one log entry,
 * and {@link #append} returns once this member has applied that entry itself, with the verdict every member
 * reached deterministically. A refusal that proves the record is not in the log (no leader, not the leader, an
 * entry replaced by a new leader's) is retried until the write timeout; past it the caller gets {@link
 * NoQuorumException} (nothing committed) or {@link CommitUnknownException} (the record reached a log whose fate
 * this member could not learn in time).
 */
final class ReplicatedCommitLog implements CommitLog {
    private final RaftDriver driver;
    private final long timeoutNanos;
    private final long retryPauseNanos;
    private final Set<AsyncAppend> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService timer;
    private volatile boolean closed;

    ReplicatedCommitLog(RaftDriver driver, ClusterConfig config) {
        this.driver = driver;
        this.timeoutNanos = config.writeTimeout().toNanos();
        this.retryPauseNanos = config.tick().toNanos();
    }

    @Override
    public void start(StateMachine machine) {
        driver.bind(machine);
    }

    @Override
    public Outcome append(CommitRecord record) {
        if (closed) {
            throw new DatabaseClosedException("the cluster member is closed");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        Pending p = driver.newPending(RecordCodec.encode(record));
        try {
            while (true) {
                RuntimeException stopped = notRunning();
                if (stopped != null) {
                    throw stopped;
                }
                driver.submit(p);
                switch (p.await(deadline)) {
                    case DONE -> {
                        return p.result();
                    }
                    case RETRY -> RaftDriver.pause(pauseBeforeRetry(p, deadline));
                    case TIMEOUT -> {
                        if (p.isDone()) {
                            return p.result(); // the verdict came as the deadline passed
                        }
                        throw timedOut(p);
                    }
                }
            }
        } finally {
            driver.forget(p);
        }
    }

    /**
     * As {@link #append} without a waiting thread: the record's {@link Pending} calls back on every change, a
     * refusal is retried after the same pause from a timer, and a timer sweep ends writes whose time ran out with
     * the same errors. The future completes on the thread that applied the record or changed its fate.
     */
    @Override
    public CompletableFuture<Outcome> appendAsync(CommitRecord record) {
        if (closed) {
            throw new DatabaseClosedException("the cluster member is closed");
        }
        AsyncAppend a = new AsyncAppend(driver.newPending(RecordCodec.encode(record)),
                System.nanoTime() + timeoutNanos);
        inFlight.add(a);
        if (closed) {
            a.finish(null, new DatabaseClosedException("the cluster member is closed"));
        } else {
            timer();
            a.submit();
        }
        return a.future;
    }

    /** The timer of asynchronous appends, started on first use; it sweeps for deadlines every tick. */
    private ScheduledExecutorService timer() {
        ScheduledExecutorService t = timer;
        if (t == null) {
            synchronized (this) {
                t = timer;
                if (t == null) {
                    t = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread th = new Thread(r, "mnemo-commit-timer");
                        th.setDaemon(true);
                        return th;
                    });
                    t.scheduleWithFixedDelay(this::sweep, retryPauseNanos, retryPauseNanos, TimeUnit.NANOSECONDS);
                    timer = t;
                }
            }
        }
        return t;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (AsyncAppend a : inFlight) {
            if (now - a.deadline >= 0) {
                a.timeUp();
            }
        }
        if (closed && inFlight.isEmpty()) {
            timer.shutdown();
        }
    }

    /** One asynchronous append: its record's pending state, deadline and the caller's future. */
    private final class AsyncAppend implements Runnable {
        final Pending p;
        final long deadline;
        final CompletableFuture<Outcome> future = new CompletableFuture<>();

        AsyncAppend(Pending p, long deadline) {
            this.p = p;
            this.deadline = deadline;
            p.listen(this);
        }

        synchronized void submit() {
            if (future.isDone()) {
                return; // its time ran out while a retry waited: the record is given up and must not leave
            }
            RuntimeException stopped = notRunning();
            if (stopped != null) {
                finish(null, stopped);
            } else {
                driver.submit(p);
            }
        }

        /** The record's state changed: a verdict, a failure or a refusal. */
        @Override
        public synchronized void run() {
            if (future.isDone()) {
                return;
            }
            if (p.isDone()) {
                finish(p.result(), null);
            } else if (p.isRefused()) {
                try {
                    timer().schedule(this::submit, pauseBeforeRetry(p, deadline), TimeUnit.NANOSECONDS);
                } catch (NoQuorumException e) {
                    finish(null, e);
                } catch (RejectedExecutionException e) {
                    finish(null, new DatabaseClosedException("the cluster member is closed"));
                }
            }
        }

        synchronized void timeUp() {
            if (future.isDone()) {
                return;
            }
            if (p.isDone()) {
                finish(p.result(), null); // the verdict came as the deadline passed
            } else {
                finish(null, timedOut(p));
            }
        }

        void finish(Outcome outcome, RuntimeException error) {
            inFlight.remove(this);
            driver.forget(p);
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(outcome);
            }
        }
    }

    /** Why this member cannot take a write now, or null while it runs as a member of its cluster. */
    private RuntimeException notRunning() {
        if (driver.isRemoved()) {
            return driver.removedError("takes no writes");
        }
        if (driver.isRunning()) {
            return null;
        }
        MemberStoppedException stopped = RaftDriver.stoppedBy(driver.broken());
        if (stopped != null) {
            return stopped.restated("this member refuses writes until it is restarted: " + stopped.getMessage());
        }
        return new DatabaseClosedException("the cluster member is not running"
                + (driver.broken() == null ? "" : ": " + driver.broken()));
    }

    /**
     * After a refusal (the record is certainly not in the log): how long to wait before submitting it again, or
     * {@link NoQuorumException} when its time has run out.
     */
    private long pauseBeforeRetry(Pending p, long deadline) {
        p.resetForRetry();
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw noQuorum(p.retryReason());
        }
        return Math.min(left, retryPauseNanos);
    }

    /** The error of a write whose time ran out before its verdict; gives the record up if it never left. */
    private MnemoException timedOut(Pending p) {
        if (!p.abandon()) {
            return new CommitUnknownException("the write reached the cluster's log but its outcome did not reach this "
                    + "member within " + Durations.format(Duration.ofNanos(timeoutNanos))
                    + " (leader lost or cut off); it may or may not be committed");
        }
        return noQuorum(p.retryReason()); // the last refusal's reason, if there was one
    }

    private NoQuorumException noQuorum(String lastRefusal) {
        return new NoQuorumException("no leader with a majority accepted the write within "
                + Durations.format(Duration.ofNanos(timeoutNanos)) + (lastRefusal.isEmpty() ? "" : " (" + lastRefusal
                + ")") + ": this member is cut off from the majority, or an election is under way; nothing was "
                + "committed");
    }

    @Override
    public void close() {
        closed = true;
    }
}

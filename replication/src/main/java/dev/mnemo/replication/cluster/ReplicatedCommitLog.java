package dev.mnemo.replication.cluster;

import dev.mnemo.engine.DatabaseClosedException;
import dev.mnemo.engine.DiscWriteFailedException;
import dev.mnemo.engine.Durations;
import dev.mnemo.engine.log.CommitLog;
import dev.mnemo.engine.log.StateMachine;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.RecordCodec;

import java.time.Duration;

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
            String lastRefusal = "";
            while (true) {
                if (!driver.isRunning()) {
                    DiscWriteFailedException disc = RaftDriver.discFailure(driver.broken());
                    if (disc != null) {
                        throw new DiscWriteFailedException("this member refuses writes until it is restarted, since"
                                + " its disc write failed: " + disc.getMessage(), disc);
                    }
                    throw new DatabaseClosedException("the cluster member is not running"
                            + (driver.broken() == null ? "" : ": " + driver.broken()));
                }
                driver.submit(p);
                switch (p.await(deadline)) {
                    case DONE -> {
                        return p.result();
                    }
                    case RETRY -> {
                        lastRefusal = p.retryReason();
                        p.resetForRetry();
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw noQuorum(lastRefusal);
                        }
                        RaftDriver.pause(Math.min(left, retryPauseNanos));
                    }
                    case TIMEOUT -> {
                        if (p.isDone()) {
                            return p.result(); // the verdict came as the deadline passed
                        }
                        if (!p.abandon()) {
                            throw new CommitUnknownException("the write reached the cluster's log but its outcome "
                                    + "did not reach this member within "
                                    + Durations.format(Duration.ofNanos(timeoutNanos))
                                    + " (leader lost or cut off); it may or may not be committed");
                        }
                        throw noQuorum(lastRefusal);
                    }
                }
            }
        } finally {
            driver.forget(p);
        }
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

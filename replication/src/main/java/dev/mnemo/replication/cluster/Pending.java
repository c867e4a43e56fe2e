package dev.mnemo.replication.cluster;

import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.txn.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;

/**
 * One commit record this member submitted, from hand-off until its caller has the verdict. Threads that touch it:
 * the caller (waits), a Raft turn (proposes it when leader), the transport (the leader's answer to a forward)
 * and the applying thread (its outcome, when this member applies the entry that carries it).
 *
 * <p>State is guarded by this object's monitor. The caller is woken only by what ends its wait (a verdict, a
 * refusal), with {@link LockSupport#unpark} after the monitor is released: a write costs its client one sleep and
 * one wake-up, which with many clients is a large share of the machine's work, so news that changes nothing for
 * the caller (the record was appended, an answer was lost) wakes nobody.
 */
final class Pending implements Proposal {
    private static final Logger LOG = LoggerFactory.getLogger(Pending.class);

    /** What {@link #await} saw. */
    enum Wake { DONE, RETRY, TIMEOUT }

    final long sequence;
    private final byte[] item;

    private Outcome outcome;
    private MnemoException failure;
    private boolean retry;
    private String retryReason = "";
    private long leaderHint;
    /** Whether the record may be in the log (appended, or sent and the answer lost): it must not be resent. */
    private boolean maybeInLog;
    /** A forward of this record is on its way to the leader, or its answer back. */
    private boolean forwarding;
    /** A Raft turn of this member took the record to propose it. */
    private boolean claimed;
    /** The caller gave up before the record was handed on: it must never be proposed. */
    private boolean abandoned;
    private long term;
    private long index;
    /** The caller while it waits in {@link #await}, else null. */
    private volatile Thread waiter;
    /** Told of every change that would end {@link #await}, for an appender with no thread waiting. */
    private volatile Runnable listener;

    Pending(long sequence, byte[] item) {
        this.sequence = sequence;
        this.item = item;
    }

    @Override
    public byte[] item() {
        return item;
    }

    @Override
    public synchronized void appended(long entryTerm, long entryIndex) {
        maybeInLog = true;
        term = entryTerm;
        index = entryIndex;
    }

    @Override
    public void refused(long hint, String reason) {
        synchronized (this) {
            if (outcome != null || failure != null || maybeInLog) {
                return;
            }
            forwarding = false;
            claimed = false;
            retry = true;
            leaderHint = hint;
            retryReason = reason;
        }
        wake();
    }

    @Override
    public void failed(MnemoException error) {
        synchronized (this) {
            if (outcome != null || failure != null) {
                return;
            }
            failure = error;
        }
        wake();
    }

    /** The request may have reached the leader but its answer did not come back: never resend it. */
    synchronized void sentUnanswered() {
        maybeInLog = true;
    }

    /** The entry that was to carry this record was replaced by a new leader's: the record is not in the log. */
    void lost(String reason) {
        synchronized (this) {
            if (outcome != null || failure != null) {
                return;
            }
            maybeInLog = false;
            forwarding = false;
            claimed = false;
            retry = true;
            leaderHint = 0;
            retryReason = reason;
        }
        wake();
    }

    void complete(Outcome result) {
        synchronized (this) {
            if (outcome != null || failure != null) {
                return;
            }
            outcome = result;
        }
        wake();
    }

    /** Called after a change that ends the caller's wait, outside the monitor so the caller can take it at once. */
    private void wake() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
        Runnable l = listener;
        if (l != null) {
            try {
                l.run();
            } catch (RuntimeException | Error e) {
                // The listener runs on a Raft, network or apply thread, which must not fail for its caller's sake.
                LOG.error("the listener of commit record {} failed", sequence, e);
            }
        }
    }

    /** Has {@code l} told of every change that would end a wait, instead of a thread waiting in {@link #await}. */
    void listen(Runnable l) {
        listener = l;
    }

    /** Whether a refusal arrived since the last {@link #resetForRetry}. */
    synchronized boolean isRefused() {
        return retry;
    }

    /**
     * A forward is about to leave: until its answer, the record may reach the log. False if the caller has given
     * up or the record is settled: then it must not leave.
     */
    synchronized boolean forwarding() {
        if (abandoned || outcome != null || failure != null) {
            return false;
        }
        forwarding = true;
        return true;
    }

    /** A Raft turn takes the record to propose it; false if the caller has given up (then it is dropped). */
    synchronized boolean claim() {
        if (abandoned || outcome != null || failure != null) {
            return false;
        }
        claimed = true;
        return true;
    }

    /**
     * The caller's time is up: gives the record up if it certainly never left this member (then nothing will ever
     * propose it), and returns whether it did. False means the record may still reach, or be in, the log.
     */
    synchronized boolean abandon() {
        if (maybeInLog || forwarding || claimed || outcome != null || failure != null) {
            return false;
        }
        abandoned = true;
        return true;
    }

    /** Whether the record may be in the log or on its way there. */
    synchronized boolean mayCommit() {
        return maybeInLog || forwarding || claimed;
    }

    synchronized boolean isDone() {
        return outcome != null || failure != null;
    }

    synchronized long index() {
        return index;
    }

    synchronized long term() {
        return term;
    }

    synchronized boolean maybeInLog() {
        return maybeInLog;
    }

    /** Why the record was last refused; kept past {@link #resetForRetry}, so a timeout can still say it. */
    synchronized String retryReason() {
        return retryReason;
    }

    synchronized long leaderHint() {
        return leaderHint;
    }

    /** Clears a refusal before the record is submitted again. */
    synchronized void resetForRetry() {
        retry = false;
        leaderHint = 0;
    }

    /**
     * Waits until the verdict, a refusal, or {@code deadlineNanos} ({@link System#nanoTime()}); an interrupt ends
     * the wait as a timeout and stays set. Only one thread, the caller, waits.
     */
    Wake await(long deadlineNanos) {
        // The waiter is published before the state is read, and every change that ends the wait is made before
        // the waiter is read: either this thread sees the change, or the changer sees this thread and unparks it.
        if (waiter != null) {
            throw new IllegalStateException("a second thread waits for the same commit record");
        }
        waiter = Thread.currentThread();
        try {
            while (true) {
                synchronized (this) {
                    if (outcome != null || failure != null) {
                        return Wake.DONE;
                    }
                    if (retry) {
                        return Wake.RETRY;
                    }
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return Wake.TIMEOUT;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiter = null;
        }
    }

    /** The verdict once {@link #await} returned DONE. */
    synchronized Outcome result() {
        if (failure != null) {
            return Outcome.failed(failure);
        }
        return outcome;
    }
}

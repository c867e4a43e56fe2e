package dev.mnemo.replication.cluster;

import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.txn.Outcome;

/**
 * One commit record this member submitted, from hand-off until its caller has the verdict. Threads that touch it:
 * the caller (waits), a Raft turn (proposes it when leader), the transport (the leader's answer to a forward)
 * and the applying thread (its outcome, when this member applies the entry that carries it).
 */
final class Pending implements Proposal {
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
        notifyAll();
    }

    @Override
    public synchronized void refused(long hint, String reason) {
        if (outcome == null && failure == null && !maybeInLog) {
            forwarding = false;
            claimed = false;
            retry = true;
            leaderHint = hint;
            retryReason = reason;
            notifyAll();
        }
    }

    @Override
    public synchronized void failed(MnemoException error) {
        if (outcome == null && failure == null) {
            failure = error;
            notifyAll();
        }
    }

    /** The request may have reached the leader but its answer did not come back: never resend it. */
    synchronized void sentUnanswered() {
        maybeInLog = true;
        notifyAll();
    }

    /** The entry that was to carry this record was replaced by a new leader's: the record is not in the log. */
    synchronized void lost(String reason) {
        if (outcome == null && failure == null) {
            maybeInLog = false;
            forwarding = false;
            claimed = false;
            retry = true;
            leaderHint = 0;
            retryReason = reason;
            notifyAll();
        }
    }

    synchronized void complete(Outcome result) {
        if (outcome == null && failure == null) {
            outcome = result;
            notifyAll();
        }
    }

    /** A forward is about to leave: until its answer, the record may reach the log. */
    synchronized void forwarding() {
        forwarding = true;
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

    /** Waits until the verdict, a refusal, or {@code deadlineNanos} ({@link System#nanoTime()}). */
    synchronized Wake await(long deadlineNanos) {
        while (true) {
            if (outcome != null || failure != null) {
                return Wake.DONE;
            }
            if (retry) {
                return Wake.RETRY;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return Wake.TIMEOUT;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Wake.TIMEOUT;
            }
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

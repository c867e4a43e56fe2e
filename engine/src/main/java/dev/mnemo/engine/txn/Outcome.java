package dev.mnemo.engine.txn;

import dev.mnemo.engine.MnemoException;

/**
 * What applying one commit record came to: committed at a version, aborted because its reads went stale, or
 * failed because it broke a rule (duplicate key, unknown table, …), with that error.
 */
public record Outcome(Status status, long version, MnemoException error) {
    /** The three verdicts every member reaches alike. */
    public enum Status { COMMITTED, CONFLICT, FAILED }

    public static Outcome committed(long version) {
        return new Outcome(Status.COMMITTED, version, null);
    }

    public static Outcome conflict() {
        return new Outcome(Status.CONFLICT, 0, null);
    }

    public static Outcome failed(MnemoException error) {
        return new Outcome(Status.FAILED, 0, error);
    }

    public boolean isCommitted() {
        return status == Status.COMMITTED;
    }
}

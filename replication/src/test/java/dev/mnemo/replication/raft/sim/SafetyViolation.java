package dev.mnemo.replication.raft.sim;

/** A broken Raft safety (or liveness) property observed by the simulator. */
final class SafetyViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    SafetyViolation(String property, String detail) {
        super(property + ": " + detail);
    }
}

package dev.mnemo.replication.raft;

/**
 * Always-on checks of the core's invariants. A failure names the invariant and means a bug (in the core or in a
 * driver breaking its contract), never bad user input, so it throws {@link IllegalStateException}.
 */
final class Invariants {
    private Invariants() {
    }

    static void check(boolean condition, String invariant) {
        if (!condition) {
            throw new IllegalStateException("Raft invariant violated: " + invariant);
        }
    }

    static void check(boolean condition, String invariant, long a) {
        if (!condition) {
            throw new IllegalStateException("Raft invariant violated: " + invariant + " [" + a + "]");
        }
    }

    static void check(boolean condition, String invariant, long a, long b) {
        if (!condition) {
            throw new IllegalStateException("Raft invariant violated: " + invariant + " [" + a + ", " + b + "]");
        }
    }

    static void check(boolean condition, String invariant, long a, long b, long c) {
        if (!condition) {
            throw new IllegalStateException(
                    "Raft invariant violated: " + invariant + " [" + a + ", " + b + ", " + c + "]");
        }
    }
}

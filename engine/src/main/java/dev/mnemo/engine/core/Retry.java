package dev.mnemo.engine.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** Exponential back-off with full jitter between re-runs of a conflicting transaction. */
final class Retry {
    private final long minNanos;
    private final long maxNanos;

    Retry(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The pause before re-run number {@code attempt} (1-based): random in [0, min·2^(attempt-1)], capped. */
    long pauseNanos(int attempt) {
        long ceiling = minNanos << Math.min(attempt - 1, 20);
        ceiling = Math.min(maxNanos, Math.max(minNanos, ceiling));
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    void pause(int attempt) {
        long n = pauseNanos(attempt);
        if (n > 0) {
            LockSupport.parkNanos(n);
        }
    }
}

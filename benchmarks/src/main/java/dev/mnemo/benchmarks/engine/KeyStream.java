package dev.mnemo.benchmarks.engine;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Uniformly random account ids in 1..{@link Accounts#ROWS}, one stream per benchmark thread, seeded per thread
 * so runs repeat. A xorshift generator: no allocation and a few cycles, so it adds next to nothing to a
 * measured operation.
 */
@State(Scope.Thread)
public class KeyStream {
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static int threads;

    private long x = SEED + nextThreadNumber();

    private static synchronized int nextThreadNumber() {
        return ++threads;
    }

    /** The next id in 1..ROWS. */
    public long next() {
        return 1 + below(Accounts.ROWS);
    }

    /** The next value in 0..bound-1. */
    public long below(int bound) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return Math.floorMod(x, (long) bound);
    }
}

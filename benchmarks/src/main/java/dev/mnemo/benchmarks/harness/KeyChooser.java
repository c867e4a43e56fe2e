package dev.mnemo.benchmarks.harness;

import java.util.SplittableRandom;

/**
 * Picks key numbers in [0, {@link #itemCount()}) from the caller's random source. Immutable and shared by the
 * worker threads; each worker brings its own seeded {@link SplittableRandom}, so a seed reproduces a run's keys.
 */
public interface KeyChooser {
    long next(SplittableRandom random);

    long itemCount();

    /** Every key equally likely. */
    static KeyChooser uniform(long items) {
        if (items < 1) {
            throw new IllegalArgumentException("need at least one item, got " + items);
        }
        return new KeyChooser() {
            @Override
            public long next(SplittableRandom random) {
                return random.nextLong(items);
            }

            @Override
            public long itemCount() {
                return items;
            }
        };
    }
}

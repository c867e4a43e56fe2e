package dev.mnemo.benchmarks.harness;

import java.util.SplittableRandom;

/**
 * YCSB's {@code SkewedLatestGenerator} over a fixed key space: key numbers are assigned in load order, so the
 * highest are the most recently inserted; the newest key is the most popular and popularity falls off as a Zipfian.
 */
public final class SkewedLatest implements KeyChooser {
    private final Zipfian zipfian;

    public SkewedLatest(long items) {
        this.zipfian = new Zipfian(items, Zipfian.THETA);
    }

    @Override
    public long next(SplittableRandom random) {
        return zipfian.itemCount() - 1 - zipfian.next(random);
    }

    @Override
    public long itemCount() {
        return zipfian.itemCount();
    }
}

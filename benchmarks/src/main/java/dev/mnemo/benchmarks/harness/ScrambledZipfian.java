package dev.mnemo.benchmarks.harness;

import java.util.SplittableRandom;

/**
 * YCSB's {@code ScrambledZipfianGenerator}: a Zipfian over ten billion items (theta 0.99, zeta precomputed by YCSB)
 * whose result is hashed (FNV-1a, 64 bit) into [0, items). The popular keys are as popular as in a Zipfian, but
 * spread over the key space instead of bunched at its start, and the skew does not depend on the record count.
 */
public final class ScrambledZipfian implements KeyChooser {
    static final long YCSB_ITEM_COUNT = 10_000_000_000L;
    /** zeta(10^10, 0.99), as YCSB hard-codes it (summing ten billion terms takes minutes). */
    static final double YCSB_ZETAN = 26.46902820178302;

    private final long items;
    private final Zipfian zipfian = new Zipfian(YCSB_ITEM_COUNT, Zipfian.THETA, YCSB_ZETAN);

    public ScrambledZipfian(long items) {
        if (items < 1) {
            throw new IllegalArgumentException("need at least one item, got " + items);
        }
        this.items = items;
    }

    @Override
    public long next(SplittableRandom random) {
        return Math.floorMod(Keys.fnvHash64(zipfian.next(random)), items);
    }

    @Override
    public long itemCount() {
        return items;
    }
}

package dev.mnemo.benchmarks.harness;

import java.util.SplittableRandom;

/**
 * YCSB's {@code ZipfianGenerator} (Gray et al., "Quickly Generating Billion-Record Synthetic Databases", SIGMOD
 * 1994): item 0 is the most popular, item i has weight 1 / (i + 1)^theta. Computing zeta(n) costs O(n) once.
 */
public final class Zipfian implements KeyChooser {
    /** YCSB's default skew. */
    public static final double THETA = 0.99;

    private final long items;
    private final double theta;
    private final double zetan;
    private final double alpha;
    private final double eta;
    private final double halfPowTheta;

    public Zipfian(long items, double theta) {
        this(items, theta, zeta(items, theta));
    }

    /** With zeta(items, theta) given, for item counts too large to sum over (see {@link ScrambledZipfian}). */
    public Zipfian(long items, double theta, double zetan) {
        if (items < 1) {
            throw new IllegalArgumentException("need at least one item, got " + items);
        }
        if (!(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("theta must be in (0, 1), got " + theta);
        }
        this.items = items;
        this.theta = theta;
        this.zetan = zetan;
        this.alpha = 1.0 / (1.0 - theta);
        double zeta2 = zeta(2, theta);
        this.eta = (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2 / zetan);
        this.halfPowTheta = Math.pow(0.5, theta);
    }

    /** The sum of 1 / i^theta for i in 1..n. */
    public static double zeta(long n, double theta) {
        double sum = 0;
        for (long i = 1; i <= n; i++) {
            sum += 1 / Math.pow(i, theta);
        }
        return sum;
    }

    @Override
    public long next(SplittableRandom random) {
        if (items == 1) {
            return 0;
        }
        double u = random.nextDouble();
        double uz = u * zetan;
        if (uz < 1.0) {
            return 0;
        }
        if (uz < 1.0 + halfPowTheta) {
            return 1;
        }
        long k = (long) (items * Math.pow(eta * u - eta + 1, alpha));
        return Math.min(Math.max(k, 0), items - 1);
    }

    @Override
    public long itemCount() {
        return items;
    }

    public double theta() {
        return theta;
    }
}

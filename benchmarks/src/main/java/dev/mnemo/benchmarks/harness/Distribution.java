package dev.mnemo.benchmarks.harness;

import java.util.Locale;

/** How the keys of reads, updates and scans are picked (YCSB's {@code requestdistribution}). */
public enum Distribution {
    UNIFORM("uniform"),
    ZIPFIAN("zipfian (YCSB's scrambled zipfian, theta " + Zipfian.THETA + ")"),
    LATEST("latest (zipfian favouring the most recently loaded keys, theta " + Zipfian.THETA + ")");

    private final String description;

    Distribution(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A chooser over [0, items). */
    public KeyChooser chooser(long items) {
        switch (this) {
            case UNIFORM: return KeyChooser.uniform(items);
            case ZIPFIAN: return new ScrambledZipfian(items);
            case LATEST: return new SkewedLatest(items);
            default: throw new IllegalStateException("unhandled distribution " + this);
        }
    }
}

package dev.mnemo.benchmarks.harness;

/**
 * Something asked for that does not exist yet (the cluster target, the Hazelcast baseline, a read consistency
 * other than local). The load generator says so and exits with {@link BenchCommand#EXIT_NOT_AVAILABLE} rather
 * than measuring something else under the requested name.
 */
public final class NotAvailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotAvailableException(String message) {
        super(message);
    }
}

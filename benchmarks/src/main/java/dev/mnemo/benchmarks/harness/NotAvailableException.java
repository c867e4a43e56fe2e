package dev.mnemo.benchmarks.harness;

/**
 * Something asked for that is not there (a JDBC URL no driver on the class path accepts, linearizable reads from
 * a target that only reads locally). The load generator says so and exits with
 * {@link BenchCommand#EXIT_NOT_AVAILABLE} rather than measuring something else under the requested name.
 */
public final class NotAvailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotAvailableException(String message) {
        super(message);
    }
}

package dev.mnemo.engine;

/**
 * Counters since the database opened: committed transactions (read-write and read-only), conflicts that
 * caused a re-run, transactions that gave up after their retries, aborts, and read-only escalations.
 */
public record MnemoStats(long commits, long readOnlyCommits, long conflicts, long retriesExhausted, long aborts,
                         long escalations, long version) {
}

package dev.mnemo.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Every tunable of an embedded Mnemo database, with the limits it enforces. Built with {@link #builder()};
 * each limit is checked when the database opens.
 */
public final class MnemoConfig {
    /** The largest keyBytesMax accepted: an ordered index page must hold several (index key, primary key) pairs. */
    public static final int KEY_BYTES_LIMIT = 4096;

    private final Path dataDir;
    private final int rowBytesMax;
    private final int keyBytesMax;
    private final long tableRowsMax;
    private final int retriesMax;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final int readOnlyEscalationAttempts;
    private final int commitBatchRecordsMax;
    private final long checkpointJournalBytes;
    private final boolean syncOnCommit;
    private final int subscriberQueueEventsMax;
    private final Duration reclaimGrace;
    private final boolean discInCommitLog;
    private final Clock clock;

    private MnemoConfig(Builder b) {
        this.dataDir = b.dataDir;
        this.discInCommitLog = b.discInCommitLog;
        if (discInCommitLog && dataDir != null) {
            throw new IllegalArgumentException("a database whose commit log keeps disc tables durable has no data "
                    + "directory of its own: give the directory to the commit log");
        }
        this.rowBytesMax = atLeast("rowBytesMax", b.rowBytesMax, 64);
        this.keyBytesMax = atLeast("keyBytesMax", b.keyBytesMax, 16);
        if (keyBytesMax > KEY_BYTES_LIMIT) {
            throw new IllegalArgumentException("keyBytesMax must be at most " + KEY_BYTES_LIMIT + ", got " + keyBytesMax);
        }
        this.tableRowsMax = atLeast("tableRowsMax", b.tableRowsMax, 1);
        this.retriesMax = (int) atLeast("retriesMax", b.retriesMax, 0);
        this.backoffMin = b.backoffMin;
        this.backoffMax = b.backoffMax;
        this.readOnlyEscalationAttempts = (int) atLeast("readOnlyEscalationAttempts", b.readOnlyEscalationAttempts, 1);
        this.commitBatchRecordsMax = (int) atLeast("commitBatchRecordsMax", b.commitBatchRecordsMax, 1);
        this.checkpointJournalBytes = atLeast("checkpointJournalBytes", b.checkpointJournalBytes, 4096);
        this.syncOnCommit = b.syncOnCommit;
        this.subscriberQueueEventsMax = (int) atLeast("subscriberQueueEventsMax", b.subscriberQueueEventsMax, 1);
        this.reclaimGrace = b.reclaimGrace;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        if (backoffMin.isNegative() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("need 0 <= backoffMin <= backoffMax, got " + Durations.format(backoffMin)
                    + ", " + Durations.format(backoffMax));
        }
        if (keyBytesMax * 4 > rowBytesMax) {
            throw new IllegalArgumentException("rowBytesMax " + rowBytesMax + " must be at least 4 × keyBytesMax "
                    + keyBytesMax);
        }
    }

    private static int atLeast(String name, int value, int min) {
        return (int) atLeast(name, (long) value, min);
    }

    private static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a variant. */
    public Builder toBuilder() {
        return builder().dataDir(dataDir).rowBytesMax(rowBytesMax).keyBytesMax(keyBytesMax).tableRowsMax(tableRowsMax)
                .retriesMax(retriesMax).backoff(backoffMin, backoffMax)
                .readOnlyEscalationAttempts(readOnlyEscalationAttempts).commitBatchRecordsMax(commitBatchRecordsMax)
                .checkpointJournalBytes(checkpointJournalBytes).syncOnCommit(syncOnCommit)
                .subscriberQueueEventsMax(subscriberQueueEventsMax).reclaimGrace(reclaimGrace)
                .discInCommitLog(discInCommitLog).clock(clock);
    }

    /**
     * The clock a transaction reads once for the columns whose default is the time of the write, and a schema change
     * for the rows that predate a column it adds; its zone makes the local date and time. Default: the system clock
     * in the JVM's default time zone.
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Whether the commit log, not the database, makes disc tables durable: a cluster member whose replicated log
     * is on disk rebuilds every table from that log and its snapshots, so the database itself keeps no journal.
     */
    public boolean discInCommitLog() {
        return discInCommitLog;
    }

    /** Where disc tables keep their journal and snapshots; null for a memory-only database. */
    public Path dataDir() {
        return dataDir;
    }

    /** The largest encoded row (default 1 MiB). */
    public int rowBytesMax() {
        return rowBytesMax;
    }

    /** The largest encoded primary or index key (default 1 KiB). */
    public int keyBytesMax() {
        return keyBytesMax;
    }

    /** The most keys one table may hold (default 2^31); a write past it fails with {@link TableFullException}. */
    public long tableRowsMax() {
        return tableRowsMax;
    }

    /** How often a conflicting transaction is re-run before {@link TransactionConflictException} (default 32). */
    public int retriesMax() {
        return retriesMax;
    }

    public Duration backoffMin() {
        return backoffMin;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    /** After this many conflicts, a read-only transaction runs once more holding writes off (default 3). */
    public int readOnlyEscalationAttempts() {
        return readOnlyEscalationAttempts;
    }

    /** The most records applied as one group commit (default 1024). */
    public int commitBatchRecordsMax() {
        return commitBatchRecordsMax;
    }

    /** Journal size after which disc tables are checkpointed to a snapshot (default 64 MiB). */
    public long checkpointJournalBytes() {
        return checkpointJournalBytes;
    }

    /** Whether a commit touching disc tables waits for fsync (default true; false trades durability for speed). */
    public boolean syncOnCommit() {
        return syncOnCommit;
    }

    /** Events a subscriber may have queued before it is cut off (default 65536). */
    public int subscriberQueueEventsMax() {
        return subscriberQueueEventsMax;
    }

    /** How long replaced off-heap structures stay readable before they are freed (default 10 s). */
    public Duration reclaimGrace() {
        return reclaimGrace;
    }

    /** Builds a {@link MnemoConfig}; every setting has a sensible default. */
    public static final class Builder {
        private Path dataDir;
        private int rowBytesMax = 1 << 20;
        private int keyBytesMax = 1024;
        private long tableRowsMax = 1L << 31;
        private int retriesMax = 32;
        private Duration backoffMin = Duration.ofNanos(20_000);
        private Duration backoffMax = Duration.ofMillis(20);
        private int readOnlyEscalationAttempts = 3;
        private int commitBatchRecordsMax = 1024;
        private long checkpointJournalBytes = 64L << 20;
        private boolean syncOnCommit = true;
        private int subscriberQueueEventsMax = 65536;
        private Duration reclaimGrace = Duration.ofSeconds(10);
        private boolean discInCommitLog;
        private Clock clock = Clock.systemDefaultZone();

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder rowBytesMax(int bytes) {
            this.rowBytesMax = bytes;
            return this;
        }

        public Builder keyBytesMax(int bytes) {
            this.keyBytesMax = bytes;
            return this;
        }

        public Builder tableRowsMax(long rows) {
            this.tableRowsMax = rows;
            return this;
        }

        public Builder retriesMax(int retries) {
            this.retriesMax = retries;
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        public Builder readOnlyEscalationAttempts(int attempts) {
            this.readOnlyEscalationAttempts = attempts;
            return this;
        }

        public Builder commitBatchRecordsMax(int records) {
            this.commitBatchRecordsMax = records;
            return this;
        }

        public Builder checkpointJournalBytes(long bytes) {
            this.checkpointJournalBytes = bytes;
            return this;
        }

        public Builder syncOnCommit(boolean sync) {
            this.syncOnCommit = sync;
            return this;
        }

        public Builder subscriberQueueEventsMax(int events) {
            this.subscriberQueueEventsMax = events;
            return this;
        }

        public Builder reclaimGrace(Duration grace) {
            this.reclaimGrace = grace;
            return this;
        }

        /** See {@link MnemoConfig#discInCommitLog()}; excludes {@link #dataDir}. */
        public Builder discInCommitLog(boolean value) {
            this.discInCommitLog = value;
            return this;
        }

        /** See {@link MnemoConfig#clock()}. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public MnemoConfig build() {
            return new MnemoConfig(this);
        }
    }
}

package dev.mnemo.benchmarks.cluster;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableDef;
import dev.mnemo.replication.cluster.ClusterNode;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How long a new member takes to join a cluster holding a million rows: three members in this JVM on loopback
 * are loaded with {@code rows} rows of {@value #ROW_BYTES} bytes of data, written on until each has taken a
 * snapshot holding all of them (and compacted its log, so the newcomer must be sent that snapshot), then a fourth
 * member is started and timed until {@link ClusterNode#awaitReady} returns and its table holds every row.
 *
 * <pre>java -Xmx4g [JVM flags] -cp benchmarks.jar dev.mnemo.benchmarks.cluster.JoinTime [rows] [memory|file]</pre>
 *
 * A single shot, not JMH: joining twice is not the same measurement (the second finds warm caches and JIT).
 */
public final class JoinTime {
    /** Data bytes per row: an 8-byte id and a {@value #PAYLOAD_CHARS}-character ASCII payload. */
    static final int ROW_BYTES = 100;
    static final int PAYLOAD_CHARS = ROW_BYTES - Long.BYTES;
    static final String TABLE = "item";
    /** Applied entries between snapshots on the loaded members (the default is 20,000). */
    static final long SNAPSHOT_ENTRIES = 4_096;
    private static final int LOAD_BATCH_ROWS = 1_000;
    private static final int LOAD_THREADS = 4;
    private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(10);

    private JoinTime() {
    }

    /** What one join took: the figures the report prints. */
    record Result(long rows, String log, double loadSeconds, long snapshotBytes, double joinSeconds,
                  long joinerSnapshotFileBytes) {
        String describe() {
            return String.format(Locale.ROOT, "rows %,d of %d data bytes, %s log%n"
                            + "load (not the measurement): %.1f s%n"
                            + "engine snapshot of the loaded tables: %,d bytes (%.1f MiB)%n"
                            + "join: %.2f s from start until ready with %,d rows%s%n",
                    rows, ROW_BYTES, log, loadSeconds, snapshotBytes, snapshotBytes / 1048576.0, joinSeconds, rows,
                    joinerSnapshotFileBytes < 0 ? "" : String.format(Locale.ROOT,
                            "; the joiner's snapshot file: %,d bytes", joinerSnapshotFileBytes));
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        boolean file = args.length > 1 && args[1].equals("file");
        if (args.length > 2 || args.length > 1 && !file && !args[1].equals("memory")) {
            System.err.println("usage: JoinTime [rows] [memory|file]");
            System.exit(2);
        }
        System.out.print(run(rows, file, SNAPSHOT_ENTRIES).describe());
        System.exit(0);
    }

    /**
     * Loads, snapshots and joins as the class says; {@code snapshotEntries} is the loaded members' setting (a test
     * makes it small: then the newcomer may be sent the log instead of a snapshot).
     */
    static Result run(long rows, boolean file, long snapshotEntries) throws Exception {
        Path dir = file ? Files.createTempDirectory("mnemo-join-bench") : null;
        try (LoopbackCluster cluster = LoopbackCluster.start(3, dir, b -> b.snapshotEntries(snapshotEntries))) {
            ClusterNode leader = cluster.leader();
            long start = System.nanoTime();
            load(leader.db(), rows, file ? Storage.DISC : Storage.RAM);
            writeUntilSnapshotted(leader, snapshotEntries);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long snapshotBytes;
            try (CountingStream counter = new CountingStream()) {
                leader.db().snapshot(counter);
                snapshotBytes = counter.bytes;
            }
            long joinStart = System.nanoTime();
            ClusterNode joiner = cluster.add();
            joiner.awaitReady(JOIN_TIMEOUT);
            long held = joiner.db().size(TABLE);
            double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
            if (held != rows) {
                throw new IllegalStateException("the new member holds " + held + " rows after awaitReady, not " + rows);
            }
            long fileBytes = dir == null ? -1 : TempDirs.size(dir.resolve("m4"), ".snap");
            return new Result(rows, file ? "file" : "memory", loadSeconds, snapshotBytes, joinSeconds, fileBytes);
        } finally {
            if (dir != null) {
                TempDirs.delete(dir);
            }
        }
    }

    /** Creates the table and inserts ids 0..rows-1 in transactions of {@value #LOAD_BATCH_ROWS} rows. */
    static void load(Mnemo db, long rows, Storage storage) throws Exception {
        db.createTable(TableDef.named(TABLE).column("id", ColumnType.BIGINT).notNull()
                .column("payload", ColumnType.varchar(PAYLOAD_CHARS)).notNull().primaryKey("id").storage(storage));
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);
        try {
            List<Future<?>> slices = new ArrayList<>();
            for (int t = 0; t < LOAD_THREADS; t++) {
                long from = rows * t / LOAD_THREADS;
                long to = rows * (t + 1) / LOAD_THREADS;
                slices.add(pool.submit(() -> insert(db, from, to)));
            }
            for (Future<?> f : slices) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (db.size(TABLE) != rows) {
            throw new IllegalStateException("loaded " + db.size(TABLE) + " rows, expected " + rows);
        }
    }

    private static void insert(Mnemo db, long from, long to) {
        for (long first = from; first < to; first += LOAD_BATCH_ROWS) {
            long batchFirst = first;
            db.transaction(tx -> {
                for (long id = batchFirst; id < Math.min(to, batchFirst + LOAD_BATCH_ROWS); id++) {
                    tx.insert(TABLE, Row.of(id, payload(id)));
                }
                return null;
            });
        }
    }

    /** Exactly {@value #PAYLOAD_CHARS} ASCII characters, different for every id. */
    static String payload(long id) {
        String digits = Long.toString(id);
        return "x".repeat(PAYLOAD_CHARS - digits.length()) + digits;
    }

    /**
     * Writes one row at a time, one log entry each, until {@code snapshotEntries} more entries than the load are
     * applied: by then every member has snapshotted after the load and (with {@value #SNAPSHOT_ENTRIES}) compacted
     * the log behind it, so a new member cannot be sent the load as log entries and gets the snapshot.
     */
    private static void writeUntilSnapshotted(ClusterNode leader, long snapshotEntries) {
        long target = leader.appliedIndex() + snapshotEntries + 1;
        long id = 0;
        while (leader.appliedIndex() < target) {
            leader.db().dirtyWrite(TABLE, Row.of(id, payload(id)));
            id++;
        }
    }

    /** Counts what a snapshot writes, keeping none of it. */
    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}

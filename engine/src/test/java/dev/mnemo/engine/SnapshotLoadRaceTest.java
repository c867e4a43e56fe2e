package dev.mnemo.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot loaded while other threads commit: they see the old database or the loaded one, and nothing breaks. */
class SnapshotLoadRaceTest {
    private static final long RUN_MILLIS = 1_000;
    private static final int LOADS_MAX = 2_000;

    private static TableDef table(Storage storage) {
        return TableDef.named("t").column("id", ColumnType.INTEGER).column("s", ColumnType.varchar(100))
                .column("pad", ColumnType.varchar(4000))
                .primaryKey("id").kind(TableKind.ORDERED_SET).storage(storage)
                .index(IndexDef.ordered("by_s", "s"));
    }

    private static byte[] seededSnapshot(Mnemo db, int rows) throws IOException {
        for (int i = 0; i < rows; i++) {
            db.dirtyWrite("t", Row.of(i, "seed " + i, ""));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        db.snapshot(out);
        return out.toByteArray();
    }

    /** Runs {@code writers} threads of {@code write} while the snapshot is loaded again and again; their errors. */
    private static Map<String, AtomicLong> loadWhileWriting(Mnemo db, byte[] snapshot, int writers,
                                                            WriteStep write) throws InterruptedException {
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int base = w * 1000;
            threads.add(new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        write.run(base + i % 20, i);
                    } catch (RuntimeException e) {
                        errors.computeIfAbsent("writer: " + e, k -> new AtomicLong()).incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        for (int loads = 0; loads < LOADS_MAX && System.nanoTime() < end; loads++) {
            try {
                db.loadSnapshot(new ByteArrayInputStream(snapshot));
            } catch (IOException | RuntimeException e) {
                errors.computeIfAbsent("load: " + e, k -> new AtomicLong()).incrementAndGet();
            }
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return errors;
    }

    private interface WriteStep {
        void run(int key, int i);
    }

    private static List<String> rows(Mnemo db) {
        List<String> out = new ArrayList<>();
        for (Row r : db.<List<Row>>transaction(tx -> tx.select("t", KeyRange.all()))) {
            out.add(r.toString());
        }
        return out;
    }

    @Test
    void transactionsDuringALoadFindTheTableThatBothDatabasesHold() throws Exception {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(table(Storage.RAM));
            byte[] snapshot = seededSnapshot(db, 50);
            Map<String, AtomicLong> errors = loadWhileWriting(db, snapshot, 2, (key, i) -> db.transaction(tx -> {
                Row old = tx.read("t", key);
                tx.write("t", Row.of(key, old == null ? "new" : "again " + i, ""));
                return null;
            }));
            assertThat(errors).as("a table held before and after the load is never missing").isEmpty();
            assertThat(db.<List<Row>>transaction(tx -> tx.indexRange("t", "by_s", KeyRange.all())))
                    .hasSameSizeAs(rows(db));
        }
    }

    @Test
    void discWritesDuringALoadLeaveTheStoreWritableAndRecoverWhatWasThere(@TempDir Path dir) throws Exception {
        // A small journal and wide rows: the writers' batches checkpoint often, as the loads do, and their journal
        // writes and checkpoints last long enough for a load to come in the middle of one.
        MnemoConfig config = MnemoConfig.builder().dataDir(dir).checkpointJournalBytes(4 * 1024).build();
        List<String> before;
        try (Mnemo db = Mnemo.open(config)) {
            db.createTable(table(Storage.DISC));
            byte[] snapshot = seededSnapshot(db, 1); // small, so that it loads often
            Map<String, AtomicLong> errors = loadWhileWriting(db, snapshot, 3,
                    (key, i) -> db.dirtyWrite("t", Row.of(key, "value " + i, "pad ".repeat(500))));
            assertThat(errors).as("no flush of the journal a load's checkpoint closed").isEmpty();
            db.dirtyWrite("t", Row.of(-1, "after", ""));
            before = rows(db);
        }
        try (Mnemo db = Mnemo.open(config)) {
            assertThat(rows(db)).isEqualTo(before);
        }
    }
}

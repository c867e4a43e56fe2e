package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dirty reads decode rows from a per-thread copy of the stored value: rows handed out share nothing with that
 * copy, every table kind reads as before, and a read racing with applies of the same key sees one whole row.
 */
class DirtyReadTest {
    private static final int HOT_KEYS = 8;
    private static final int WRITES = 4_000;
    private static final int NEW_KEYS = 3_000;
    private static final int READERS = 2;
    private static final int READS_PER_READER_MIN = 2_000;
    private static final int TEXT_CHARS_MAX = 600;
    private static final long WAIT_MINUTES = 2;

    private Mnemo db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private static TableDef wide(String name, TableKind kind) {
        return TableDef.named(name).column("id", ColumnType.BIGINT).notNull()
                .column("name", ColumnType.varchar(100_000))
                .column("data", ColumnType.varbinary(100_000))
                .column("amount", ColumnType.decimal(30, 2))
                .primaryKey("id").kind(kind);
    }

    private static Row wideRow(long id, int chars, char c) {
        byte[] data = new byte[chars];
        Arrays.fill(data, (byte) c);
        return Row.of(id, String.valueOf(c).repeat(chars), data, new BigDecimal(id + "1234567890123456789.25"));
    }

    @Test
    void rowsReadEarlierStayIntactAfterLaterReadsOnTheSameThread() {
        db = Mnemo.inMemory();
        db.createTable(wide("t", TableKind.SET));
        db.dirtyWrite("t", wideRow(1, 900, 'a'));
        db.dirtyWrite("t", wideRow(2, 3, 'b'));
        db.dirtyWrite("t", wideRow(3, 5_000, 'c'));

        Row first = db.dirtyRead("t", 1L);
        Row second = db.dirtyRead("t", 2L);
        Row third = db.dirtyRead("t", 3L);
        assertThat(db.dirtyRead("t", 99L)).isNull();

        assertThat(first).isEqualTo(wideRow(1, 900, 'a'));
        assertThat(second).isEqualTo(wideRow(2, 3, 'b'));
        assertThat(third).isEqualTo(wideRow(3, 5_000, 'c'));
        ((byte[]) first.get("data"))[0] = 'z';
        assertThat(db.dirtyRead("t", 1L)).isEqualTo(wideRow(1, 900, 'a'));
    }

    @ParameterizedTest
    @EnumSource(TableKind.class)
    void everyKindReadsItsRowsWithKeysOfAnyIntegerClass(TableKind kind) {
        db = Mnemo.inMemory();
        db.createTable(wide("t", kind));
        db.dirtyWrite("t", wideRow(7, 10, 'x'));
        if (kind == TableKind.BAG) {
            db.dirtyWrite("t", wideRow(7, 20, 'y'));
        }

        assertThat(db.dirtyRead("t", 7)).isEqualTo(wideRow(7, 10, 'x'));
        assertThat(db.dirtyRead("t", (short) 7)).isEqualTo(wideRow(7, 10, 'x'));
        assertThat(db.dirtyRead("t", BigDecimal.valueOf(7))).isEqualTo(wideRow(7, 10, 'x'));
        assertThat(db.dirtyReadAll("t", 7L)).containsExactlyElementsOf(kind == TableKind.BAG
                ? List.of(wideRow(7, 10, 'x'), wideRow(7, 20, 'y')) : List.of(wideRow(7, 10, 'x')));
        assertThat(db.dirtyRead("t", 7L).schema().name()).isEqualTo("T");
        assertThat(db.dirtyReadAll("t", 8L)).isEmpty();
    }

    @Test
    void aBagValueFarLargerThanTheReadBuffersReadsWholeAndSoDoReadsAfterIt() {
        db = Mnemo.inMemory();
        db.createTable(wide("t", TableKind.BAG));
        List<Row> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Row r = wideRow(1, 4_000 + i, (char) ('a' + i % 26));
            expected.add(r);
            db.dirtyWrite("t", r);
        }
        db.dirtyWrite("t", wideRow(2, 1, 'q'));

        assertThat(db.dirtyReadAll("t", 1L)).containsExactlyElementsOf(expected);
        assertThat(db.dirtyRead("t", 1L)).isEqualTo(expected.get(0));
        assertThat(db.dirtyRead("t", 2L)).isEqualTo(wideRow(2, 1, 'q'));
    }

    @Test
    void rowsWrittenBeforeAColumnWasAddedReadWithItsDefault() {
        db = Mnemo.inMemory();
        db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                .primaryKey("id"));
        db.dirtyWrite("t", Row.of(1, 10));
        db.addColumn("t", ColumnDef.of("extra", ColumnType.varchar(5)).withDefault("dflt"));
        db.dirtyWrite("t", Row.of(2, 20, "new"));

        assertThat(db.dirtyRead("t", 1).values()).containsExactly(1, 10, "dflt");
        assertThat(db.dirtyRead("t", 2).values()).containsExactly(2, 20, "new");
        assertThat(db.dirtyRead("t", 1).getString("extra")).isEqualTo("dflt");
    }

    @Test
    void badKeysFailAsBeforeAndTheNextReadOnTheThreadWorks() {
        db = Mnemo.open(MnemoConfig.builder().keyBytesMax(1024).build());
        db.createTable(TableDef.named("s").column("k", ColumnType.varchar(100_000)).column("v", ColumnType.INTEGER)
                .primaryKey("k"));
        db.dirtyWrite("s", Row.of("a", 1));
        String atLimit = "x".repeat(1021); // a value tag and a two-byte terminator: 1024 bytes encoded
        db.dirtyWrite("s", Row.of(atLimit, 2));

        assertThatThrownBy(() -> db.dirtyRead("s", "x".repeat(70_000))).isInstanceOf(ValueTooLargeException.class);
        assertThatThrownBy(() -> db.dirtyRead("s", atLimit + "x")).isInstanceOf(ValueTooLargeException.class);
        assertThatThrownBy(() -> db.dirtyRead("s", "a", "b")).isInstanceOf(TypeMismatchException.class);
        assertThatThrownBy(() -> db.dirtyRead("s", (Object) null)).isInstanceOf(NotNullViolationException.class);
        assertThatThrownBy(() -> db.dirtyRead("nope", "a")).isInstanceOf(UnknownTableException.class);
        assertThat(db.dirtyRead("s", atLimit).getInt("v")).isEqualTo(2);
        assertThat(db.dirtyRead("s", "a").getInt("v")).isEqualTo(1);
    }

    // ---- reads racing with applies ------------------------------------------------------------------------------

    private static TableDef counters(TableKind kind) {
        return TableDef.named("c").column("id", ColumnType.INTEGER).notNull()
                .column("n", ColumnType.BIGINT).notNull()
                .column("twice", ColumnType.BIGINT).notNull()
                .column("text", ColumnType.varchar(TEXT_CHARS_MAX))
                .primaryKey("id").kind(kind);
    }

    /** Every column follows from {@code n}; the text's length changes with it, so the stored value moves. */
    private static Row counter(int id, long n) {
        int chars = 1 + (int) (n * 37 % (TEXT_CHARS_MAX - 1));
        return Row.of(id, n, 2 * n, String.valueOf((char) ('a' + n % 26)).repeat(chars));
    }

    private static void assertWhole(Row r) {
        long n = r.getLong("n");
        assertThat(r).as("a row read while it was being rewritten").isEqualTo(counter(r.getInt("id"), n));
    }

    @ParameterizedTest
    @EnumSource(TableKind.class)
    void readsRacingWithWritersOfTheSameKeysSeeOnlyWholeRows(TableKind kind) throws Exception {
        db = Mnemo.inMemory();
        db.createTable(counters(kind));
        for (int id = 0; id < HOT_KEYS; id++) {
            db.dirtyWrite("c", counter(id, 0));
            if (kind == TableKind.BAG) {
                db.dirtyWrite("c", counter(id, 1));
            }
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    write(kind);
                } finally {
                    writing.set(false);
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                long seed = i;
                readers.add(pool.submit(() -> read(kind, writing, seed)));
            }
            writer.get(WAIT_MINUTES, TimeUnit.MINUTES);
            for (Future<Integer> r : readers) {
                assertThat(r.get(WAIT_MINUTES, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(READS_PER_READER_MIN);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.size("c")).isEqualTo(HOT_KEYS + NEW_KEYS);
    }

    /** Rewrites the hot keys over and over and inserts new keys meanwhile, so the table's map also regrows. */
    private void write(TableKind kind) {
        int added = 0;
        for (int w = 1; w <= WRITES; w++) {
            int id = w % HOT_KEYS;
            long n = w;
            if (kind == TableKind.BAG) {
                // Two rows per key, replaced together: a reader must see both of one commit, never a mix.
                db.transaction(tx -> {
                    tx.delete("c", id);
                    tx.write("c", counter(id, n));
                    tx.write("c", counter(id, n + 1));
                    return null;
                });
            } else {
                db.dirtyWrite("c", counter(id, n));
            }
            if (w % (WRITES / NEW_KEYS + 1) == 0 && added < NEW_KEYS) {
                db.dirtyWrite("c", counter(HOT_KEYS + added, added));
                added++;
            }
        }
        while (added < NEW_KEYS) {
            db.dirtyWrite("c", counter(HOT_KEYS + added, added));
            added++;
        }
    }

    private int read(TableKind kind, AtomicBoolean writing, long seed) {
        Random random = new Random(seed);
        int reads = 0;
        while (writing.get() || reads < READS_PER_READER_MIN) {
            int id = random.nextInt(HOT_KEYS);
            Row first = db.dirtyRead("c", id);
            assertThat(first).isNotNull();
            assertWhole(first);
            List<Row> all = db.dirtyReadAll("c", id);
            all.forEach(DirtyReadTest::assertWhole);
            if (kind == TableKind.BAG) {
                assertThat(all).hasSize(2);
                assertThat(all.get(1).getLong("n") - all.get(0).getLong("n")).isEqualTo(1);
            } else {
                assertThat(all).hasSize(1);
            }
            reads++;
        }
        return reads;
    }
}

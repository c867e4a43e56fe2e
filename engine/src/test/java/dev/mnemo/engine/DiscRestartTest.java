package dev.mnemo.engine;

import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.codec.DataFormat;
import dev.mnemo.engine.disc.Journal;
import dev.mnemo.engine.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Disc tables across restarts: a child JVM killed with kill -9 mid-stream loses no acknowledged commit and
 * leaves no torn row; checkpoints, torn or garbage journal tails and schema changes all recover; RAM tables
 * come back empty but with their schema.
 */
class DiscRestartTest {
    private static final int ACKS_BEFORE_KILL = 2000;
    private static final long CHILD_WAIT_SECONDS = 120;
    /** Small, so the child checkpoints several times before it is killed. */
    private static final long CHECKPOINT_BYTES = 64 * 1024;

    // ---- the child: writes numbered rows until killed ----------------------------------------------------------

    static MnemoConfig config(Path dir, long checkpointJournalBytes) {
        return MnemoConfig.builder().dataDir(dir).checkpointJournalBytes(checkpointJournalBytes).build();
    }

    static void createTables(Mnemo db) {
        db.createTable(TableDef.named("log").column("id", ColumnType.BIGINT)
                .column("payload", ColumnType.varchar(200)).column("digest", ColumnType.BIGINT)
                .primaryKey("id").kind(TableKind.ORDERED_SET).storage(Storage.DISC)
                .index(IndexDef.ordered("by_digest", "digest").unique()), true);
        db.createTable(TableDef.named("progress").column("name", ColumnType.varchar(10))
                .column("last", ColumnType.BIGINT).primaryKey("name").storage(Storage.DISC), true);
    }

    static String payload(long id) {
        return ("row " + id + " ").repeat(1 + (int) (id % 7));
    }

    static long digest(long id) {
        return payload(id).hashCode() * 31L + id;
    }

    /** Inserts row {@code id} and moves the progress marker to it, in one transaction. */
    static void commit(Mnemo db, long id) {
        db.transaction(tx -> {
            tx.insert("log", Row.of(id, payload(id), digest(id)));
            tx.write("progress", Row.of("last", id));
            return null;
        });
    }

    /** Child process: args = data directory, checkpoint bytes. Prints "try n" before and "ack n" after each commit. */
    public static final class Writer {
        public static void main(String[] args) throws IOException {
            Thread orphanGuard = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent keeps stdin open while it lives
                    }
                } catch (IOException e) {
                    // fall through: no parent
                }
                Runtime.getRuntime().halt(3);
            });
            orphanGuard.setDaemon(true);
            orphanGuard.start();
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            try (Mnemo db = Mnemo.open(config(Path.of(args[0]), Long.parseLong(args[1])))) {
                createTables(db);
                Row last = db.dirtyRead("progress", "last");
                long first = last == null ? 1 : last.getLong("last") + 1;
                for (long id = first; id < first + 1_000_000; id++) {
                    out.println("try " + id);
                    out.flush();
                    commit(db, id);
                    out.println("ack " + id);
                    out.flush();
                }
            }
        }
    }

    private static Process startWriter(Path dir, long checkpointBytes, Path stdout, Path stderr) throws IOException {
        List<String> cmd = ChildJvm.command("-Xmx256m", Writer.class, dir.toString(), Long.toString(checkpointBytes));
        // To a file, not a pipe: killing the child closes the pipe, and lines still in it would be lost.
        return new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /** The highest n the child printed as "try n" and as "ack n". */
    private static long[] progressOf(Path stdout) throws IOException {
        long[] tryAck = {0, 0};
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            if (line.startsWith("try ")) {
                tryAck[0] = Math.max(tryAck[0], Long.parseLong(line.substring(4)));
            } else if (line.startsWith("ack ")) {
                tryAck[1] = Math.max(tryAck[1], Long.parseLong(line.substring(4)));
            }
        }
        return tryAck;
    }

    /** The ids the log table holds, in key order, each checked to be intact. */
    private static List<Long> intactIds(Mnemo db) {
        List<Row> rows = db.transaction(tx -> tx.select("log", KeyRange.all()));
        List<Long> ids = new ArrayList<>();
        for (Row r : rows) {
            long id = r.getLong("id");
            assertThat(r.getString("payload")).as("payload of row %d", id).isEqualTo(payload(id));
            assertThat(r.getLong("digest")).as("digest of row %d", id).isEqualTo(digest(id));
            ids.add(id);
        }
        return ids;
    }

    private static void assertIdsAreOneTo(List<Long> ids, long n) {
        assertThat(ids).hasSize((int) n);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void aKilledWriterLosesNoAcknowledgedCommitAndLeavesNoTornRow(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path stdout = dir.resolve("child.out");
        Path stderr = dir.resolve("child.err");
        Process child = startWriter(data, CHECKPOINT_BYTES, stdout, stderr);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_WAIT_SECONDS);
        while (progressOf(stdout)[1] < ACKS_BEFORE_KILL) {
            assertThat(child.isAlive()).as("child ended early; its stderr: %s", Files.readString(stderr)).isTrue();
            assertThat(System.nanoTime()).as("child too slow to reach %d acks", ACKS_BEFORE_KILL).isLessThan(deadline);
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
        assertThat(child.waitFor(CHILD_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        long[] tryAck = progressOf(stdout);
        long lastTry = tryAck[0];
        long lastAck = tryAck[1];
        System.out.printf("data directory after kill -9: %s%n", files(data, ""));
        assertThat(files(data, "snapshot-")).as("recovery starts from a checkpoint, then replays").isNotEmpty();
        long recovered;
        try (Mnemo db = Mnemo.open(config(data, CHECKPOINT_BYTES))) {
            List<Long> ids = intactIds(db);
            recovered = ids.size();
            System.out.printf("kill -9 after %d acks: last tried %d, recovered %d rows%n", lastAck, lastTry,
                    recovered);
            assertThat(recovered).as("every acknowledged row is back").isGreaterThanOrEqualTo(lastAck);
            assertThat(recovered).as("no row beyond what was attempted").isLessThanOrEqualTo(lastTry);
            assertIdsAreOneTo(ids, recovered);
            assertThat(db.dirtyRead("progress", "last").getLong("last"))
                    .as("the other half of each transaction").isEqualTo(recovered);
            List<Row> byDigest = db.transaction(tx -> tx.indexRead("log", "by_digest", digest(recovered)));
            assertThat(byDigest).singleElement().satisfies(r -> assertThat(r.getLong("id")).isEqualTo(recovered));
            for (long id = recovered + 1; id <= recovered + 10; id++) {
                commit(db, id);
            }
        }
        try (Mnemo db = Mnemo.open(config(data, CHECKPOINT_BYTES))) {
            assertIdsAreOneTo(intactIds(db), recovered + 10);
        }
    }

    // ---- in-process restarts --------------------------------------------------------------------------------

    private static List<Path> files(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    @Test
    void checkpointsReplaceTheJournalAndEveryRowSurvivesARestart(@TempDir Path dir) throws IOException {
        long version;
        try (Mnemo db = Mnemo.open(config(dir, 64 * 1024))) {
            createTables(db);
            for (long base = 1; base <= 2000; base += 10) {
                long from = base;
                db.transaction(tx -> {
                    for (long id = from; id < from + 10; id++) {
                        tx.insert("log", Row.of(id, payload(id), digest(id)));
                    }
                    tx.write("progress", Row.of("last", from + 9));
                    return null;
                });
            }
            for (long id = 2; id <= 2000; id += 100) {
                db.dirtyDelete("log", id);
            }
            version = db.version();
            assertThat(files(dir, "snapshot-")).as("a checkpoint was taken").hasSize(1);
            assertThat(files(dir, "journal-")).as("older journals are gone").hasSize(1);
            assertThat(Files.size(files(dir, "journal-").get(0))).isLessThan(64 * 1024 + 8 * 1024);
        }
        try (Mnemo db = Mnemo.open(config(dir, 64 * 1024))) {
            assertThat(db.version()).isEqualTo(version);
            List<Long> ids = intactIds(db);
            assertThat(ids).hasSize(2000 - 20).doesNotContain(2L, 102L, 1902L).contains(1L, 3L, 2000L);
            assertThat(db.dirtyRead("progress", "last").getLong("last")).isEqualTo(2000L);
            List<Row> byDigest = db.transaction(tx -> tx.indexRead("log", "by_digest", digest(1234)));
            assertThat(byDigest).extracting(r -> r.getLong("id")).containsExactly(1234L);
            assertThatThrownBy(() -> db.dirtyWrite("log", Row.of(5000L, "x", digest(7))))
                    .as("the unique index came back too").isInstanceOf(DuplicateKeyException.class);
            commit(db, 2001);
        }
        try (Mnemo db = Mnemo.open(config(dir, 64 * 1024))) {
            assertThat(db.dirtyRead("log", 2001L)).isNotNull();
            assertThat(db.version()).isEqualTo(version + 1);
        }
    }

    private static long writeNumbered(Path dir, int n) {
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            createTables(db);
            for (long id = 1; id <= n; id++) {
                commit(db, id);
            }
            return db.version();
        }
    }

    private static Path journal(Path dir) throws IOException {
        List<Path> journals = files(dir, "journal-");
        assertThat(journals).hasSize(1);
        return journals.get(0);
    }

    @Test
    void aTornJournalTailIsCutOffAndEveryWholeEntryRecovers(@TempDir Path dir) throws IOException {
        long version = writeNumbered(dir, 50);
        Path journal = journal(dir);
        long size = Files.size(journal);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5); // the last commit's entry loses its end
        }
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertIdsAreOneTo(intactIds(db), 49);
            assertThat(db.dirtyRead("progress", "last").getLong("last")).isEqualTo(49L);
            assertThat(db.version()).isEqualTo(version - 1);
            commit(db, 50);
            commit(db, 51);
        }
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertIdsAreOneTo(intactIds(db), 51);
        }
    }

    @Test
    void garbageAfterTheLastEntryIsIgnoredAndOverwritten(@TempDir Path dir) throws IOException {
        writeNumbered(dir, 30);
        Path journal = journal(dir);
        long size = Files.size(journal);
        ByteBuffer garbage = ByteBuffer.allocate(64);
        garbage.putInt(40).putInt(0xDEADBEEF); // a plausible frame header with a wrong checksum
        for (int i = 8; i < 64; i++) {
            garbage.put((byte) (i * 37));
        }
        garbage.flip();
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(garbage);
        }
        assertTheTailIsCutOffAndWrittenOver(dir, journal, size);
    }

    /**
     * A crash can leave a file longer than what was written to it, the rest reading as zeros (the size reached the
     * disk, the data did not). Zeros parse as a frame of length 0 whose checksum (of nothing) matches: that is a
     * torn tail too, to be cut off like any other, not an entry to apply.
     */
    @Test
    void zerosAfterTheLastEntryAreATornTailNotAnEntry(@TempDir Path dir) throws IOException {
        writeNumbered(dir, 30);
        Path journal = journal(dir);
        long size = Files.size(journal);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(4096));
        }
        assertTheTailIsCutOffAndWrittenOver(dir, journal, size);
    }

    /** The journal of 30 entries, {@code size} bytes long, opens with them all and takes the 31st after them. */
    private static void assertTheTailIsCutOffAndWrittenOver(Path dir, Path journal, long size) throws IOException {
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertIdsAreOneTo(intactIds(db), 30);
            assertThat(Files.size(journal)).as("what followed the last entry was cut off").isEqualTo(size);
            commit(db, 31);
        }
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertIdsAreOneTo(intactIds(db), 31);
        }
    }

    /** Where each entry of a journal starts, after its header (a frame is its length, its checksum, the payload). */
    private static List<Integer> entryOffsets(byte[] journal) {
        List<Integer> offsets = new ArrayList<>();
        for (int at = Journal.HEADER_BYTES; at + 8 <= journal.length; at += 8 + ByteBuffer.wrap(journal).getInt(at)) {
            offsets.add(at);
        }
        return offsets;
    }

    /**
     * Damage to an entry that whole entries follow is no torn tail: those entries were written after it, and perhaps
     * acknowledged, so cutting the journal there would drop them. The database refuses to open, naming the journal
     * and the damaged entry's offset, and changes nothing; once the bytes are restored it opens with every row.
     */
    @Test
    void aDamagedEntryThatWholeEntriesFollowStopsTheOpenNamingFileAndOffsetAndCutsNothing(@TempDir Path dir)
            throws IOException {
        writeNumbered(dir, 30);
        Path journal = journal(dir);
        byte[] pristine = Files.readAllBytes(journal);
        List<Integer> entries = entryOffsets(pristine);
        int damagedAt = entries.get(entries.size() / 2);
        byte[] flippedBit = pristine.clone();
        flippedBit[damagedAt + 12] ^= 0x01;
        byte[] zeroLength = pristine.clone();
        Arrays.fill(zeroLength, damagedAt, damagedAt + 4, (byte) 0);
        byte[] lengthPastTheEnd = pristine.clone();
        lengthPastTheEnd[damagedAt] = 0x3f;
        byte[] zeroedRun = pristine.clone(); // a lost run of sectors, ending inside an entry
        Arrays.fill(zeroedRun, damagedAt, entries.get(entries.size() - 2) - 3, (byte) 0);
        for (byte[] damaged : List.of(flippedBit, zeroLength, lengthPastTheEnd, zeroedRun)) {
            Files.write(journal, damaged);
            assertThatThrownBy(() -> Mnemo.open(config(dir, 64L << 20))).isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("journal " + journal)
                    .hasMessageContaining("damaged at byte offset " + damagedAt + ",");
            assertThat(Files.readAllBytes(journal)).as("nothing was cut").isEqualTo(damaged);
        }
        Files.write(journal, pristine);
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertIdsAreOneTo(intactIds(db), 30);
        }
    }

    /**
     * A journal written before journals had a header is its entries alone, as this build's journal is after its
     * header: it opens with every row, takes new commits in its own format, and opens again with them.
     */
    @Test
    void aJournalWrittenBeforeTheHeaderExistedOpensWithEveryRowAndTakesMore(@TempDir Path dir) throws IOException {
        writeNumbered(dir, 30);
        Path journal = journal(dir);
        byte[] withHeader = Files.readAllBytes(journal);
        Files.write(journal, Arrays.copyOfRange(withHeader, Journal.HEADER_BYTES, withHeader.length));
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertIdsAreOneTo(intactIds(db), 30);
            commit(db, 31);
        }
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertIdsAreOneTo(intactIds(db), 31);
        }
        assertThat(Files.readAllBytes(journal)).as("still without a header")
                .startsWith(Arrays.copyOfRange(withHeader, Journal.HEADER_BYTES, withHeader.length));
    }

    /**
     * Writes into {@code file}'s header, at {@code at}, the data format after this build's, with the checksum of the
     * header up to it that follows it; returns the file's new bytes.
     */
    private static byte[] giveANewerDataFormat(Path file, int at) throws IOException {
        byte[] newer = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(newer).putInt(at, DataFormat.VERSION + 1);
        CRC32C crc = new CRC32C();
        crc.update(newer, 0, at + 4);
        header.putInt(at + 4, (int) crc.getValue());
        Files.write(file, newer);
        return newer;
    }

    @Test
    void aJournalOfANewerDataFormatStopsTheOpenNamingTheFileAndBothFormats(@TempDir Path dir) throws IOException {
        writeNumbered(dir, 3);
        Path journal = journal(dir);
        byte[] newer = giveANewerDataFormat(journal, 8);
        assertThatThrownBy(() -> Mnemo.open(config(dir, 64L << 20))).isInstanceOf(DataFormatTooNewException.class)
                .hasMessageContaining("journal " + journal)
                .hasMessageContaining("written in data format " + (DataFormat.VERSION + 1))
                .hasMessageContaining("this build reads data format " + DataFormat.VERSION + " and older");
        assertThat(Files.readAllBytes(journal)).as("nothing was cut").isEqualTo(newer);
    }

    @Test
    void aSnapshotOfANewerDataFormatStopsTheOpenNamingTheFileAndBothFormats(@TempDir Path dir) throws IOException {
        try (Mnemo db = Mnemo.open(config(dir, 4096))) {
            createTables(db);
            for (long id = 1; id <= 100; id++) {
                commit(db, id);
            }
        }
        Path snapshot = files(dir, "snapshot-").get(0);
        giveANewerDataFormat(snapshot, 12);
        assertThatThrownBy(() -> Mnemo.open(config(dir, 4096))).isInstanceOf(DataFormatTooNewException.class)
                .hasMessageContaining("snapshot " + snapshot + " was written in data format "
                        + (DataFormat.VERSION + 1))
                .hasMessageContaining("this build reads data format " + DataFormat.VERSION);
    }

    /** The last entry, damaged where no whole entry follows it, is a write a crash interrupted: it is cut off. */
    @Test
    void aDamagedLastEntryIsATornTailAndIsCutOff(@TempDir Path dir) throws IOException {
        writeNumbered(dir, 30);
        Path journal = journal(dir);
        byte[] damaged = Files.readAllBytes(journal);
        List<Integer> entries = entryOffsets(damaged);
        int last = entries.get(entries.size() - 1);
        damaged[last + 12] ^= 0x01;
        Files.write(journal, damaged);
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertIdsAreOneTo(intactIds(db), 29);
            assertThat(Files.size(journal)).isEqualTo(last);
        }
    }

    /**
     * A length field damaged into a huge number (up to 2 GiB) is bounded by what the file still holds, and by the
     * largest entry, before anything is allocated or read for it: the entry is bad by the rule every bad entry
     * follows, here the last one, a torn tail that is cut off.
     */
    @Test
    void aLastEntryWhoseLengthFieldIsHugeIsATornTailReadNoFurther(@TempDir Path dir) throws IOException {
        writeNumbered(dir, 30);
        Path journal = journal(dir);
        byte[] pristine = Files.readAllBytes(journal);
        List<Integer> entries = entryOffsets(pristine);
        int last = entries.get(entries.size() - 1);
        for (int length : List.of(1 << 30, Integer.MAX_VALUE, -1)) {
            byte[] damaged = pristine.clone();
            ByteBuffer.wrap(damaged).putInt(last, length);
            Files.write(journal, damaged);
            try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
                assertIdsAreOneTo(intactIds(db), 29);
                assertThat(Files.size(journal)).as("length %d was cut off", length).isEqualTo(last);
            }
        }
    }

    /**
     * A schema change with writes in the same step (a drop that deletes and updates rows of other tables) is one
     * commit: a crash while its bytes were being written keeps all of it or none of it, wherever the journal was
     * cut inside them, and never the schema change without its rows.
     */
    @Test
    void aSchemaChangeWithWritesCutAnywhereInItsJournalBytesRecoversWholeOrNotAtAll(@TempDir Path dir)
            throws IOException {
        Path data = dir.resolve("data");
        long stepFrom;
        long stepTo;
        try (Mnemo db = Mnemo.open(config(data, 64L << 20))) {
            createTables(db);
            db.createTable(TableDef.named("gone").column("id", ColumnType.INTEGER).primaryKey("id")
                    .storage(Storage.DISC));
            commit(db, 1);
            commit(db, 2);
            stepFrom = Files.size(journal(data));
            db.dropTable("gone", false, tx -> {
                tx.delete("log", 1L);
                tx.write("progress", Row.of("last", 99L));
            });
            stepTo = Files.size(journal(data));
        }
        byte[] whole = Files.readAllBytes(journal(data));
        Set<Integer> cuts = new TreeSet<>();
        for (int at : entryOffsets(whole)) {
            if (at > stepFrom) {
                cuts.add(at); // an entry boundary inside the step: a crash there keeps the entries before it
            }
        }
        cuts.addAll(List.of((int) (stepFrom + stepTo) / 2, (int) stepTo - 1, (int) stepTo));
        for (int cut : cuts) {
            Path copy = Files.createDirectories(dir.resolve("cut-" + cut));
            Files.write(copy.resolve(journal(data).getFileName()), Arrays.copyOf(whole, cut));
            try (Mnemo db = Mnemo.open(config(copy, 64L << 20))) {
                boolean dropped = db.tables().stream().noneMatch(t -> t.name().equals("GONE"));
                String step = "cut at " + cut + " of the step's bytes " + stepFrom + ".." + stepTo;
                assertThat(dropped).as("%s: the step is kept only if all of it was written", step)
                        .isEqualTo(cut == stepTo);
                assertThat(db.dirtyRead("log", 1L) == null).as("%s: the delete goes with the drop", step)
                        .isEqualTo(dropped);
                assertThat(db.dirtyRead("progress", "last").getLong("last")).as("%s: so does the update", step)
                        .isEqualTo(dropped ? 99L : 2L);
            }
        }
    }

    @Test
    void aJournalCutAtEveryByteOfItsLastEntriesRecoversAWholePrefix(@TempDir Path dir) throws IOException {
        writeNumbered(dir, 5);
        Path journal = journal(dir);
        byte[] whole = Files.readAllBytes(journal);
        Path copy = dir.resolve("copy");
        long previous = 5;
        for (int cut = whole.length; cut >= whole.length - 400 && cut > 0; cut -= 7) {
            deleteRecursively(copy);
            Files.createDirectories(copy);
            Files.write(copy.resolve(journal.getFileName()), Arrays.copyOf(whole, cut));
            try (Mnemo db = Mnemo.open(config(copy, 64L << 20))) {
                if (db.tables().size() < 2) {
                    break; // cut into the schema entries themselves
                }
                List<Long> ids = intactIds(db);
                assertThat(ids.size()).as("cut at %d", cut).isLessThanOrEqualTo((int) previous);
                assertIdsAreOneTo(ids, ids.size());
                Row last = db.dirtyRead("progress", "last");
                assertThat(last == null ? 0L : last.getLong("last")).isEqualTo(ids.size());
                previous = ids.size();
            }
        }
        assertThat(previous).as("cutting 400 bytes reached back past several commits").isLessThan(5);
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(x);
            }
        }
    }

    @Test
    void ramTablesKeepTheirSchemaAcrossARestartButNotTheirRows(@TempDir Path dir) {
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            db.createTable(TableDef.named("cache").column("k", ColumnType.varchar(10)).column("v", ColumnType.INTEGER)
                    .primaryKey("k").kind(TableKind.ORDERED_SET).index(IndexDef.hash("by_v", "v")));
            db.createTable(TableDef.named("kept").column("k", ColumnType.varchar(10)).primaryKey("k")
                    .storage(Storage.DISC));
            db.transaction(tx -> {
                tx.write("cache", Row.of("a", 1));
                tx.write("kept", Row.of("a"));
                return null;
            });
            db.addColumn("cache", ColumnDef.of("extra", ColumnType.BOOLEAN).withDefault(true));
            db.dirtyWrite("cache", Row.of("b", 2, false));
        }
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            TableSchema cache = db.schema("cache");
            assertThat(cache.storage()).isEqualTo(Storage.RAM);
            assertThat(cache.kind()).isEqualTo(TableKind.ORDERED_SET);
            assertThat(cache.columns()).extracting(ColumnDef::name).containsExactly("K", "V", "EXTRA");
            assertThat(cache.indexes()).extracting(IndexDef::name).containsExactly("BY_V");
            assertThat(db.size("cache")).as("RAM rows do not survive").isZero();
            assertThat(db.dirtyRead("kept", "a")).as("DISC rows do").isNotNull();
            db.dirtyWrite("cache", Row.of("c", 3, true));
            List<Row> byV = db.transaction(tx -> tx.indexRead("cache", "by_v", 3));
            assertThat(byV).hasSize(1);
        }
    }

    @Test
    void schemaChangesAndDroppedTablesSurviveARestart(@TempDir Path dir) {
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            db.createTable(TableDef.named("people").column("id", ColumnType.INTEGER)
                    .column("name", ColumnType.varchar(10)).column("city", ColumnType.varchar(10))
                    .primaryKey("id").storage(Storage.DISC));
            db.createTable(TableDef.named("gone").column("id", ColumnType.INTEGER).primaryKey("id")
                    .storage(Storage.DISC));
            db.dirtyWrite("people", Row.of(1, "ann", "oslo"));
            db.dirtyWrite("gone", Row.of(1));
            db.addColumn("people", ColumnDef.of("age", ColumnType.INTEGER).withDefault(30));
            db.dirtyWrite("people", Row.of(2, "bob", "rome", 40));
            db.dropColumn("people", "city");
            db.createIndex("people", IndexDef.ordered("by_age", "age"));
            db.dropTable("gone");
        }
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertThat(db.tables()).extracting(TableSchema::name).containsExactly("PEOPLE");
            assertThat(db.dirtyRead("people", 1).values()).containsExactly(1, "ann", 30);
            assertThat(db.dirtyRead("people", 2).values()).containsExactly(2, "bob", 40);
            List<Row> older = db.transaction(tx -> tx.indexRange("people", "by_age", KeyRange.all().from(false, 30)));
            assertThat(older).extracting(r -> r.getInt("id")).containsExactly(2);
            db.createTable(TableDef.named("gone").column("id", ColumnType.INTEGER).primaryKey("id")
                    .storage(Storage.DISC));
            assertThat(db.size("gone")).isZero();
        }
    }

    @Test
    void aSnapshotLoadedIntoADiscDatabaseIsWhatARestartRecovers(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("target");
        Path source = dir.resolve("source");
        long checkpointed;
        try (Mnemo db = Mnemo.open(config(target, 4096))) {
            db.createTable(TableDef.named("old").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(50))
                    .primaryKey("id").storage(Storage.DISC));
            int id = 0;
            while (files(target, "snapshot-").isEmpty()) {
                db.dirtyWrite("old", Row.of(++id, "x".repeat(50)));
            }
            checkpointed = db.version(); // the write that made the journal due for a checkpoint
            for (int i = 0; i < 5; i++) {
                db.dirtyWrite("old", Row.of(++id, "after the checkpoint"));
            }
            byte[] snap;
            try (Mnemo other = Mnemo.open(config(source, 64L << 20))) {
                other.createTable(TableDef.named("new").column("k", ColumnType.varchar(10)).primaryKey("k")
                        .storage(Storage.DISC));
                while (other.version() < checkpointed) {
                    other.dirtyWrite("new", Row.of("k" + other.version()));
                }
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                assertThat(other.snapshot(out)).as("a snapshot at the version the target last checkpointed at")
                        .isEqualTo(checkpointed);
                snap = out.toByteArray();
            }
            db.loadSnapshot(new java.io.ByteArrayInputStream(snap));
            assertThat(db.tables()).extracting(TableSchema::name).containsExactly("NEW");
        }
        try (Mnemo db = Mnemo.open(config(target, 4096))) {
            assertThat(db.tables()).extracting(TableSchema::name).containsExactly("NEW");
            assertThat(db.size("new")).isEqualTo(checkpointed - 1);
            assertThat(db.version()).isEqualTo(checkpointed);
        }
    }

    /**
     * Loading a snapshot into a disc database replaces it: the database checkpoints the loaded state, then deletes the
     * files it replaces. A kill -9 in between leaves both on disk, here the old database (a checkpoint at a later
     * version than the loaded one, and its journal) beside the loaded snapshot; recovery must come back as the old
     * database or the loaded one, never the loaded snapshot with the replaced journal replayed on top of it.
     */
    @Test
    void aKillWhileASnapshotIsLoadedRecoversTheOldDatabaseOrTheLoadedOneNeverAMix(@TempDir Path dir)
            throws IOException {
        byte[] loaded;
        long loadedVersion;
        try (Mnemo source = Mnemo.open(config(dir.resolve("source"), 64L << 20))) {
            source.createTable(TableDef.named("new").column("k", ColumnType.varchar(10)).primaryKey("k")
                    .storage(Storage.DISC));
            source.dirtyWrite("new", Row.of("a"));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            loadedVersion = source.snapshot(out);
            loaded = out.toByteArray();
        }
        Path target = dir.resolve("target");
        List<Path> before;
        try (Mnemo db = Mnemo.open(config(target, 16 * 1024))) {
            createTables(db);
            for (long id = 1; id <= 200; id++) {
                commit(db, id);
            }
            assertThat(files(target, "snapshot-")).as("the old database has a checkpoint").isNotEmpty();
            before = copyAll(target, dir.resolve("before"));
            db.loadSnapshot(new java.io.ByteArrayInputStream(loaded));
        }
        List<Path> after = files(target, "");
        List<Path> created = after.stream().filter(p -> !before.contains(p.getFileName())).toList();
        Path newSnapshot = created.stream().filter(p -> p.getFileName().toString().startsWith("snapshot-"))
                .findFirst().orElseThrow();
        // Crash points: the loaded snapshot renamed into place; then also the old snapshots deleted.
        for (boolean oldSnapshotsDeleted : new boolean[] {false, true}) {
            Path crashed = dir.resolve("crashed-" + oldSnapshotsDeleted);
            copyAll(dir.resolve("before"), crashed);
            Files.copy(newSnapshot, crashed.resolve(newSnapshot.getFileName()));
            if (oldSnapshotsDeleted) {
                for (Path old : files(crashed, "snapshot-")) {
                    if (!old.getFileName().equals(newSnapshot.getFileName())) {
                        Files.delete(old);
                    }
                }
            }
            try (Mnemo db = Mnemo.open(config(crashed, 16 * 1024))) {
                if (db.tables().stream().anyMatch(t -> t.name().equals("NEW"))) {
                    assertThat(db.tables()).as("crash %s: the loaded database", oldSnapshotsDeleted)
                            .extracting(TableSchema::name).containsExactly("NEW");
                    assertThat(db.size("new")).isEqualTo(1);
                    assertThat(db.version()).isEqualTo(loadedVersion);
                } else {
                    assertIdsAreOneTo(intactIds(db), 200);
                }
            }
        }
    }

    /** Copies the files of {@code from} (not its lock) into a new directory {@code to}; returns their names. */
    private static List<Path> copyAll(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> names = new ArrayList<>();
        for (Path p : files(from, "")) {
            if (!p.getFileName().toString().equals("LOCK")) {
                Files.copy(p, to.resolve(p.getFileName()));
                names.add(p.getFileName());
            }
        }
        return names;
    }

    @Test
    void anEmptySnapshotLoadedIntoADiscDatabaseLeavesItEmptyAfterARestart(@TempDir Path dir) throws IOException {
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20)); Mnemo empty = Mnemo.inMemory()) {
            createTables(db);
            commit(db, 1);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            empty.snapshot(out);
            db.loadSnapshot(new java.io.ByteArrayInputStream(out.toByteArray()));
            assertThat(db.tables()).isEmpty();
        }
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertThat(db.tables()).isEmpty();
        }
    }

    @Test
    void aDataDirectoryServesOneDatabaseAtATime(@TempDir Path dir) {
        try (Mnemo db = Mnemo.open(config(dir, 64L << 20))) {
            assertThatThrownBy(() -> Mnemo.open(config(dir, 64L << 20))).isInstanceOf(IllegalStateException.class);
            assertThat(db.tables()).isEmpty();
        }
        try (Mnemo again = Mnemo.open(config(dir, 64L << 20))) {
            assertThat(again.tables()).isEmpty();
        }
    }
}

package dev.mnemo.replication.log;

import static dev.mnemo.replication.log.Logs.assertSameLog;
import static dev.mnemo.replication.log.Logs.entries;
import static dev.mnemo.replication.log.Logs.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.Snapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from damaged files: a torn final record (cut at any byte, or followed by garbage or zeros) is cut off
 * and everything before it kept; damage to a record that others follow is refused with the file and offset named.
 */
class FileLogRecoveryTest {
    private static final FileLogOptions OPTIONS = FileLogOptions.defaults();
    private static final ConfState CONF = ConfState.ofVoters(1L, 2L, 3L);

    @TempDir
    Path dir;

    /** Saves and syncs batch {@code i} (entries 2i-1 and 2i, hard state committing up to 2i-2). */
    private static void saveBatch(LogStore store, long i) {
        store.save(new HardState(i, 1, 2 * i - 2), entries(2 * i - 1, i, i), Snapshot.EMPTY);
        store.sync();
    }

    private static MemoryLogStore modelOf(long batches) {
        MemoryLogStore model = new MemoryLogStore();
        for (long i = 1; i <= batches; i++) {
            saveBatch(model, i);
        }
        return model;
    }

    @Test
    void aFinalRecordTornAtAnyByteIsCutOffAndTheLogAcceptsNewBatches() throws IOException {
        Path segment;
        long before;
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            for (long i = 1; i <= 4; i++) {
                saveBatch(store, i);
            }
            segment = files(dir, "log-").get(0);
            before = Files.size(segment);
            saveBatch(store, 5);
        }
        byte[] whole = Files.readAllBytes(segment);
        int recordBytes = whole.length - (int) before;
        Random random = new Random(42);
        for (int cut = (int) before; cut < whole.length; cut++) {
            byte[] garbage = new byte[recordBytes - (cut - (int) before)];
            random.nextBytes(garbage);
            checkTornTail(segment, Arrays.copyOf(whole, cut), new byte[0], before);
            checkTornTail(segment, Arrays.copyOf(whole, cut), new byte[garbage.length], before);
            checkTornTail(segment, Arrays.copyOf(whole, cut), garbage, before);
        }
    }

    /** Writes {@code prefix + tail} as the segment, reopens, and checks that exactly 4 batches survive. */
    private void checkTornTail(Path segment, byte[] prefix, byte[] tail, long before) throws IOException {
        byte[] damaged = Arrays.copyOf(prefix, prefix.length + tail.length);
        System.arraycopy(tail, 0, damaged, prefix.length, tail.length);
        Files.write(segment, damaged);
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            assertSameLog(store, modelOf(4));
            RecoveryReport report = store.recovery();
            assertThat(report.truncatedBytes()).as("cut at %d + %d", prefix.length, tail.length)
                    .isEqualTo(damaged.length - before);
            assertThat(report.truncatedFile()).isEqualTo(damaged.length > before ? segment : null);
            assertThat(report.batchesRecovered()).isEqualTo(4);
            assertThat(Files.size(segment)).isEqualTo(before);
            saveBatch(store, 5);
        }
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            assertSameLog(store, modelOf(5));
            assertThat(store.recovery().truncated()).isFalse();
        }
    }

    /** Where each record of a segment starts (a frame is its length, its checksum, then the payload). */
    private static List<Integer> recordOffsets(byte[] segment) {
        List<Integer> offsets = new ArrayList<>();
        for (int at = 0; at + 8 <= segment.length; at += 8 + ByteBuffer.wrap(segment).getInt(at)) {
            offsets.add(at);
        }
        return offsets;
    }

    /**
     * Damage to a record of the last segment that whole records follow is no torn tail: those records were written
     * after it, and their batches perhaps acknowledged (a member's votes and entries among them), so cutting the
     * segment there would drop them. Opening refuses, naming the file and the damaged record's offset, and cuts
     * nothing; once the bytes are restored the log opens whole.
     */
    @Test
    void aDamagedRecordThatWholeRecordsFollowInTheLastSegmentIsCorruptionAndNothingIsCut() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            for (long i = 1; i <= 10; i++) {
                saveBatch(store, i);
            }
        }
        Path segment = files(dir, "log-").get(0);
        byte[] pristine = Files.readAllBytes(segment);
        List<Integer> records = recordOffsets(pristine);
        assertThat(records).hasSize(10);
        int damagedAt = records.get(5);
        byte[] flippedBit = pristine.clone();
        flippedBit[damagedAt + 12] ^= 0x01;
        byte[] zeroLength = pristine.clone();
        Arrays.fill(zeroLength, damagedAt, damagedAt + 4, (byte) 0);
        byte[] lengthPastTheEnd = pristine.clone();
        lengthPastTheEnd[damagedAt] = 0x3f;
        byte[] zeroedRun = pristine.clone(); // a lost run of sectors, ending inside a record
        Arrays.fill(zeroedRun, damagedAt, records.get(8) - 3, (byte) 0);
        for (byte[] damaged : List.of(flippedBit, zeroLength, lengthPastTheEnd, zeroedRun)) {
            Files.write(segment, damaged);
            assertThatThrownBy(() -> FileLogStore.open(dir, OPTIONS))
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                        assertThat(e.file()).isEqualTo(segment);
                        assertThat(e.offset()).isEqualTo(damagedAt);
                        assertThat(e.getMessage()).contains(segment.toString()).contains("whole record follows");
                    });
            assertThat(Files.readAllBytes(segment)).as("nothing was cut").isEqualTo(damaged);
        }
        Files.write(segment, pristine);
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            assertSameLog(store, modelOf(10));
            assertThat(store.recovery().truncated()).isFalse();
        }
    }

    @Test
    void aTornRecordInANewSegmentKeepsEveryEarlierSegment() throws IOException {
        FileLogOptions small = OPTIONS.withSegmentBytes(1024);
        try (FileLogStore store = FileLogStore.open(dir, small)) {
            for (long i = 1; i <= 40; i++) {
                saveBatch(store, i);
            }
        }
        List<Path> segments = files(dir, "log-");
        Path last = segments.get(segments.size() - 1);
        byte[] bytes = Files.readAllBytes(last);
        assertThat(segments).hasSizeGreaterThan(2);
        Files.write(last, Arrays.copyOf(bytes, 5)); // a crash while the first record of the segment was written
        try (FileLogStore store = FileLogStore.open(dir, small)) {
            assertThat(store.recovery().truncatedFile()).isEqualTo(last);
            assertThat(store.recovery().segmentsScanned()).isEqualTo(segments.size());
            assertThat(store.recovery().batchesRecovered()).isBetween(1L, 39L);
            assertSameLog(store, modelOf(store.recovery().batchesRecovered()));
        }
    }

    @Test
    void aFlippedByteInAnEarlierSegmentIsCorruptionNamingFileAndOffset() throws IOException {
        FileLogOptions small = OPTIONS.withSegmentBytes(1024);
        try (FileLogStore store = FileLogStore.open(dir, small)) {
            for (long i = 1; i <= 40; i++) {
                saveBatch(store, i);
            }
        }
        Path first = files(dir, "log-").get(0);
        byte[] pristine = Files.readAllBytes(first);
        for (int at = 0; at < pristine.length; at += 7) {
            byte[] damaged = pristine.clone();
            damaged[at] ^= 0x10;
            Files.write(first, damaged);
            int flipped = at;
            assertThatThrownBy(() -> FileLogStore.open(dir, small)).as("flip at %d", at)
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                        assertThat(e.file()).isEqualTo(first);
                        assertThat(e.offset()).isBetween(0L, (long) flipped);
                        assertThat(e.getMessage()).contains(first.getFileName().toString());
                    });
        }
        Files.write(first, pristine);
        try (FileLogStore store = FileLogStore.open(dir, small)) {
            assertSameLog(store, modelOf(40));
        }
    }

    @Test
    void aMissingOrDamagedSnapshotFileIsCorruption() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            saveBatch(store, 1);
            saveBatch(store, 2);
            store.createSnapshot(3, CONF, Logs.write(store, 3, "snapshot data".getBytes()));
        }
        Path snap = files(dir, "snap-").get(0);
        byte[] pristine = Files.readAllBytes(snap);
        byte[] damaged = pristine.clone();
        damaged[5] ^= 1; // inside the data, which comes first
        Files.write(snap, damaged);
        assertThatThrownBy(() -> FileLogStore.open(dir, OPTIONS)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(snap.getFileName().toString()).hasMessageContaining("checksum");
        Files.delete(snap);
        assertThatThrownBy(() -> FileLogStore.open(dir, OPTIONS)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("missing");
        Files.write(snap, pristine);
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            assertThat(Logs.content(store.snapshot())).isEqualTo("snapshot data".getBytes());
        }
    }

    @Test
    void aMissingMiddleSegmentIsCorruption() throws IOException {
        FileLogOptions small = OPTIONS.withSegmentBytes(1024);
        try (FileLogStore store = FileLogStore.open(dir, small)) {
            for (long i = 1; i <= 40; i++) {
                saveBatch(store, i);
            }
        }
        Path second = files(dir, "log-").get(1);
        Path third = files(dir, "log-").get(2);
        Files.delete(second);
        assertThatThrownBy(() -> FileLogStore.open(dir, small)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(third.getFileName().toString()).hasMessageContaining("missing");
    }

    @Test
    void leftoverSnapshotFilesAreDeletedOnOpen() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            saveBatch(store, 1);
            store.createSnapshot(2, CONF, Logs.write(store, 2, new byte[] {2}));
        }
        Path kept = files(dir, "snap-").get(0);
        Files.write(dir.resolve("snap-00000000000000000009-00000000000000000001.snap.tmp3"), new byte[10]);
        Files.write(dir.resolve("snap-00000000000000000001-00000000000000000001.snap"), new byte[10]);
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            assertThat(files(dir, "snap-")).containsExactly(kept);
            assertThat(store.snapshot().index()).isEqualTo(2);
        }
    }

    @Test
    void reopeningKeepsTheLatestWholeSnapshotAndDeletesTornOnes() throws IOException {
        byte[] state = new byte[200_000];
        new Random(3).nextBytes(state);
        Path whole;
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            for (long i = 1; i <= 6; i++) {
                saveBatch(store, i);
            }
            store.createSnapshot(3, CONF, Logs.write(store, 3, state));
            whole = files(dir, "snap-").get(0);
            // A crash while snapshot 5 was being written: its data half streamed into a part file...
            try (var out = store.newSnapshot(5)) {
                out.write(state, 0, 70_000);
                out.flush();
            }
        }
        Path torn = files(dir, "snap-").stream().filter(p -> !p.equals(whole)).findFirst().orElse(null);
        assertThat(torn).as("closing an unfinished output deletes its part file").isNull();
        Path part = dir.resolve("snap-00000000000000000005.part77");
        Files.write(part, Arrays.copyOf(state, 70_000));
        // ...and another one renamed into place with a torn trailer, before any record referred to it.
        byte[] complete = Files.readAllBytes(whole);
        Path renamed = dir.resolve("snap-00000000000000000006-00000000000000000001.snap");
        Files.write(renamed, Arrays.copyOf(complete, complete.length - 9));

        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            assertThat(store.snapshot().index()).isEqualTo(3);
            assertThat(Logs.content(store.snapshot())).isEqualTo(state);
            assertThat(files(dir, "snap-")).containsExactly(whole);
        }
    }

    @Test
    void aTornSnapshotFileTheLogRefersToIsCorruptionNeverApplied() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir, OPTIONS)) {
            saveBatch(store, 1);
            saveBatch(store, 2);
            store.createSnapshot(2, CONF, Logs.write(store, 2, new byte[50_000]));
        }
        Path snap = files(dir, "snap-").get(0);
        byte[] pristine = Files.readAllBytes(snap);
        for (int cut : new int[] {1, 20, 40_000, pristine.length - 1}) {
            Files.write(snap, Arrays.copyOf(pristine, cut));
            assertThatThrownBy(() -> FileLogStore.open(dir, OPTIONS)).as("cut at %d", cut)
                    .isInstanceOf(CorruptLogException.class).hasMessageContaining(snap.getFileName().toString());
        }
    }
}

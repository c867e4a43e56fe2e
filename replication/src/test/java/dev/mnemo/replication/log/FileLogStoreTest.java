package dev.mnemo.replication.log;

import static dev.mnemo.replication.log.Logs.assertSameLog;
import static dev.mnemo.replication.log.Logs.entries;
import static dev.mnemo.replication.log.Logs.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.engine.DiscWriteFailedException;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileLogStore round trips: what was saved and synced is what a reopened store answers, exactly as in memory. */
class FileLogStoreTest {
    private static final ConfState CONF = ConfState.ofVoters(1L, 2L, 3L);
    private static final FileLogOptions SMALL_SEGMENTS = FileLogOptions.defaults().withSegmentBytes(1024);

    @TempDir
    Path dir;
    private final Models models = new Models();

    @AfterEach
    void closeModels() {
        models.close();
    }

    /** Applies {@code writes} to a file store and to the in-memory model, then checks both, and again reopened. */
    private void roundTrip(FileLogOptions options, Consumer<LogStore> writes) {
        MemoryLogStore model = models.next();
        try (FileLogStore store = FileLogStore.open(dir, options)) {
            writes.accept(model);
            writes.accept(store);
            assertSameLog(store, model);
            store.sync();
        }
        try (FileLogStore reopened = FileLogStore.open(dir, options)) {
            assertSameLog(reopened, model);
            assertThat(reopened.recovery().truncated()).isFalse();
        }
    }

    /**
     * A write that fails (here the next segment's name is taken, so rolling over cannot create it) fails the save
     * with a message that says the disc write failed, where and why, and the store takes no more writes.
     */
    @Test
    void aFailedWriteSaysTheDiscWriteFailedNamingTheLogAndTheReasonAndTheStoreTakesNoMoreWrites() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir, SMALL_SEGMENTS)) {
            store.save(new HardState(1, 1, 0), entries(1, 1), Snapshot.EMPTY);
            Path live;
            try (var segments = Files.list(dir)) {
                live = segments.filter(p -> Segment.sequenceOf(p.getFileName().toString()) > 0)
                        .max(Path::compareTo).orElseThrow();
            }
            Path next = Files.createDirectory(Segment.path(dir, Segment.sequenceOf(live.getFileName().toString()) + 1));
            long[] terms = new long[200];
            Arrays.fill(terms, 1);

            assertThatThrownBy(() -> store.save(HardState.EMPTY, entries(2, terms), Snapshot.EMPTY))
                    .hasMessageStartingWith("the disc write failed: writing or syncing the log in " + dir
                            + " (live segment " + live.getFileName() + "): ")
                    .hasMessageContaining("FileAlreadyExistsException: " + next);
            assertThatThrownBy(() -> store.save(HardState.EMPTY, entries(2, 1), Snapshot.EMPTY))
                    .isInstanceOfSatisfying(DiscWriteFailedException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("58030"))
                    .hasMessageContaining("failed earlier").hasMessageContaining("FileAlreadyExistsException");
        }
    }

    @Test
    void entriesAndHardStateSurviveReopen() {
        roundTrip(FileLogOptions.defaults(), s -> {
            s.save(new HardState(1, 1, 0), entries(1, 1, 1, 1), Snapshot.EMPTY);
            s.save(new HardState(1, 1, 2), List.of(), Snapshot.EMPTY);
            s.save(HardState.EMPTY, entries(4, 1, 1), Snapshot.EMPTY);
        });
    }

    @Test
    void aConflictingSuffixIsReplacedAndStaysReplacedAfterReopen() {
        roundTrip(FileLogOptions.defaults(), s -> {
            s.save(new HardState(1, 1, 1), entries(1, 1, 1, 1, 1, 1), Snapshot.EMPTY);
            s.save(new HardState(2, 2, 2), entries(3, 2, 2), Snapshot.EMPTY);
            s.save(HardState.EMPTY, entries(5, 3), Snapshot.EMPTY);
        });
        try (FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults())) {
            assertThat(store.lastIndex()).isEqualTo(5);
            assertThat(store.term(4)).isEqualTo(2);
            assertThat(store.term(5)).isEqualTo(3);
        }
    }

    @Test
    void aSnapshotFromTheLeaderReplacesTheLogAndOnlyItsFileRemains() {
        byte[] data = "state at 10".getBytes();
        SnapshotMetadata leaders = new SnapshotMetadata(10, 3, CONF);
        roundTrip(FileLogOptions.defaults(), s -> {
            s.save(new HardState(1, 1, 2), entries(1, 1, 1, 1), Snapshot.EMPTY);
            s.save(new HardState(3, 0, 10), entries(11, 3, 3), Logs.snapshot(s, leaders, data));
        });
        try (FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults())) {
            assertThat(store.firstIndex()).isEqualTo(11);
            assertThat(store.term(10)).isEqualTo(3);
            assertThat(Logs.content(store.snapshot())).isEqualTo(data);
            assertThat(store.initialState().confState()).isEqualTo(CONF);
            Snapshot newer = Logs.snapshot(store, new SnapshotMetadata(20, 4, CONF), "state at 20".getBytes());
            store.save(new HardState(4, 0, 20), List.of(), newer);
            assertThat(files(dir, "snap-")).as("the replaced snapshot stays until the batch is synced").hasSize(2);
            store.sync();
            assertThat(files(dir, "snap-")).containsExactly(SnapshotFile.path(dir, newer.metadata()));
        }
    }

    @Test
    void createSnapshotIsDurableOnReturnAndCompactionSurvivesReopen() {
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        roundTrip(FileLogOptions.defaults(), s -> {
            s.save(new HardState(2, 1, 8), entries(1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2), Snapshot.EMPTY);
            s.createSnapshot(4, CONF, Logs.write(s, 4, new byte[] {1}));
            s.createSnapshot(6, CONF, Logs.write(s, 6, data));
            s.compact(5);
        });
        assertThat(files(dir, "snap-")).hasSize(1);
        try (FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults())) {
            assertThat(store.firstIndex()).isEqualTo(6);
            assertThat(store.snapshot().metadata()).isEqualTo(new SnapshotMetadata(6, 2, CONF));
            assertThat(Logs.content(store.snapshot())).isEqualTo(data);
            store.compact(5); // done already: changes nothing
            assertThat(store.firstIndex()).isEqualTo(6);
            assertThatThrownBy(() -> store.compact(7)).hasMessageContaining("beyond the snapshot");
        }
    }

    @Test
    void theRemovedIdsOfASnapshotsConfigurationSurviveReopenInEveryRecordThatCarriesIt() {
        ConfState removedFour = ConfState.of(List.of(1L, 2L, 3L), List.of(), List.of(4L));
        ConfState removedFive = ConfState.of(List.of(1L, 2L), List.of(), List.of(4L, 5L));
        roundTrip(SMALL_SEGMENTS, s -> {
            s.save(new HardState(1, 1, 8), entries(1, 1, 1, 1, 1, 1, 1, 1, 1), Snapshot.EMPTY);
            s.createSnapshot(8, removedFour, Logs.write(s, 8, new byte[] {8}));
            s.compact(8);
        });
        try (FileLogStore store = FileLogStore.open(dir, SMALL_SEGMENTS)) {
            assertThat(store.snapshot().metadata().confState()).isEqualTo(removedFour);
            assertThat(store.initialState().confState().removed()).containsExactly(4L);
            store.save(new HardState(2, 1, 20), entries(21, 2), Logs.snapshot(store,
                    new SnapshotMetadata(20, 2, removedFive), new byte[] {20}));
            for (int i = 0; i < 40; i++) { // rolls segments over: compaction writes a checkpoint
                store.save(HardState.EMPTY, entries(22 + i, 2), Snapshot.EMPTY);
            }
            store.compact(20);
            store.sync();
        }
        try (FileLogStore store = FileLogStore.open(dir, SMALL_SEGMENTS)) {
            assertThat(store.snapshot().metadata()).isEqualTo(new SnapshotMetadata(20, 2, removedFive));
        }
    }

    @Test
    void aCompactionOvertakenByALeadersSnapshotChangesNothing() {
        roundTrip(FileLogOptions.defaults(), s -> {
            s.save(new HardState(1, 1, 8), entries(1, 1, 1, 1, 1, 1, 1, 1, 1), Snapshot.EMPTY);
            s.createSnapshot(8, CONF, Logs.write(s, 8, new byte[] {8}));
            // The applying thread means to compact through 4; a leader's snapshot at 20 is saved first.
            s.save(new HardState(2, 1, 20), entries(21, 2), Logs.snapshot(s, new SnapshotMetadata(20, 2, CONF),
                    new byte[] {20}));
            s.compact(4);
            s.compact(20);
            assertThat(s.firstIndex()).isEqualTo(21);
            assertThat(s.lastIndex()).isEqualTo(21);
            assertThat(s.snapshot().index()).isEqualTo(20);
        });
    }

    @Test
    void smallSegmentsRollOverAndCompactionDeletesTheOldOnes() {
        MemoryLogStore model = models.next();
        FileLogStore store = FileLogStore.open(dir, SMALL_SEGMENTS);
        for (LogStore s : List.of(model, store)) {
            for (long i = 1; i <= 200; i += 5) {
                s.save(new HardState(1, 1, i - 1), bigEntries(i, 5, 1, 100), Snapshot.EMPTY);
            }
        }
        assertThat(store.segmentCount()).as("a batch of ~600 bytes per 1024-byte segment").isEqualTo(40);
        assertThat(files(dir, "log-")).hasSize(store.segmentCount());
        store.close();
        store = FileLogStore.open(dir, SMALL_SEGMENTS);
        assertSameLog(store, model);

        for (LogStore s : List.of(model, store)) {
            s.createSnapshot(195, CONF, Logs.write(s, 195, "at 195".getBytes()));
            s.compact(195);
        }
        assertThat(store.segmentCount()).as("one segment holding the checkpoint").isEqualTo(1);
        assertThat(files(dir, "log-")).hasSize(1);
        for (LogStore s : List.of(model, store)) {
            s.save(new HardState(2, 2, 200), bigEntries(201, 3, 2, 100), Snapshot.EMPTY);
        }
        store.close();
        try (FileLogStore reopened = FileLogStore.open(dir, SMALL_SEGMENTS)) {
            assertSameLog(reopened, model);
        }
    }

    @Test
    void aCheckpointWhoseSegmentDeletionWasInterruptedIsFinishedOnReopen() throws IOException {
        MemoryLogStore model = models.next();
        FileLogStore store = FileLogStore.open(dir, SMALL_SEGMENTS);
        for (LogStore s : List.of(model, store)) {
            for (long i = 1; i <= 60; i += 3) {
                s.save(new HardState(1, 1, i), bigEntries(i, 3, 1, 120), Snapshot.EMPTY);
            }
            s.createSnapshot(50, CONF, Logs.write(s, 50, new byte[] {5}));
        }
        store.sync();
        List<Path> before = files(dir, "log-");
        Path saved = Files.createDirectory(dir.resolve("saved")); // not a log file name: the store ignores it
        for (Path p : before) {
            Files.copy(p, saved.resolve(p.getFileName()));
        }
        for (LogStore s : List.of(model, store)) {
            s.compact(50);
        }
        store.close();
        assertThat(files(dir, "log-")).hasSize(1);
        // A crash after deleting the newest old segments: the oldest three come back.
        for (Path p : before.subList(0, 3)) {
            Files.copy(saved.resolve(p.getFileName()), p, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileLogStore reopened = FileLogStore.open(dir, SMALL_SEGMENTS)) {
            assertSameLog(reopened, model);
            assertThat(files(dir, "log-")).as("recovery finishes the deletion").hasSize(1);
        }
    }

    @Test
    void bootstrapStartsFromTheBootstrapSnapshotAndRefusesAnExistingLog() {
        try (FileLogStore store = FileLogStore.bootstrap(dir, FileLogOptions.defaults(), CONF)) {
            assertSameLog(store, MemoryLogStore.bootstrap(CONF));
        }
        try (FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults())) {
            assertSameLog(store, MemoryLogStore.bootstrap(CONF));
        }
        assertThatThrownBy(() -> FileLogStore.bootstrap(dir, FileLogOptions.defaults(), CONF))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already holds a log");
        try (FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults())) {
            assertThat(store.recovery().batchesRecovered()).isEqualTo(1);
        }
    }

    @Test
    void aDirectoryOpenInOneStoreCannotBeOpenedByAnother() {
        try (FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults())) {
            assertThatThrownBy(() -> FileLogStore.open(dir, FileLogOptions.defaults()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
            store.save(new HardState(1, 0, 0), List.of(), Snapshot.EMPTY);
        }
        try (FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults())) {
            assertThat(store.hardState()).isEqualTo(new HardState(1, 0, 0));
        }
    }

    @Test
    void aClosedStoreRefusesWritesButAnswersReads() {
        FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults());
        store.save(HardState.EMPTY, entries(1, 1), Snapshot.EMPTY);
        store.close();
        store.close();
        assertThat(store.lastIndex()).isEqualTo(1);
        assertThatThrownBy(() -> store.save(HardState.EMPTY, entries(2, 1), Snapshot.EMPTY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(store::sync).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusedBatchesChangeNothingInEitherStore() {
        roundTrip(FileLogOptions.defaults(), s -> {
            s.save(new HardState(1, 1, 3), entries(1, 1, 1, 1, 1), Snapshot.EMPTY);
            s.createSnapshot(3, CONF, Logs.write(s, 3, new byte[] {3}));
            assertThatThrownBy(() -> s.save(new HardState(9, 9, 9), entries(7, 1), Snapshot.EMPTY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap");
            assertThatThrownBy(() -> s.save(new HardState(9, 9, 9), entries(3, 2), Snapshot.EMPTY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covered by the snapshot");
            assertThatThrownBy(() -> s.save(HardState.EMPTY, List.of(Logs.entry(2, 5), Logs.entry(1, 6)),
                    Snapshot.EMPTY)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("terms");
            Snapshot stale = new Snapshot(new SnapshotMetadata(3, 1, CONF), new byte[0]);
            assertThatThrownBy(() -> s.save(HardState.EMPTY, List.of(), stale))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not newer");
        });
        assertThat(files(dir, "snap-")).hasSize(1);
    }

    @Test
    void optionsAcceptTheirLimitsAndRefuseOnePast() {
        assertThat(FileLogOptions.defaults().withSegmentBytes(FileLogOptions.SEGMENT_BYTES_MIN).segmentBytes())
                .isEqualTo(1024);
        assertThatThrownBy(() -> FileLogOptions.defaults().withSegmentBytes(FileLogOptions.SEGMENT_BYTES_MIN - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentBytes");
        assertThat(FileLogOptions.defaults().withRecordBytesMax(FileLogOptions.RECORD_BYTES_MIN).recordBytesMax())
                .isEqualTo(1024);
        assertThat(FileLogOptions.defaults().withRecordBytesMax(FileLogOptions.RECORD_BYTES_LIMIT)
                .recordBytesMax()).isEqualTo(FileLogOptions.RECORD_BYTES_LIMIT);
        assertThatThrownBy(() -> FileLogOptions.defaults().withRecordBytesMax(FileLogOptions.RECORD_BYTES_MIN - 1))
                .hasMessageContaining("recordBytesMax");
        assertThatThrownBy(() -> FileLogOptions.defaults().withRecordBytesMax(FileLogOptions.RECORD_BYTES_LIMIT + 1))
                .hasMessageContaining("recordBytesMax");
    }

    @Test
    void aBatchOfExactlyRecordBytesMaxIsStoredAndOneByteMoreIsRefused() {
        FileLogOptions options = FileLogOptions.defaults().withRecordBytesMax(1024);
        // A batch record of one entry, no hard state: type, flags, count, first index, term, type, length, data.
        int overhead = 1 + 1 + 4 + 8 + 8 + 1 + 4;
        byte[] fits = new byte[1024 - overhead];
        byte[] tooBig = new byte[1024 - overhead + 1];
        try (FileLogStore store = FileLogStore.open(dir, options)) {
            store.save(HardState.EMPTY, List.of(Entry.normal(1, 1, fits)), Snapshot.EMPTY);
            assertThatThrownBy(() -> store.save(HardState.EMPTY, List.of(Entry.normal(1, 2, tooBig)),
                    Snapshot.EMPTY)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exceeds recordBytesMax 1024");
            assertThat(store.lastIndex()).isEqualTo(1);
        }
        try (FileLogStore store = FileLogStore.open(dir, options)) {
            assertThat(store.lastIndex()).isEqualTo(1);
            assertThat(store.entries(1, 2, Long.MAX_VALUE).get(0).data()).isEqualTo(fits);
        }
    }

    @Test
    void theMemoryStoreIsNotDurableAndTheFileStoreIs() {
        try (FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults());
             MemoryLogStore memory = new MemoryLogStore()) {
            assertThat(store.durable()).isTrue();
            assertThat(memory.durable()).isFalse();
        }
    }

    @Test
    void anApplyThreadSnapshotsAndCompactsWhileTheRaftThreadSaves() throws Exception {
        FileLogStore store = FileLogStore.open(dir, SMALL_SEGMENTS);
        int batches = 1500;
        Thread raft = new Thread(() -> {
            for (long i = 1; i <= batches; i++) {
                store.save(new HardState(1, 1, i), bigEntries(i, 1, 1, 50), Snapshot.EMPTY);
                if (i % 10 == 0) {
                    store.sync();
                }
            }
        });
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        raft.setUncaughtExceptionHandler((t, e) -> errors.add(e));
        raft.start();
        int compactions = 0;
        while (raft.isAlive() || compactions == 0) {
            long index = store.lastIndex() - 5;
            if (index > store.snapshot().index()) {
                store.createSnapshot(index, CONF, Logs.write(store, index, ("at " + index).getBytes()));
                store.compact(index);
                compactions++;
            }
            Thread.onSpinWait();
        }
        raft.join();
        assertThat(errors).isEmpty();
        MemoryLogStore expected = models.next();
        expected.save(store.hardState(), store.entries(store.firstIndex(), store.lastIndex() + 1, Long.MAX_VALUE),
                store.snapshot());
        store.close();
        assertThat(files(dir, "log-")).as("checkpoints deleted old segments").hasSizeLessThan(batches / 10);
        try (FileLogStore reopened = FileLogStore.open(dir, SMALL_SEGMENTS)) {
            assertSameLog(reopened, expected);
            assertThat(reopened.lastIndex()).isEqualTo(batches);
            assertThat(reopened.entries(reopened.firstIndex(), batches + 1, Long.MAX_VALUE))
                    .isEqualTo(bigEntries(reopened.firstIndex(), (int) (batches - reopened.firstIndex() + 1), 1, 50));
        }
    }

    /** {@code count} entries from {@code first} in {@code term}, each carrying {@code bytes} of data. */
    static List<Entry> bigEntries(long first, int count, long term, int bytes) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[bytes];
            data[0] = (byte) (first + i);
            out.add(Entry.normal(term, first + i, data));
        }
        return out;
    }
}

package dev.mnemo.engine.disc;

import dev.mnemo.engine.DiscWriteFailedException;
import dev.mnemo.engine.log.LocalCommitLog;
import dev.mnemo.engine.testing.TestCatalogs;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The disc store's syncs, through a seam that records them and fails them on demand: a failed sync, of a file or
 * of a directory, fails what was being made durable and leaves the store refusing writes (what reached the disk
 * is unknown, and a second sync that succeeds proves nothing), and a new data directory is made durable in its
 * parent before anything is written in it.
 */
class DiscStoreSyncTest {
    private static final long CHECKPOINT_BYTES = 1 << 20;

    @TempDir
    Path root;
    private final TestCatalogs catalogs = new TestCatalogs(true);
    private final RecordingSync syncs = new RecordingSync();

    /** Records every sync as "file" or "dir PATH", and fails those of a kind while told to. */
    private static final class RecordingSync implements DiscSync {
        final List<String> calls = new ArrayList<>();
        boolean failFiles;
        Predicate<Path> failDirectory = dir -> false;

        @Override
        public void file(FileChannel channel, boolean metadata) throws IOException {
            calls.add("file");
            if (failFiles) {
                throw new IOException("injected file sync failure");
            }
            DEVICE.file(channel, metadata);
        }

        @Override
        public void directory(Path dir) throws IOException {
            calls.add("dir " + dir);
            if (failDirectory.test(dir)) {
                throw new IOException("injected directory sync failure");
            }
            DEVICE.directory(dir);
        }
    }

    @AfterEach
    void closeCatalogs() {
        catalogs.close();
    }

    private DiscStore open(Path dir) throws IOException {
        DiscStore store = new DiscStore(dir, CHECKPOINT_BYTES, true, syncs);
        try {
            store.recover(catalogs.create());
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Journals one small entry (a schema entry dropping a table that never existed: replay ignores it). */
    private static void journalOne(DiscStore store, long version) {
        store.schemaChanged(version, null, 1000 + version, List.of(), 0, List.of());
    }

    private static long journalBytes(Path dir) throws IOException {
        long bytes = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("journal-")).toList()) {
                bytes += Files.size(p);
            }
        }
        return bytes;
    }

    @Test
    void aFailedJournalSyncFailsTheFlushAndTheStoreTakesNoMoreWritesEvenOnceSyncsWorkAgain() throws IOException {
        Path dir = root.resolve("data");
        DiscStore store = open(dir);
        journalOne(store, 1);
        assertThat(store.flush()).isTrue();
        long bytes = journalBytes(dir);

        syncs.failFiles = true;
        journalOne(store, 2);
        assertThatThrownBy(store::flush).isInstanceOf(DiscWriteFailedException.class)
                .hasMessageContaining(dir.toString()).hasRootCauseMessage("injected file sync failure");
        long afterFailure = journalBytes(dir);

        syncs.failFiles = false; // a retried sync would succeed, yet the pages it lost are not in it
        assertThatThrownBy(() -> journalOne(store, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("failed earlier");
        assertThatThrownBy(store::flush).isInstanceOf(IllegalStateException.class);
        assertThat(journalBytes(dir)).as("nothing more was written").isEqualTo(afterFailure)
                .isGreaterThan(bytes);
        assertThatThrownBy(() -> store.checkpoint(catalogs.first(), 3)).isInstanceOf(IllegalStateException.class);
        store.close();

        try (DiscStore reopened = open(dir)) {
            assertThat(reopened.checkpointDue()).isFalse();
        }
    }

    @Test
    void aCommitterWhoseBatchCannotBeSyncedIsToldTheDiscWriteFailedWithTheFileAndTheReasonUntilTheReopen()
            throws IOException {
        Path dir = root.resolve("data");
        DiscStore store = open(dir);
        Path journal;
        try (var files = Files.list(dir)) {
            journal = files.filter(p -> p.getFileName().toString().startsWith("journal-")).findFirst().orElseThrow();
        }
        LocalCommitLog log = new LocalCommitLog(16);
        long[] version = {0};
        log.start((records, outcomes) -> { // as the engine does: journal every record, then flush the batch
            for (int i = 0; i < records.size(); i++) {
                journalOne(store, ++version[0]);
                outcomes[i] = Outcome.committed(version[0]);
            }
            store.flush();
        });
        CommitRecord record = CommitRecord.transaction(List.of(), List.of());
        assertThat(log.append(record).isCommitted()).isTrue();

        syncs.failFiles = true;
        assertThatThrownBy(() -> log.append(record)).isInstanceOfSatisfying(DiscWriteFailedException.class,
                e -> assertThat(e.sqlState()).isEqualTo("58030"))
                .hasMessageStartingWith("the disc write failed: writing or syncing journal " + journal + ": ")
                .hasMessageContaining("injected file sync failure").hasMessageContaining("reopen the database");
        syncs.failFiles = false;
        assertThatThrownBy(() -> log.append(record)).as("failed until the database is reopened")
                .isInstanceOf(DiscWriteFailedException.class).hasMessageContaining("injected file sync failure");
        log.close();
        store.close();

        try (DiscStore reopened = open(dir)) {
            journalOne(reopened, 3);
            assertThat(reopened.flush()).isTrue();
        }
    }

    @Test
    void aFailedDirectorySyncFailsTheCheckpointAndTheStoreTakesNoMoreWrites() throws IOException {
        Path dir = root.resolve("data");
        DiscStore store = open(dir);
        journalOne(store, 1);
        store.flush();

        syncs.failDirectory = any -> true;
        assertThatThrownBy(() -> store.checkpoint(catalogs.first(), 1)).isInstanceOf(DiscWriteFailedException.class)
                .hasMessageStartingWith("the disc write failed: writing a checkpoint at version 1: cannot sync "
                        + "directory " + dir).hasRootCauseMessage("injected directory sync failure");

        syncs.failDirectory = any -> false;
        assertThatThrownBy(() -> journalOne(store, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed earlier");
        assertThatThrownBy(store::flush).isInstanceOf(IllegalStateException.class);
        store.close();
    }

    @Test
    void aNewJournalWhoseDirectoryCannotBeSyncedFailsTheOpen() throws IOException {
        Path dir = Files.createDirectories(root.resolve("data"));
        syncs.failDirectory = dir::equals;
        assertThatThrownBy(() -> open(dir)).hasMessageContaining(dir.toString())
                .hasRootCauseMessage("injected directory sync failure");
        syncs.failDirectory = any -> false;
        open(dir).close();
    }

    private List<String> directorySyncs() {
        return syncs.calls.stream().filter(c -> c.startsWith("dir ")).toList();
    }

    @Test
    void aNewDataDirectoryAndEveryNewDirectoryAboveItAreSyncedIntoTheirParentsBeforeTheJournalIsCreated()
            throws IOException {
        Path dir = root.resolve("a").resolve("b").resolve("data");
        open(dir).close();
        assertThat(directorySyncs()).containsSubsequence("dir " + root, "dir " + root.resolve("a"),
                "dir " + root.resolve("a").resolve("b"), "dir " + dir);
    }

    @Test
    void anExistingDataDirectoryIsSyncedIntoItsParentAtOpen() throws IOException {
        Path dir = Files.createDirectories(root.resolve("data")); // a crash may have come before its parent's sync
        open(dir).close();
        assertThat(directorySyncs()).startsWith("dir " + root);
    }
}

package dev.mnemo.replication.log;

import static dev.mnemo.replication.log.Logs.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryLogStoreTest {
    private static final ConfState CONF = ConfState.ofVoters(1L, 2L, 3L);
    private final Models models = new Models();

    @AfterEach
    void closeModels() {
        models.close();
    }

    @Test
    void bootstrapMatchesMemoryStorageBootstrap() {
        MemoryLogStore store = MemoryLogStore.bootstrap(CONF);
        MemoryStorage storage = MemoryStorage.bootstrap(CONF);
        assertThat(store.initialState()).isEqualTo(storage.initialState());
        assertThat(store.hardState()).isEqualTo(new HardState(1, 0, 1));
        assertThat(store.firstIndex()).isEqualTo(2);
        assertThat(store.lastIndex()).isEqualTo(1);
        assertThat(store.snapshot().metadata()).isEqualTo(storage.snapshot().metadata());
    }

    @Test
    void aBatchAppliesSnapshotThenEntriesThenHardState() {
        MemoryLogStore store = models.next();
        store.save(new HardState(1, 1, 0), entries(1, 1, 1, 1), Snapshot.EMPTY);
        Snapshot leaders = Logs.snapshot(store, new SnapshotMetadata(8, 2, CONF), new byte[] {8});
        store.save(new HardState(2, 0, 8), entries(9, 2), leaders);
        assertThat(store.firstIndex()).isEqualTo(9);
        assertThat(store.lastIndex()).isEqualTo(9);
        assertThat(store.term(8)).isEqualTo(2);
        assertThat(store.snapshot()).isSameAs(leaders);
        assertThat(store.hardState()).isEqualTo(new HardState(2, 0, 8));
        store.save(HardState.EMPTY, List.of(), Snapshot.EMPTY);
        assertThat(store.hardState()).as("an empty hard state leaves it unchanged").isEqualTo(new HardState(2, 0, 8));
    }

    @Test
    void aRefusedBatchLeavesNoTrace() {
        MemoryLogStore store = models.next();
        store.save(new HardState(1, 1, 0), entries(1, 1, 1), Snapshot.EMPTY);
        Snapshot leaders = Logs.snapshot(store, new SnapshotMetadata(8, 2, CONF), new byte[] {8});
        assertThatThrownBy(() -> store.save(new HardState(2, 0, 8), entries(10, 2), leaders))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap");
        assertThat(store.snapshot().isEmpty()).as("the batch's snapshot was not applied").isTrue();
        assertThat(store.lastIndex()).isEqualTo(2);
        assertThat(store.hardState()).isEqualTo(new HardState(1, 1, 0));
    }

    @Test
    void aClosedStoreRefusesWrites() {
        MemoryLogStore store = models.next();
        store.close();
        assertThatThrownBy(() -> store.save(HardState.EMPTY, entries(1, 1), Snapshot.EMPTY))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.durable()).isFalse();
    }

    @Test
    void snapshotDataLivesInFilesThatGoWhenSupersededAndOnClose() throws IOException {
        MemoryLogStore store = models.next();
        store.save(new HardState(1, 1, 4), entries(1, 1, 1, 1, 1, 1), Snapshot.EMPTY);
        Snapshot first = store.createSnapshot(2, CONF, Logs.write(store, 2, new byte[] {2, 2}));
        Path firstFile = SnapshotRef.decode(first.data()).file();
        Path abandoned = SnapshotRef.decode(Logs.snapshot(store, new SnapshotMetadata(3, 1, CONF),
                new byte[] {9}).data()).file(); // a snapshot from a leader that the core refused

        Snapshot second = store.createSnapshot(4, CONF, Logs.write(store, 4, new byte[] {4, 4, 4, 4}));

        assertThat(Logs.content(store.snapshot())).containsExactly(4, 4, 4, 4);
        assertThat(firstFile).as("superseded").doesNotExist();
        assertThat(abandoned).as("never taken over, below the new snapshot").doesNotExist();
        Path dir = SnapshotRef.decode(second.data()).file().getParent();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactlyInAnyOrder(SnapshotRef.decode(second.data()).file(),
                    dir.resolve(SnapshotTempDir.OWNER));
        }
        store.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aFirstStoreDeletesOnlyTheSnapshotDirectoriesNoLiveProcessOwns(@TempDir Path root) throws IOException {
        Path dead = root.resolve("mnemo-snapshots-1"); // its owner died: its owner file is there, unlocked
        Files.createDirectory(dead);
        Files.write(dead.resolve(SnapshotTempDir.OWNER), new byte[0]);
        Files.write(dead.resolve("snap-00000000000000000007.part3"), new byte[] {1, 2, 3});
        Path ownerless = Files.createDirectory(root.resolve("mnemo-snapshots-2")); // no owner file: not ours
        Path elsewhere = Files.createDirectory(root.resolve("elsewhere")); // reached only through a link
        Files.write(elsewhere.resolve(SnapshotTempDir.OWNER), new byte[0]);
        Files.write(elsewhere.resolve("snap-00000000000000000001.part1"), new byte[] {1});
        Path link = Files.createSymbolicLink(root.resolve("mnemo-snapshots-3"), elsewhere);

        try (SnapshotTempDir alive = SnapshotTempDir.create(root); // a live owner's, locked
             MemoryLogStore store = new MemoryLogStore(root)) {
            assertThat(dead).as("no process owns it").doesNotExist();
            assertThat(alive.dir()).as("its owner holds the lock").exists();
            assertThat(alive.dir().resolve(SnapshotTempDir.OWNER)).exists();
            assertThat(ownerless).as("not a directory the store makes").exists();
            assertThat(link).as("a link is never followed").exists();
            assertThat(elsewhere.resolve("snap-00000000000000000001.part1")).exists();

            store.save(new HardState(1, 1, 2), entries(1, 1, 1), Snapshot.EMPTY);
            Snapshot taken = store.createSnapshot(2, CONF, Logs.write(store, 2, new byte[] {2}));
            Path own = SnapshotRef.decode(taken.data()).file().getParent();
            assertThat(own.resolve(SnapshotTempDir.OWNER)).exists();
            store.close();
            assertThat(own).as("closing the store deletes its directory").doesNotExist();
        }
    }
}

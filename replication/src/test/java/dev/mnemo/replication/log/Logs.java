package dev.mnemo.replication.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.LogCompactedException;
import dev.mnemo.replication.raft.LogUnavailableException;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: entries, and the comparison of two logs by every answer the Raft core can ask of them. */
final class Logs {
    private Logs() {
    }

    /** Entries at {@code first}, {@code first + 1}, … with the given terms and data naming index and term. */
    static List<Entry> entries(long first, long... terms) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            out.add(entry(terms[i], first + i));
        }
        return out;
    }

    static Entry entry(long term, long index) {
        return Entry.normal(term, index, ("e" + index + "@" + term).getBytes());
    }

    /** Asserts that {@code actual} answers every Storage query as {@code expected} does. */
    static void assertSameLog(LogStore actual, LogStore expected) {
        assertThat(actual.firstIndex()).as("firstIndex").isEqualTo(expected.firstIndex());
        assertThat(actual.lastIndex()).as("lastIndex").isEqualTo(expected.lastIndex());
        assertThat(actual.initialState()).as("initialState").isEqualTo(expected.initialState());
        assertThat(actual.hardState()).as("hardState").isEqualTo(expected.hardState());
        assertSameSnapshot(actual.snapshot(), expected.snapshot());
        long first = expected.firstIndex();
        long last = expected.lastIndex();
        for (long i = first - 1; i <= last; i++) {
            assertThat(actual.term(i)).as("term(%d)", i).isEqualTo(expected.term(i));
        }
        if (first >= 2) {
            assertThatThrownBy(() -> actual.term(first - 2)).isInstanceOf(LogCompactedException.class);
        }
        assertThatThrownBy(() -> actual.term(last + 1)).isInstanceOf(LogUnavailableException.class);
        assertThat(actual.entries(first, last + 1, Long.MAX_VALUE)).as("entries")
                .isEqualTo(expected.entries(first, last + 1, Long.MAX_VALUE));
        if (last >= first) {
            long limit = expected.entries(first, first + 1, 0).get(0).sizeBytes() + 1;
            assertThat(actual.entries(first, last + 1, limit)).as("entries under a byte limit")
                    .isEqualTo(expected.entries(first, last + 1, limit));
        }
    }

    static void assertSameSnapshot(Snapshot actual, Snapshot expected) {
        assertThat(actual.metadata()).as("snapshot metadata").isEqualTo(expected.metadata());
        assertThat(content(actual)).as("snapshot data").isEqualTo(content(expected));
    }

    /** Streams {@code content} into a new snapshot file of {@code store}'s, for createSnapshot. */
    static SnapshotRef write(LogStore store, long index, byte[] content) {
        try (SnapshotOutput out = store.newSnapshot(index)) {
            out.write(content);
            return out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A snapshot as the transport hands one over: its data in a file of {@code store}'s (none if empty). */
    static Snapshot snapshot(LogStore store, SnapshotMetadata metadata, byte[] content) {
        return new Snapshot(metadata, content.length == 0 ? new byte[0] : write(store, metadata.index(), content)
                .encode());
    }

    /** The bytes of {@code snapshot}, read from its file. */
    static byte[] content(Snapshot snapshot) {
        try (InputStream in = SnapshotRef.open(snapshot.data())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.mnemo.replication.log;

import static dev.mnemo.replication.log.Logs.assertSameLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of saves (appends, conflicting suffixes, leader snapshots, hard states), snapshots, compactions,
 * syncs and reopens, applied to a FileLogStore with tiny segments and to a MemoryLogStore: after every step both
 * answer every Storage query alike, and refuse the same invalid batches.
 */
class FileLogModelPropertyTest {
    private static final FileLogOptions OPTIONS = FileLogOptions.defaults().withSegmentBytes(1024);

    enum Kind { APPEND, LEADER_SNAPSHOT, CREATE_SNAPSHOT, COMPACT, SYNC, REOPEN, INVALID }

    /** One step; {@code a}, {@code b}, {@code c} pick its parameters within what the current log allows. */
    record Op(Kind kind, int a, int b, int c) {
    }

    @Property(tries = 40)
    void theFileStoreAnswersAsTheMemoryStore(@ForAll("ops") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("mnemo-log-prop");
        MemoryLogStore model = new MemoryLogStore();
        FileLogStore store = FileLogStore.open(dir, OPTIONS);
        try {
            for (Op op : ops) {
                if (op.kind() == Kind.REOPEN) {
                    store.close();
                    store = FileLogStore.open(dir, OPTIONS);
                    assertThat(store.recovery().truncated()).isFalse();
                } else if (op.kind() == Kind.SYNC) {
                    store.sync();
                } else {
                    applyToBoth(step(op, model), model, store);
                }
                assertSameLog(store, model);
            }
            store.close();
            try (FileLogStore reopened = FileLogStore.open(dir, OPTIONS)) {
                assertSameLog(reopened, model);
            }
        } finally {
            store.close();
            model.close();
            deleteTree(dir);
        }
    }

    private static void applyToBoth(Consumer<LogStore> step, MemoryLogStore model, FileLogStore store) {
        Throwable expected = catchThrowable(() -> step.accept(model));
        Throwable actual = catchThrowable(() -> step.accept(store));
        if (expected == null) {
            assertThat(actual).as("the file store fails where the model does not").isNull();
        } else {
            assertThat(actual).as("the model threw %s", expected).isInstanceOf(expected.getClass());
        }
    }

    /** The write {@code op} stands for, given the model's current state. */
    private static Consumer<LogStore> step(Op op, MemoryLogStore model) {
        long offset = model.firstIndex() - 1;
        long last = model.lastIndex();
        long snapshotIndex = model.snapshot().index();
        long lastTerm = model.term(last);
        switch (op.kind()) {
            case APPEND -> {
                long from = Math.max(snapshotIndex + 1, last + 1 - op.a() % 4);
                long term = model.term(from - 1) + op.c() % 2;
                List<Entry> entries = entries(from, op.b() % 6, term, op.c() % 400);
                HardState hs = op.a() % 3 == 0 ? new HardState(term, op.b() % 4, Math.max(0, from - 1))
                        : HardState.EMPTY;
                return s -> s.save(hs, entries, Snapshot.EMPTY);
            }
            case LEADER_SNAPSHOT -> {
                long index = snapshotIndex + 1 + op.a() % (last - snapshotIndex + 3);
                long term = lastTerm + op.b() % 2;
                ConfState conf = ConfState.of(List.of(1L + op.a() % 3, 4L), List.of(5L + op.b() % 2));
                SnapshotMetadata snap = new SnapshotMetadata(index, term, conf);
                byte[] data = bytes(op.c() % 64, index);
                List<Entry> entries = entries(index + 1, op.c() % 3, term, op.b() % 40);
                return s -> s.save(new HardState(term, 0, index), entries, Logs.snapshot(s, snap, data));
            }
            case CREATE_SNAPSHOT -> { // one in five at an index it must refuse
                long index = op.a() % 5 == 0 ? (op.b() % 2 == 0 ? snapshotIndex : last + 1)
                        : snapshotIndex + 1 + op.a() % Math.max(1, last - snapshotIndex);
                byte[] data = bytes(op.b() % 100, index);
                return s -> s.createSnapshot(index, ConfState.ofVoters(1L, 2L, 3L), Logs.write(s, index, data));
            }
            case COMPACT -> { // one in five at an index it must refuse
                long index = op.a() % 5 == 0 ? (op.b() % 2 == 0 ? offset : snapshotIndex + 1)
                        : offset + 1 + op.a() % Math.max(1, snapshotIndex - offset);
                return s -> s.compact(index);
            }
            case INVALID -> {
                List<Entry> gap = entries(last + 2, 1, lastTerm, 3);
                return s -> s.save(new HardState(99, 99, 99), gap, Snapshot.EMPTY);
            }
            default -> throw new IllegalArgumentException("not a write: " + op);
        }
    }

    private static List<Entry> entries(long from, int count, long term, int bytes) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Entry.normal(term, from + i, bytes(bytes, from + i)));
        }
        return out;
    }

    private static byte[] bytes(int length, long seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed * 31 + i);
        }
        return data;
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(12, Kind.APPEND), Tuple.of(2, Kind.LEADER_SNAPSHOT),
                Tuple.of(3, Kind.CREATE_SNAPSHOT), Tuple.of(4, Kind.COMPACT), Tuple.of(2, Kind.SYNC),
                Tuple.of(2, Kind.REOPEN), Tuple.of(1, Kind.INVALID));
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 1000);
        return Combinators.combine(kinds, n, n, n).as(Op::new).list().ofMinSize(40).ofMaxSize(150);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

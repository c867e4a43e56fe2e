package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.InitialState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Snapshot;
import java.util.List;
import java.util.Objects;

/**
 * A {@link LogStore} in memory, around {@link MemoryStorage}: for {@code ram} tables, whose durability comes from
 * the other replicas, and as the model the file store is tested against. {@link #sync()} has nothing to do.
 */
public final class MemoryLogStore implements LogStore {
    /** Locked by every method here, and by MemoryStorage's own synchronized methods, so a batch is atomic. */
    private final MemoryStorage storage;
    private volatile boolean closed;

    public MemoryLogStore() {
        this(new MemoryStorage());
    }

    private MemoryLogStore(MemoryStorage storage) {
        this.storage = storage;
    }

    /** A founding member's log: the {@link Snapshot#bootstrap bootstrap snapshot} and term 1. */
    public static MemoryLogStore bootstrap(ConfState initial) {
        return new MemoryLogStore(MemoryStorage.bootstrap(initial));
    }

    @Override
    public void save(HardState hardState, List<Entry> entries, Snapshot snapshot) {
        Objects.requireNonNull(hardState, "hardState");
        synchronized (storage) {
            checkOpen();
            BatchRules.check(entries, snapshot, storage.snapshot().index(), storage.lastIndex());
            if (!snapshot.isEmpty()) {
                storage.applySnapshot(snapshot);
            }
            storage.append(entries);
            if (!hardState.isEmpty()) {
                storage.setHardState(hardState);
            }
        }
    }

    @Override
    public void sync() {
        checkOpen();
    }

    @Override
    public HardState hardState() {
        return storage.hardState();
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
        checkOpen();
        return storage.createSnapshot(index, confState, data);
    }

    @Override
    public void compact(long index) {
        checkOpen();
        storage.compact(index);
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public InitialState initialState() {
        return storage.initialState();
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        return storage.entries(lo, hi, maxBytes);
    }

    @Override
    public long term(long index) {
        return storage.term(index);
    }

    @Override
    public long firstIndex() {
        return storage.firstIndex();
    }

    @Override
    public long lastIndex() {
        return storage.lastIndex();
    }

    @Override
    public Snapshot snapshot() {
        return storage.snapshot();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("log store is closed");
        }
    }
}

package dev.mnemo.replication.cluster;

import dev.mnemo.replication.log.LogStore;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.InitialState;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.util.List;

/** A log store that hands every call to another: tests override the calls they watch or hold. */
class ForwardingLogStore implements LogStore {
    private final LogStore inner;

    ForwardingLogStore(LogStore inner) {
        this.inner = inner;
    }

    @Override
    public void save(HardState hardState, List<Entry> entries, Snapshot snapshot) {
        inner.save(hardState, entries, snapshot);
    }

    @Override
    public void sync() {
        inner.sync();
    }

    @Override
    public HardState hardState() {
        return inner.hardState();
    }

    @Override
    public SnapshotOutput newSnapshot(long index) {
        return inner.newSnapshot(index);
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, SnapshotRef data) {
        return inner.createSnapshot(index, confState, data);
    }

    @Override
    public void compact(long index) {
        inner.compact(index);
    }

    @Override
    public boolean durable() {
        return inner.durable();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public InitialState initialState() {
        return inner.initialState();
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        return inner.entries(lo, hi, maxBytes);
    }

    @Override
    public long term(long index) {
        return inner.term(index);
    }

    @Override
    public long firstIndex() {
        return inner.firstIndex();
    }

    @Override
    public long lastIndex() {
        return inner.lastIndex();
    }

    @Override
    public Snapshot snapshot() {
        return inner.snapshot();
    }
}

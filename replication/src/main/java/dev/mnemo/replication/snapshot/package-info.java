/**
 * Where snapshot bytes live outside the Raft core: a {@link dev.mnemo.replication.raft.Snapshot}'s {@code data} is
 * the small descriptor {@link dev.mnemo.replication.snapshot.SnapshotRef} (file, size, CRC32C), never the bytes,
 * so that no step (taking, storing, sending, receiving, installing) holds a whole snapshot on the heap. Bytes are
 * written through a {@link dev.mnemo.replication.snapshot.SnapshotOutput} into a file of the log store's space
 * and read back through {@link dev.mnemo.replication.snapshot.SnapshotRef#open()}, which checks size and checksum.
 */
package dev.mnemo.replication.snapshot;

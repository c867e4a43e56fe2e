/**
 * Raft log storage drivers: {@link dev.mnemo.replication.log.LogStore} is a node's stable log, what the core reads
 * as its {@link dev.mnemo.replication.raft.Storage} plus the writes a driver makes for each {@link
 * dev.mnemo.replication.raft.Ready}. {@link dev.mnemo.replication.log.MemoryLogStore} keeps it in memory ({@code
 * ram} tables); {@link dev.mnemo.replication.log.FileLogStore} keeps it in a directory ({@code disc} tables).
 *
 * <h2>On-disk format of a {@link dev.mnemo.replication.log.FileLogStore}</h2>
 *
 * <p>A log directory holds {@code LOCK} (locked while a store has it open), segment files {@code
 * log-<sequence>.seg} (16 decimal digits, from 1, rising by one) and at most one live snapshot file {@code
 * snap-<index>-<term>.snap} (20 digits each). All numbers are big-endian.
 *
 * <p><b>Segments</b> are append-only sequences of records, never rewritten: a record is {@code int length}
 * (of the payload, 1 to {@code recordBytesMax}), {@code int crc} (CRC32C of the four length bytes and the payload),
 * then the payload, whose first byte is its type:
 * <ul>
 *   <li>{@code 1} batch, one {@code save} call: {@code byte flags} (1 = hard state, 2 = snapshot reference, 4 = its
 *       metadata lists removed ids), then if flagged the hard state ({@code long term, vote, commit}) and the
 *       snapshot metadata (below), then the entries (below);</li>
 *   <li>{@code 2} snapshot taken ({@code createSnapshot}): the snapshot metadata; {@code 5} the same, listing
 *       removed ids;</li>
 *   <li>{@code 3} compaction ({@code compact}): {@code long index};</li>
 *   <li>{@code 4} checkpoint, the whole log at one point: hard state, snapshot metadata, {@code long offsetIndex,
 *       offsetTerm} (the compaction point), then the entries after it; {@code 6} the same, listing removed ids.</li>
 * </ul>
 * Snapshot metadata is {@code long index, term}, {@code int n} and n {@code long} voter ids, {@code int m} and m
 * {@code long} learner ids, and where the record says it lists them {@code int r} and r {@code long} ids a
 * committed change removed. Metadata without removed ids is written as before they were kept (flag 4 clear, types
 * 2 and 4, {@code "MNSNAP02"}), so logs that never removed a member stay readable by earlier versions, and the
 * logs those versions wrote load with no removed ids. Entries are {@code int count}, and if count &gt; 0 {@code
 * long firstIndex} then per entry {@code long term, byte type} ({@link dev.mnemo.replication.raft.EntryType}
 * ordinal), {@code int length}, the data. A record never spans segments: a new segment starts when the next record
 * would take the current one past {@code segmentBytes}; the full segment is synced first and the directory after
 * the new file is created, so batches become durable in order.
 *
 * <p><b>Snapshot files</b> hold the data first, then a trailer: the metadata, {@code int metadataLength, long
 * dataLength, int dataCrc} (CRC32C of the data), {@code int trailerCrc} (CRC32C of the trailer bytes before it) and
 * {@code "MNSNAP02"}, or {@code "MNSNAP03"} when the metadata lists removed ids. Data never passes through the
 * heap whole: it is streamed into a part file {@code snap-<index>.part<n>} ({@code newSnapshot}), synced by its
 * writer; adopting it ({@code createSnapshot}, or a {@code save} with a snapshot from the leader) appends the
 * trailer, syncs, renames it into place and syncs the directory, all before any record refers to it. The file it
 * replaces is deleted after a sync has made the referring record durable; part files at or below the adopted index
 * are deleted at once. The store hands out the snapshot as a {@link dev.mnemo.replication.snapshot.SnapshotRef} to
 * the data in the file.
 *
 * <p><b>Recovery</b> replays every record in order, exactly as the writes were applied in memory: a batch applies
 * its snapshot (replacing the log up to its index), then its entries (replacing stored entries from the first
 * one's index on), then its hard state; a checkpoint replaces the whole state. A record cut short, a length out
 * of range, or a checksum mismatch in the <em>last</em> segment, with no whole record (a length in range that
 * fits, and a matching checksum) starting at any later byte offset, is a write a crash interrupted: the segment
 * is truncated there (reported by {@link dev.mnemo.replication.log.FileLogStore#recovery()}). The same in an
 * earlier segment, or with a whole record after it in the last one (damage to records already written, whose
 * batches may have been acknowledged), a record with a valid checksum that does not decode or contradicts the
 * ones before it, or a missing snapshot file, or one whose trailer or data checksum fails (read once, streamed,
 * at open), throws {@link dev.mnemo.replication.log.CorruptLogException} naming the file and offset, and nothing
 * is cut. The member does not drop the damaged records to fetch them again from its peers: a voter that forgets
 * a vote or an entry it acknowledged can break Raft's safety, so an operator restores it from a peer (an empty
 * data directory, joining again). Damage to synced records at the very end of the last segment cannot be told
 * from a torn write, and is cut off too; a device that, in a power loss, kept a later part of an unsynced write
 * but not an earlier one looks like damage, and is refused. Snapshot and part files other than the one the log
 * ends with are deleted: a snapshot torn by a crash was never referred to by a durable record.
 *
 * <p><b>Compaction</b> appends a compaction record. Once the closed segments hold more bytes than a checkpoint
 * would, it starts a new segment with a checkpoint, syncs it and deletes all older segments, newest first: a crash
 * midway leaves a prefix of old segments, then the checkpoint's segment, which recovery accepts (a gap in the
 * sequence is allowed only before a segment that begins with a checkpoint) and finishes deleting.
 */
package dev.mnemo.replication.log;

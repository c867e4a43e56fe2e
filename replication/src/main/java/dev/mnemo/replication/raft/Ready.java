package dev.mnemo.replication.raft;

import java.util.List;
import java.util.Objects;

/**
 * Everything the core wants done since the last {@link RawNode#advance}. The driver handles one Ready in this
 * order, then calls {@code advance(ready)}:
 *
 * <ol>
 *   <li><b>Persist</b> {@code snapshot} (if not empty), {@code entries} (replacing any stored entries from the
 *       first one's index on) and {@code hardState} (if not empty), as <em>one atomic batch</em>: after a crash
 *       the batch is present whole or not at all, and batches survive in the order they were written. Sync it
 *       when {@code mustSync}. (Conf changes take effect when applied, so the commit index must never lag the
 *       entries written beside it.)</li>
 *   <li><b>Send</b> {@code messages}, only after step 1 is durable: they promise votes and acknowledge entries
 *       that a crash must not take back. Messages may be lost, duplicated or reordered; the core copes.</li>
 *   <li><b>Apply</b> {@code snapshot} (if not empty) and then {@code committedEntries}, in order, to the state
 *       machine; also only after step 1. Conf-change entries need nothing from the driver: the core applies them
 *       itself in {@code advance}.</li>
 *   <li>Serve {@code readStates}: a read for a context may proceed once this node has applied its index.</li>
 * </ol>
 *
 * <p>Group commit: a driver may call {@code advance} as soon as the batch is written, before it is synced, and
 * go on to the next Ready, provided it holds back the messages and the applying of every such Ready until a sync
 * covers its batch. Nothing leaves the node before it is durable, so a crash loses the unsynced batches (all or a
 * later part of them) together with everything they would have caused. The simulator drives the core this way.
 *
 * <p>{@code softState} is always present; {@code hardState} is {@link HardState#EMPTY} when unchanged and
 * {@code snapshot} is {@link Snapshot#EMPTY} when there is none.
 */
public record Ready(
        SoftState softState,
        HardState hardState,
        List<Entry> entries,
        Snapshot snapshot,
        List<Entry> committedEntries,
        List<Message> messages,
        List<ReadState> readStates,
        boolean mustSync) {

    public Ready {
        Objects.requireNonNull(softState, "softState");
        Objects.requireNonNull(hardState, "hardState");
        Objects.requireNonNull(snapshot, "snapshot");
        entries = List.copyOf(entries);
        committedEntries = List.copyOf(committedEntries);
        messages = List.copyOf(messages);
        readStates = List.copyOf(readStates);
    }

    public boolean hasHardState() {
        return !hardState.isEmpty();
    }

    public boolean hasSnapshot() {
        return !snapshot.isEmpty();
    }

    /** Whether anything must be written before the messages may be sent. */
    public boolean hasStorageWrites() {
        return hasHardState() || hasSnapshot() || !entries.isEmpty();
    }
}

package dev.mnemo.replication.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.SnapshotMetadata;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    private static final SnapshotMetadata REMOVED = new SnapshotMetadata(9, 2,
            ConfState.of(List.of(1L, 2L), List.of(7L), List.of(3L, 4L)));

    private static LogRecord roundTrip(LogRecord record) {
        ByteBuffer out = ByteBuffer.allocate((int) RecordCodec.sizeBytes(record));
        RecordCodec.encode(record, out);
        assertThat(out.hasRemaining()).as("sizeBytes is exact").isFalse();
        return RecordCodec.decode(out.flip());
    }

    @Test
    void everyRecordWithSnapshotMetadataKeepsItsRemovedIds() {
        List<LogRecord> records = List.of(new LogRecord.Batch(new HardState(2, 1, 9), REMOVED, List.of()),
                new LogRecord.SnapshotTaken(REMOVED),
                new LogRecord.Checkpoint(new HardState(2, 1, 9), REMOVED, 9, 2, List.of()));
        for (LogRecord record : records) {
            assertThat(roundTrip(record)).isEqualTo(record);
        }
    }

    @Test
    void metadataWrittenBeforeRemovedIdsWereKeptLoadsWithNone() {
        ByteBuffer old = ByteBuffer.allocate(1 + 16 + 4 + 16 + 4 + 8);
        old.put(RecordCodec.SNAPSHOT_TAKEN).putLong(9).putLong(2).putInt(2).putLong(1).putLong(2).putInt(1).putLong(7);
        LogRecord decoded = RecordCodec.decode(old.flip());
        assertThat(decoded).isEqualTo(new LogRecord.SnapshotTaken(new SnapshotMetadata(9, 2,
                ConfState.of(List.of(1L, 2L), List.of(7L)))));

        SnapshotMetadata none = new SnapshotMetadata(9, 2, ConfState.ofVoters(1L, 2L));
        ByteBuffer out = ByteBuffer.allocate((int) RecordCodec.sizeBytes(new LogRecord.SnapshotTaken(none)));
        RecordCodec.encode(new LogRecord.SnapshotTaken(none), out);
        assertThat(out.get(0)).as("no removed ids: the earlier layout").isEqualTo(RecordCodec.SNAPSHOT_TAKEN);
    }
}

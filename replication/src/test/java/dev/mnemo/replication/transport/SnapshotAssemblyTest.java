package dev.mnemo.replication.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot read from the sender's file chunk by chunk ({@link SnapshotTransfer}) and written to the receiver's
 * file chunk by chunk ({@link SnapshotAssembly}), without the network in between: sizes far beyond what the heap
 * should hold pass with one chunk at a time, and a damaged, short or aborted transfer leaves nothing behind.
 */
class SnapshotAssemblyTest {
    private static final int CHUNK_BYTES = 1 << 20;

    @TempDir
    Path senderDir;
    @TempDir
    Path receiverDir;

    private SnapshotAssembly assembly(long snapshotBytesMax) {
        return new SnapshotAssembly(snapshotBytesMax,
                index -> SnapshotOutput.create(receiverDir.resolve("snap-" + index)));
    }

    /** A SNAPSHOT message whose {@code sizeBytes} pseudo-random bytes are streamed into a sender's file. */
    private Message snapshotOf(long index, long sizeBytes) throws IOException {
        Random random = new Random(index);
        byte[] block = new byte[1 << 16];
        try (SnapshotOutput out = SnapshotOutput.create(senderDir.resolve("snap-" + index))) {
            for (long written = 0; written < sizeBytes; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, sizeBytes - written));
            }
            return new Message(MessageType.SNAPSHOT, 1, 2, 3, 0, 0, List.of(), 0, new Snapshot(
                    new SnapshotMetadata(index, 3, ConfState.ofVoters(1L, 2L)), out.finish().encode()), false, 0,
                    new byte[0]);
        }
    }

    private List<Path> receiverFiles() throws IOException {
        try (Stream<Path> files = Files.list(receiverDir)) {
            return files.toList();
        }
    }

    @Test
    void a64MegabyteSnapshotPassesOneChunkAtATimeAndArrivesInTheReceiversFile() throws Exception {
        long size = 64L << 20;
        Message sent = snapshotOf(64, size);
        SnapshotTransfer transfer = new SnapshotTransfer(sent, CHUNK_BYTES);
        SnapshotAssembly assembly = assembly(size);

        SnapshotAssembly.Outcome outcome = null;
        int frames = 0;
        long onDisk = 0;
        while (!transfer.allSent()) {
            PeerFrame frame = transfer.nextChunk();
            frames++;
            assertThat(frame.getRaft().getChunk().getData().size()).isLessThanOrEqualTo(CHUNK_BYTES);
            outcome = assembly.accept(frame.getRaft());
            if (!transfer.allSent()) {
                long fileBytes = Files.size(receiverDir.resolve("snap-64"));
                assertThat(fileBytes).as("the receiver writes each chunk through to its file")
                        .isGreaterThan(onDisk).isGreaterThanOrEqualTo((long) frames * CHUNK_BYTES
                                - SnapshotOutput.BUFFER_BYTES);
                onDisk = fileBytes;
            }
        }

        assertThat(frames).isEqualTo(64);
        assertThat(assembly.bufferedBytesPeak()).as("bytes held on the heap between chunks")
                .isLessThanOrEqualTo(SnapshotOutput.BUFFER_BYTES).isLessThan(CHUNK_BYTES);
        assertThat(outcome).isInstanceOf(SnapshotAssembly.Outcome.Complete.class);
        Message arrived = ((SnapshotAssembly.Outcome.Complete) outcome).message();
        SnapshotRef received = SnapshotRef.decode(arrived.snapshot().data());
        assertThat(received.file()).isEqualTo(receiverDir.resolve("snap-64"));
        assertThat(received.sizeBytes()).isEqualTo(size);
        assertThat(Files.size(received.file())).isEqualTo(size);
        assertThat(received.crc32c()).isEqualTo(SnapshotRef.decode(sent.snapshot().data()).crc32c())
                .isEqualTo(crcOf(received.file()));
        assertThat(arrived.snapshot().metadata()).isEqualTo(sent.snapshot().metadata());
    }

    @Test
    void aDamagedChunkFailsTheChecksumAndLeavesNoFile() throws Exception {
        List<RaftMessage> frames = framesOf(snapshotOf(7, 5 * CHUNK_BYTES / 2));
        RaftMessage second = frames.get(1);
        byte[] damaged = second.getChunk().getData().toByteArray();
        damaged[1234] ^= 1;
        frames.set(1, second.toBuilder().setChunk(second.getChunk().toBuilder()
                .setData(ByteString.copyFrom(damaged))).build());
        SnapshotAssembly assembly = assembly(1L << 40);

        assertThat(assembly.accept(frames.get(0))).isInstanceOf(SnapshotAssembly.Outcome.Partial.class);
        assertThat(assembly.accept(frames.get(1))).isInstanceOf(SnapshotAssembly.Outcome.Partial.class);
        assertThatThrownBy(() -> assembly.accept(frames.get(2))).isInstanceOf(MalformedFrameException.class);
        assertThat(receiverFiles()).isEmpty();
    }

    @Test
    void aShortOrOverlongTransferIsRefusedAndLeavesNoFile() throws Exception {
        List<RaftMessage> frames = framesOf(snapshotOf(8, 3 * CHUNK_BYTES));
        SnapshotAssembly assembly = assembly(1L << 40);
        assembly.accept(frames.get(0));
        RaftMessage endsEarly = frames.get(1).toBuilder().setChunk(frames.get(1).getChunk().toBuilder().setLast(true))
                .build();

        assertThatThrownBy(() -> assembly.accept(endsEarly)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("ends at");
        assertThat(receiverFiles()).isEmpty();

        assembly.accept(frames.get(0));
        assembly.accept(frames.get(1));
        RaftMessage skips = frames.get(2).toBuilder().setChunk(frames.get(2).getChunk().toBuilder()
                .setOffset(frames.get(2).getChunk().getOffset() + 1)).build();
        assertThatThrownBy(() -> assembly.accept(skips)).isInstanceOf(MalformedFrameException.class);
        assertThat(receiverFiles()).isEmpty();
    }

    @Test
    void aSnapshotAbovetheLimitIsRefusedBeforeAnyFileExists() throws Exception {
        List<RaftMessage> frames = framesOf(snapshotOf(9, CHUNK_BYTES + 1));

        assertThatThrownBy(() -> assembly(CHUNK_BYTES).accept(frames.get(0)))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("snapshotBytesMax");
        assertThat(receiverFiles()).isEmpty();
        assertThat(assembly(CHUNK_BYTES + 1).accept(frames.get(0)))
                .as("at the limit").isInstanceOf(SnapshotAssembly.Outcome.Partial.class);
    }

    @Test
    void anAbortedOrAbandonedTransferLeavesNoFile() throws Exception {
        Message sent = snapshotOf(10, 2 * CHUNK_BYTES);
        SnapshotTransfer transfer = new SnapshotTransfer(sent, CHUNK_BYTES);
        SnapshotAssembly assembly = assembly(1L << 40);
        assembly.accept(transfer.nextChunk().getRaft());
        Files.delete(SnapshotRef.decode(sent.snapshot().data()).file());
        transfer.close(); // given up midway: the next chunk cannot be read any more

        RaftMessage abort = transfer.nextChunk().getRaft();
        assertThat(abort.getChunk().getAbort()).isTrue();
        assertThat(assembly.accept(abort)).isEqualTo(new SnapshotAssembly.Outcome.Aborted(10));
        assertThat(receiverFiles()).isEmpty();

        List<RaftMessage> frames = framesOf(snapshotOf(11, 2 * CHUNK_BYTES));
        assembly.accept(frames.get(0));
        assertThat(receiverFiles()).hasSize(1);
        assembly.discard(); // the stream ended
        assertThat(receiverFiles()).isEmpty();
    }

    private static List<RaftMessage> framesOf(Message snapshot) {
        SnapshotTransfer transfer = new SnapshotTransfer(snapshot, CHUNK_BYTES);
        List<RaftMessage> frames = new ArrayList<>();
        while (!transfer.allSent()) {
            frames.add(transfer.nextChunk().getRaft());
        }
        return frames;
    }

    private static int crcOf(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return (int) crc.getValue();
    }
}

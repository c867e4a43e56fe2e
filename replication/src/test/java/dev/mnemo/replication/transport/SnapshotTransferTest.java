package dev.mnemo.replication.transport;

import static dev.mnemo.replication.transport.PeerTransportTest.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTransferTest {
    private static final String COOKIE = "monster";
    private final List<TestPeer> peers = new ArrayList<>();
    @TempDir
    Path senderDir;

    @AfterEach
    void closePeers() throws InterruptedException {
        for (TestPeer peer : peers) {
            peer.close();
        }
    }

    private TestPeer peer(String name, TransportOptions options, ServerInterceptor... interceptors) {
        TestPeer peer = new TestPeer(name, COOKIE, options, interceptors);
        peers.add(peer);
        return peer;
    }

    /** A SNAPSHOT message whose data, {@code sizeBytes} random bytes, is in a file of the sender's. */
    private Message snapshotMessage(long index, int sizeBytes) throws IOException {
        byte[] data = new byte[sizeBytes];
        new Random(index).nextBytes(data);
        byte[] ref = new byte[0];
        if (sizeBytes > 0) {
            try (SnapshotOutput out = SnapshotOutput.create(senderDir.resolve("snap-" + index))) {
                out.write(data);
                ref = out.finish().encode();
            }
        }
        return new Message(MessageType.SNAPSHOT, 1, 2, 3, 0, 0, List.of(), 0,
                new Snapshot(new SnapshotMetadata(index, 3, ConfState.ofVoters(1L, 2L)), ref), false, 0,
                new byte[0]);
    }

    /** The same snapshot: metadata, and the bytes in the receiver's file equal those in the sender's. */
    static void assertSameSnapshot(Message arrived, Message sent) throws IOException {
        assertThat(arrived.snapshot().metadata()).isEqualTo(sent.snapshot().metadata());
        try (InputStream a = SnapshotRef.open(arrived.snapshot().data());
             InputStream s = SnapshotRef.open(sent.snapshot().data())) {
            assertThat(a.readAllBytes()).isEqualTo(s.readAllBytes());
        }
    }

    @Test
    void a20MegabyteSnapshotCrossesInChunksAndArrivesWhole() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        Message snapshot = snapshotMessage(1000, 20 << 20);

        a.transport.send(b.name, append(1, 2, 1));
        a.transport.send(b.name, snapshot);
        for (int i = 2; i <= 50; i++) {
            a.transport.send(b.name, append(1, 2, i));
        }

        List<Message> heartbeatsAndAppends = new ArrayList<>();
        Message arrived = null;
        while (arrived == null || heartbeatsAndAppends.size() < 50) {
            TestPeer.Received r = b.next();
            if (r.message().type() == MessageType.SNAPSHOT) {
                assertThat(arrived).as("one message per snapshot").isNull();
                arrived = r.message();
            } else {
                heartbeatsAndAppends.add(r.message());
            }
        }
        assertSameSnapshot(arrived, snapshot);
        assertThat(b.snapshotFiles()).as("received into the receiver's file")
                .containsExactly(SnapshotRef.decode(arrived.snapshot().data()).file());
        for (int i = 1; i <= 50; i++) {
            assertThat(heartbeatsAndAppends.get(i - 1)).isEqualTo(append(1, 2, i));
        }
        assertThat(a.nextSnapshotStatus()).isEqualTo(new TestPeer.SnapshotStatus(b.name, 1000, true));
        // 20 chunks of 1 MiB, not one 20 MB frame.
        assertThat(b.transport.stats().framesReceived()).isGreaterThanOrEqualTo(2 + 50 + 20);
    }

    @Test
    void anArrivingSnapshotIsWrittenOffTheNetworkThreadWithFewChunksOnTheHeap() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = TestPeer.onNetworkThreads("b", COOKIE, TestPeer.fastOptions()); // one thread: all b's connections
        peers.add(b);
        TestPeer c = peer("c", TestPeer.fastOptions());
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        b.beforeSnapshotOutput = () -> { // a slow disk under the first chunk
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Message snapshot = snapshotMessage(1000, 8 << 20); // eight chunks
        int appends = 3 * Outbox.FRAMES_PER_CHUNK;

        a.transport.send(b.name, snapshot);
        try {
            assertThat(writing.await(10, TimeUnit.SECONDS)).as("b writes the first chunk").isTrue();
            for (int i = 1; i <= appends; i++) {
                a.transport.send(b.name, append(1, 2, i)); // a sends a chunk after every 64 of these
            }
            c.transport.send(b.name, append(3, 2, 7)); // on another connection, served by the same network thread

            // The network thread is free: c's message arrives while the chunk is being written.
            TestPeer.await("c's message", () -> b.received.stream().anyMatch(r -> r.peer().equals(c.name)));
            // a's stream keeps taking frames while the chunk is written, so the next chunk arrives and waits its
            // turn; then the stream stops: no third chunk queues, and a sends at most 64 frames between two chunks.
            TestPeer.await("a second chunk to wait behind the first", () -> b.transport.snapshotTasksPending() == 2);
            Thread.sleep(500);
            assertThat(b.transport.snapshotTasksPending()).as("the chunk being written and those waiting behind it")
                    .isEqualTo(2);
            assertThat(b.received.stream().filter(r -> r.peer().equals(a.name)).count())
                    .isLessThanOrEqualTo(Outbox.FRAMES_PER_CHUNK);
        } finally {
            release.countDown();
        }
        List<Message> fromA = new ArrayList<>();
        Message arrived = null;
        while (arrived == null || fromA.size() < appends) {
            TestPeer.Received r = b.next();
            if (r.message().type() == MessageType.SNAPSHOT) {
                arrived = r.message();
            } else if (r.peer().equals(a.name)) {
                fromA.add(r.message());
            }
        }
        assertSameSnapshot(arrived, snapshot);
        for (int i = 1; i <= appends; i++) {
            assertThat(fromA.get(i - 1)).isEqualTo(append(1, 2, i));
        }
        assertThat(a.nextSnapshotStatus()).isEqualTo(new TestPeer.SnapshotStatus(b.name, 1000, true));
    }

    @Test
    void aStreamEndingWhileItsChunkIsWrittenLeavesTheNetworkThreadFreeAndItsFileIsDeleted() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = TestPeer.onNetworkThreads("b", COOKIE, TestPeer.fastOptions());
        peers.add(b);
        TestPeer c = peer("c", TestPeer.fastOptions());
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        b.beforeSnapshotOutput = () -> { // the snapshot thread holds the assembly while the disk is slow
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        a.transport.send(b.name, snapshotMessage(1000, 3 << 20));
        try {
            assertThat(writing.await(10, TimeUnit.SECONDS)).as("b writes the first chunk").isTrue();
            a.transport.close(); // b's network thread sees the stream end, and must not wait for the disk
            c.transport.send(b.name, append(3, 2, 7));

            TestPeer.Received fromC = b.next();
            assertThat(fromC.peer()).isEqualTo(c.name);
            assertThat(fromC.message()).isEqualTo(append(3, 2, 7));
        } finally {
            release.countDown();
        }
        TestPeer.await("the chunk's write and the discard to be done", () -> b.transport.snapshotTasksPending() == 0);
        assertThat(b.snapshotFiles()).as("the cut-off snapshot's file").isEmpty();
        assertThat(b.received).as("no snapshot handed over").noneMatch(r -> r.message().type() == MessageType.SNAPSHOT);
    }

    @Test
    void aStreamKilledMidSnapshotReportsItNotDelivered() throws Exception {
        AtomicReference<TestPeer> receiver = new AtomicReference<>();
        ServerInterceptor killAfterTenChunks = new ServerInterceptor() {
            private final AtomicInteger frames = new AtomicInteger();

            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                        next.startCall(call, headers)) {
                    @Override
                    public void onMessage(Q message) {
                        super.onMessage(message);
                        if (frames.incrementAndGet() == 12) {
                            new Thread(() -> {
                                try {
                                    receiver.get().stopServer();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }).start();
                        }
                    }
                };
            }
        };
        TestPeer a = peer("a", TestPeer.fastOptions().withFrameLimits(64 * 1024, 1 << 20));
        TestPeer b = peer("b", TestPeer.fastOptions(), killAfterTenChunks);
        receiver.set(b);

        a.transport.send(b.name, snapshotMessage(77, 20 << 20));

        assertThat(a.nextSnapshotStatus()).isEqualTo(new TestPeer.SnapshotStatus(b.name, 77, false));
        assertThat(b.received).isEmpty();
        TestPeer.await("the partial snapshot's file is deleted", () -> b.snapshotFiles().isEmpty());
    }

    @Test
    void aSnapshotLargerThanTheReceiverAcceptsIsNotDelivered() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions().withSnapshotBytesMax(1 << 20));

        a.transport.send(b.name, snapshotMessage(5, 1 << 20));
        assertThat(a.nextSnapshotStatus()).isEqualTo(new TestPeer.SnapshotStatus(b.name, 5, true));
        a.transport.send(b.name, snapshotMessage(6, (1 << 20) + 1));

        assertThat(a.nextSnapshotStatus()).isEqualTo(new TestPeer.SnapshotStatus(b.name, 6, false));
        assertThat(b.next().message().snapshot().index()).isEqualTo(5);
        assertThat(b.received).isEmpty();
        assertThat(b.transport.stats().malformedFrames()).isEqualTo(1);
        assertThat(b.snapshotFiles()).as("only the delivered snapshot's file").hasSize(1);
    }

    @Test
    void aSnapshotForAnUnreachablePeerIsReportedNotDelivered() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        b.stopServer();

        a.transport.send(b.name, snapshotMessage(9, 1000));

        assertThat(a.nextSnapshotStatus()).isEqualTo(new TestPeer.SnapshotStatus(b.name, 9, false));
    }

    @Test
    void anEmptySnapshotIsOneChunk() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        Message empty = snapshotMessage(3, 0);

        a.transport.send(b.name, empty);

        RaftCodecTest.assertSame(b.next().message(), empty);
        assertThat(a.nextSnapshotStatus().delivered()).isTrue();
        assertThat(b.snapshotFiles()).as("no file for no bytes").isEmpty();
    }

    @Test
    void aSnapshotWhoseFileVanishedIsAbortedAndReportedNotDelivered() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        Message gone = snapshotMessage(12, 5000);
        Files.delete(SnapshotRef.decode(gone.snapshot().data()).file()); // superseded and deleted before sending

        a.transport.send(b.name, gone);

        assertThat(a.nextSnapshotStatus()).isEqualTo(new TestPeer.SnapshotStatus(b.name, 12, false));
        assertThat(b.snapshotFiles()).isEmpty();
        Message next = snapshotMessage(13, 5000);
        a.transport.send(b.name, next);
        assertThat(a.nextSnapshotStatus()).as("the stream survives an abort")
                .isEqualTo(new TestPeer.SnapshotStatus(b.name, 13, true));
        assertSameSnapshot(b.next().message(), next);
    }
}

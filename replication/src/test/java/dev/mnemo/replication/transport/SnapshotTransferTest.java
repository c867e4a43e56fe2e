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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotTransferTest {
    private static final String COOKIE = "monster";
    private final List<TestPeer> peers = new ArrayList<>();

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

    private static Message snapshotMessage(long index, int sizeBytes) {
        byte[] data = new byte[sizeBytes];
        new Random(index).nextBytes(data);
        return new Message(MessageType.SNAPSHOT, 1, 2, 3, 0, 0, List.of(), 0,
                new Snapshot(new SnapshotMetadata(index, 3, ConfState.ofVoters(1L, 2L)), data), false, 0,
                new byte[0]);
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
        RaftCodecTest.assertSame(arrived, snapshot);
        for (int i = 1; i <= 50; i++) {
            assertThat(heartbeatsAndAppends.get(i - 1)).isEqualTo(append(1, 2, i));
        }
        assertThat(a.nextSnapshotStatus()).isEqualTo(new TestPeer.SnapshotStatus(b.name, 1000, true));
        // 20 chunks of 1 MiB, not one 20 MB frame.
        assertThat(b.transport.stats().framesReceived()).isGreaterThanOrEqualTo(2 + 50 + 20);
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
    }
}

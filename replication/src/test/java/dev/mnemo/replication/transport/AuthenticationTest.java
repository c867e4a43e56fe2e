package dev.mnemo.replication.transport;

import static dev.mnemo.replication.transport.PeerTransportTest.append;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.mnemo.engine.codec.DataFormat;
import com.google.protobuf.UnknownFieldSet;
import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.ForwardVerdict;
import dev.mnemo.proto.v1.Hello;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.proto.v1.Proof;
import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.proto.v1.SnapshotChunk;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotRef;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Handshake refusals and protocol violations cut off the offending stream only. */
class AuthenticationTest {
    private static final String COOKIE = "monster";
    private static final int FRAME_BYTES_MAX = 256 * 1024;

    private TestPeer server;
    private TestPeer legit;
    private long index;

    @BeforeEach
    void startPeers() throws Exception {
        TransportOptions options = TestPeer.fastOptions().withFrameLimits(64 * 1024, FRAME_BYTES_MAX);
        server = new TestPeer("b", COOKIE, options);
        legit = new TestPeer("a", COOKIE, options);
        assertLegitTrafficFlows();
    }

    @AfterEach
    void closePeers() throws InterruptedException {
        legit.close();
        server.close();
    }

    private void assertLegitTrafficFlows() throws InterruptedException {
        index++;
        legit.transport.send(server.name, append(1, 2, index));
        TestPeer.Received r = server.next();
        assertThat(r.peer()).isEqualTo(legit.name);
        assertThat(r.message()).isEqualTo(append(1, 2, index));
    }

    @Test
    void aWrongCookieIsRefusedAndNothingIsDelivered() throws Exception {
        try (TestPeer impostor = new TestPeer("x", "not the cookie", TestPeer.fastOptions())) {
            impostor.transport.send(server.name, append(9, 2, 1));
            impostor.transport.send(server.name, append(9, 2, 2));

            TestPeer.await("the server counts the failure", () -> server.transport.stats().authFailures() >= 1);
            TestPeer.await("the impostor drops what it queued",
                    () -> impostor.transport.stats().messagesDropped() >= 2);
            assertThat(impostor.transport.connectedPeers()).isEmpty();
            assertThat(server.transport.connectedPeers()).containsExactly(legit.name);
            assertThat(impostor.events).isEmpty();
        }
        assertLegitTrafficFlows();
        assertThat(server.received).isEmpty();
    }

    @Test
    void aFrameBeforeTheHandshakeIsRefusedWithoutDetail() throws Exception {
        try (RawClient raw = new RawClient("x@127.0.0.1:1", server.port())) {
            raw.send(PeerFrame.newBuilder().setRaft(RaftCodec.encode(append(9, 2, 1))).build());

            Status status = raw.awaitEnd();

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(status.getDescription()).isNull();
        }
        assertThat(server.transport.stats().authFailures()).isEqualTo(1);
        assertLegitTrafficFlows();
        assertThat(server.received).isEmpty();
    }

    @Test
    void aWrongProofIsRefused() throws Exception {
        try (RawClient raw = new RawClient("x@127.0.0.1:1", server.port())) {
            raw.hello();
            raw.send(PeerFrame.newBuilder().setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(new byte[32])))
                    .build());
            raw.send(PeerFrame.newBuilder().setRaft(RaftCodec.encode(append(9, 2, 1))).build());

            assertThat(raw.awaitEnd().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(raw.received).isEmpty();
        }
        assertThat(server.transport.stats().authFailures()).isEqualTo(1);
        assertLegitTrafficFlows();
        assertThat(server.received).isEmpty();
    }

    @Test
    void aMalformedNodeNameIsRefused() throws Exception {
        try (RawClient raw = new RawClient("x@127.0.0.1:1", server.port())) {
            raw.send(PeerFrame.newBuilder().setHello(Hello.newBuilder().setNode("no port here")
                    .setNonce(ByteString.copyFrom(new byte[16]))
                    .setProtocolVersion(PeerTransport.PROTOCOL_VERSION).setDataFormat(DataFormat.VERSION)).build());

            assertThat(raw.awaitEnd().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        assertThat(server.transport.stats().authFailures()).isEqualTo(1);
    }

    @Test
    void aPeerWritingAnotherDataFormatIsRefusedWithAClearMessage() throws Exception {
        try (RawClient raw = new RawClient("x@127.0.0.1:1", server.port())) {
            raw.send(PeerFrame.newBuilder().setHello(Hello.newBuilder().setNode("x@127.0.0.1:1")
                    .setNonce(ByteString.copyFrom(new byte[16])).setProtocolVersion(PeerTransport.PROTOCOL_VERSION)
                    .setDataFormat(DataFormat.VERSION + 1)).build());

            Status status = raw.awaitEnd();
            assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(status.getDescription())
                    .contains("writes data format " + (DataFormat.VERSION + 1))
                    .contains("this member writes data format " + DataFormat.VERSION);
            assertThat(raw.received).isEmpty();
        }
        assertLegitTrafficFlows();
        assertThat(server.received).isEmpty();
    }

    @Test
    void anUnknownProtocolVersionIsRefusedWithAClearMessage() throws Exception {
        try (RawClient raw = new RawClient("x@127.0.0.1:1", server.port())) {
            raw.send(PeerFrame.newBuilder().setHello(Hello.newBuilder().setNode("x@127.0.0.1:1")
                    .setNonce(ByteString.copyFrom(new byte[16]))
                    .setProtocolVersion(PeerTransport.PROTOCOL_VERSION + 1)).build());

            Status status = raw.awaitEnd();
            assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(status.getDescription())
                    .contains("peer protocol version " + (PeerTransport.PROTOCOL_VERSION + 1))
                    .contains("speaks version " + PeerTransport.PROTOCOL_VERSION);
        }
    }

    @Test
    void theDialerRefusesAnAcceptorWithAnotherName() throws Exception {
        String wrongName = "c@127.0.0.1:" + server.port();

        legit.transport.send(wrongName, append(1, 3, 1));

        TestPeer.await("the dialer counts the failure", () -> legit.transport.stats().authFailures() >= 1);
        assertThat(legit.transport.connectedPeers()).doesNotContain(wrongName);
        assertLegitTrafficFlows();
        assertThat(server.received).isEmpty();
    }

    @Test
    void aSilentDialerIsCutOffAfterTheRequestTimeout() throws Exception {
        try (TestPeer impatient = new TestPeer("i", COOKIE, TestPeer.fastOptions()
                .withRequestTimeout(java.time.Duration.ofMillis(200)));
                RawClient raw = new RawClient("x@127.0.0.1:1", impatient.port())) {
            raw.send(PeerFrame.newBuilder().setHello(Hello.newBuilder().setNode("x@127.0.0.1:1")
                    .setNonce(ByteString.copyFrom(new byte[16]))
                    .setProtocolVersion(PeerTransport.PROTOCOL_VERSION).setDataFormat(DataFormat.VERSION)).build());

            assertThat(raw.awaitEnd().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(raw.received).hasSize(1);
        }
    }

    static List<Map.Entry<String, PeerFrame>> malformedFrames() {
        RaftMessage heartbeat = RaftCodec.encode(new Message(MessageType.HEARTBEAT, 9, 2, 1, 0, 0, List.of(), 0,
                Snapshot.EMPTY, false, 0, new byte[0]));
        RaftMessage append = RaftCodec.encode(append(9, 2, 1));
        RaftMessage snapshot = RaftCodec.encode(new Message(MessageType.SNAPSHOT, 9, 2, 1, 0, 0, List.of(), 0,
                new Snapshot(new SnapshotMetadata(5, 1, ConfState.ofVoters(2L, 9L)),
                        new SnapshotRef(Path.of("snapshot-of-100-bytes"), 100, 0).encode()), false, 0,
                new byte[0]));
        return List.of(
                Map.entry("a Raft message of unspecified type", raft(heartbeat.toBuilder()
                        .setType(RaftMessage.Type.TYPE_UNSPECIFIED).build())),
                Map.entry("an entry of unknown type", raft(append.toBuilder().setEntries(0, append.getEntries(0)
                        .toBuilder().setTypeValue(42)).build())),
                Map.entry("a snapshot chunk out of order", raft(snapshot.toBuilder().setChunk(SnapshotChunk
                        .newBuilder().setOffset(50).setData(ByteString.copyFrom(new byte[50])).setLast(true))
                        .build())),
                Map.entry("snapshot chunks past the announced size", raft(snapshot.toBuilder().setChunk(
                        SnapshotChunk.newBuilder().setData(ByteString.copyFrom(new byte[101]))).build())),
                Map.entry("a SNAPSHOT_RESPONSE from the dialer", raft(heartbeat.toBuilder()
                        .setType(RaftMessage.Type.SNAPSHOT_RESPONSE).build())),
                Map.entry("an empty frame", PeerFrame.getDefaultInstance()),
                Map.entry("an unknown frame body", PeerFrame.newBuilder().setUnknownFields(UnknownFieldSet
                        .newBuilder().addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                        .build()).build()),
                Map.entry("a frame over frameBytesMax", PeerFrame.newBuilder().setForwardRequest(ForwardRequest
                        .newBuilder().setRequestId(1).addRecords(ByteString.copyFrom(new byte[FRAME_BYTES_MAX])))
                        .build()),
                Map.entry("a forward of more records than one answer can hold", PeerFrame.newBuilder()
                        .setForwardRequest(ForwardRequest.newBuilder().setRequestId(1).addAllRecords(
                                Collections.nCopies(ForwardLimits.recordsMax(FRAME_BYTES_MAX) + 1, ByteString.EMPTY)))
                        .build()));
    }

    private static PeerFrame raft(RaftMessage message) {
        return PeerFrame.newBuilder().setRaft(message).build();
    }

    @Test
    void answersFromAMemberThatWasNotAskedCompleteNoForward() throws Exception {
        CompletableFuture<Runnable> heldAnswer = new CompletableFuture<>();
        legit.forwardHandler = (request, reply) -> heldAnswer.complete(
                () -> reply.accept(TestPeer.appendedAtLength(request)));
        CompletableFuture<ForwardVerdict> forwarded = server.transport.forward(legit.name, new byte[7]);
        Runnable answer = heldAnswer.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);

        try (RawClient raw = new RawClient("x@127.0.0.1:1", server.port())) {
            raw.handshake(Cookie.of(COOKIE));
            // x answers every request id the server could have used, as though the server had forwarded to x.
            for (int id = 0; id <= 100; id++) {
                raw.send(PeerFrame.newBuilder().setForwardResponse(ForwardResponse.newBuilder().setRequestId(id)
                        .addVerdicts(ForwardVerdict.newBuilder().setStatus(ForwardVerdict.Status.APPENDED)
                                .setLogIndex(999).setLogTerm(9))).build());
            }
            TestPeer.await("the server took x's answers", () -> server.transport.counters().forwardAnswersCrossed
                    .sum() == 101);
            assertThat(forwarded).isNotDone();
            assertThat(raw.ended).isNotDone(); // dropped, not malformed: a late answer to an ended stream is as well
        }

        answer.run(); // legit answers, on the stream it dialed to the server
        ForwardVerdict verdict = forwarded.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(verdict.getLogIndex()).isEqualTo(7);
        assertThat(server.transport.counters().forwardAnswersCrossed.sum()).isEqualTo(102);
        assertThat(server.transport.stats().malformedFrames()).isZero();
        assertLegitTrafficFlows();
    }

    @ParameterizedTest
    @MethodSource("malformedFrames")
    void aMalformedFrameAfterTheHandshakeEndsOnlyItsStream(Map.Entry<String, PeerFrame> malformed) throws Exception {
        try (RawClient raw = new RawClient("x@127.0.0.1:1", server.port())) {
            raw.handshake(Cookie.of(COOKIE));
            TestPeer.await("the server sees x up", () -> server.transport.connectedPeers().contains(
                    "x@127.0.0.1:1"));

            raw.send(malformed.getValue());

            assertThat(raw.awaitEnd().getCode()).as(malformed.getKey()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        assertThat(server.transport.stats().malformedFrames()).isEqualTo(1);
        assertThat(server.transport.stats().authFailures()).isZero();
        TestPeer.await("the server sees x down", () -> !server.transport.connectedPeers().contains(
                "x@127.0.0.1:1"));
        assertLegitTrafficFlows();
        assertThat(server.received).isEmpty();
    }
}

package dev.mnemo.replication.transport;

import com.google.protobuf.ByteString;
import dev.mnemo.engine.codec.DataFormat;
import dev.mnemo.proto.v1.Challenge;
import dev.mnemo.proto.v1.Hello;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.proto.v1.PeerGrpc;
import dev.mnemo.proto.v1.Proof;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A hand-driven peer stream that sends whatever a test tells it, well-formed or not. */
final class RawClient implements AutoCloseable {
    private static final byte[] NONCE = "0123456789abcdef0123".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    final BlockingQueue<PeerFrame> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Status> ended = new CompletableFuture<>();
    private final ManagedChannel channel;
    private final StreamObserver<PeerFrame> requests;
    private final String name;

    RawClient(String name, int port) {
        this.name = name;
        this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .build();
        this.requests = PeerGrpc.newStub(channel).stream(new StreamObserver<>() {
            @Override
            public void onNext(PeerFrame frame) {
                received.add(frame);
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
    }

    void send(PeerFrame frame) {
        requests.onNext(frame);
    }

    /** Says Hello and returns the acceptor's Challenge. */
    Challenge hello() throws InterruptedException {
        send(PeerFrame.newBuilder().setHello(Hello.newBuilder().setNode(name).setNonce(ByteString.copyFrom(NONCE))
                .setProtocolVersion(PeerTransport.PROTOCOL_VERSION).setDataFormat(DataFormat.VERSION)).build());
        PeerFrame frame = received.poll(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
        if (frame == null || !frame.hasChallenge()) {
            throw new AssertionError("no Challenge but " + frame);
        }
        return frame.getChallenge();
    }

    /** Runs the whole handshake with {@code cookie} and returns the acceptor's Proof frame. */
    PeerFrame handshake(Cookie cookie) throws InterruptedException {
        Challenge challenge = hello();
        byte[] proof = cookie.proof(Cookie.Role.DIALER, name, challenge.getNode(), NONCE,
                challenge.getNonce().toByteArray());
        send(PeerFrame.newBuilder().setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(proof))).build());
        PeerFrame answer = received.poll(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
        if (answer == null || !answer.hasProof() || !cookie.verify(answer.getProof().getHmac().toByteArray(),
                Cookie.Role.ACCEPTOR, name, challenge.getNode(), NONCE, challenge.getNonce().toByteArray())) {
            throw new AssertionError("the acceptor did not prove the cookie: " + answer);
        }
        return answer;
    }

    /** How the acceptor ended the stream. */
    Status awaitEnd() throws Exception {
        return ended.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}

package dev.mnemo.replication.transport;

import static dev.mnemo.replication.transport.PeerTransportTest.append;
import static dev.mnemo.replication.transport.TestCertificates.CLUSTER;
import static dev.mnemo.replication.transport.TestCertificates.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.proto.v1.ForwardVerdict;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Peers over mutual TLS, with certificates made at run time: members holding the cluster's certificate talk;
 * a plaintext peer or one whose certificate the members do not trust is cut off before any frame, in both
 * directions; and the cookie handshake still runs inside TLS.
 */
class TlsTransportTest {
    private static final String COOKIE = "tls-test-cookie";

    private final List<TestPeer> peers = new ArrayList<>();
    /** The client certificate of every call the members' servers accepted; "plaintext" when there was none. */
    private final List<Object> callerCertificates = new CopyOnWriteArrayList<>();
    private final ServerInterceptor recordCallerCertificate = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            try {
                callerCertificates.add(session == null ? "plaintext" : session.getPeerCertificates()[0]);
            } catch (SSLPeerUnverifiedException e) {
                callerCertificates.add("unverified");
            }
            return next.startCall(call, headers);
        }
    };
    private long index;

    @AfterEach
    void closePeers() throws InterruptedException {
        for (TestPeer peer : peers) {
            peer.close();
        }
    }

    private TestPeer peer(String name, String cookie, TransportOptions options) {
        TestPeer peer = new TestPeer(name, cookie, options, recordCallerCertificate);
        peers.add(peer);
        return peer;
    }

    private static TransportOptions member() {
        return CLUSTER.tls(TestPeer.fastOptions(), CLUSTER);
    }

    /** A message from {@code from} reaches {@code to}, and it is the first thing {@code to} was handed. */
    private void assertMemberTrafficFlows(TestPeer from, TestPeer to) throws InterruptedException {
        index++;
        from.transport.send(to.name, append(1, 2, index));
        TestPeer.Received received = to.next();
        assertThat(received.peer()).isEqualTo(from.name);
        assertThat(received.message()).isEqualTo(append(1, 2, index));
    }

    @Test
    void membersWithTheClusterCertificateExchangeRaftMessagesAndForwardsOverTls() throws Exception {
        TestPeer a = peer("a", COOKIE, member());
        TestPeer b = peer("b", COOKIE, member());

        assertMemberTrafficFlows(a, b);
        assertMemberTrafficFlows(b, a);
        ForwardVerdict answer = a.transport.forward(b.name, new byte[5])
                .get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(answer.getStatus()).isEqualTo(ForwardVerdict.Status.APPENDED);
        assertThat(answer.getLogIndex()).isEqualTo(5);
        assertThat(a.transport.connectedPeers()).containsExactly(b.name);
        assertThat(b.transport.connectedPeers()).containsExactly(a.name);
        // Both servers took one stream each, and each dialer proved itself with the cluster's certificate.
        assertThat(callerCertificates).hasSize(2).containsOnly(CLUSTER.certificate);
    }

    @Test
    void aPlaintextPeerAndATlsMemberCannotReachEachOtherAndNothingIsDelivered() throws Exception {
        assertKeptOut(TestPeer.fastOptions());
    }

    @Test
    void aPeerWithACertificateTheMembersDoNotTrustCannotConnectEitherWay() throws Exception {
        // The stranger knows the cookie and trusts the cluster's certificate: only the members' distrust of its
        // own certificate can keep it out.
        assertKeptOut(STRANGER.tls(TestPeer.fastOptions(), CLUSTER, STRANGER));
    }

    /**
     * Two members, and an outsider with the cookie and {@code outsider}'s transport options: messages either way
     * are given up, neither side sees the other come up or receives anything, and the members still talk.
     */
    private void assertKeptOut(TransportOptions outsider) throws Exception {
        TestPeer a = peer("a", COOKIE, member());
        TestPeer b = peer("b", COOKIE, member());
        TestPeer x = peer("x", COOKIE, outsider);

        x.transport.send(b.name, append(9, 2, 1));
        x.transport.send(b.name, append(9, 2, 2));
        b.transport.send(x.name, append(2, 9, 1));

        TestPeer.await("the outsider gives up what it queued", () -> x.transport.stats().messagesDropped() >= 2);
        TestPeer.await("the member gives up what it queued", () -> b.transport.stats().messagesDropped() >= 1);
        assertThat(x.transport.connectedPeers()).isEmpty();
        assertThat(x.events).isEmpty();
        assertThat(x.received).isEmpty();
        assertThat(b.events).isEmpty();
        assertThat(b.transport.stats().framesReceived()).isZero();
        assertMemberTrafficFlows(a, b);
        assertThat(b.received).isEmpty();
        assertThat(callerCertificates).containsOnly(CLUSTER.certificate);
    }

    @Test
    void aKeyStoreThatCannotBeOpenedIsRefusedWhenTheOptionsAreMade() {
        assertThatThrownBy(() -> TestPeer.fastOptions().withMutualTls(CLUSTER.keyStore, "wrong".toCharArray(),
                CLUSTER.keyStore))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key store");
    }

    @Test
    void theCookieHandshakeStillRunsInsideTls() throws Exception {
        TestPeer a = peer("a", COOKIE, member());
        TestPeer b = peer("b", COOKIE, member());
        TestPeer impostor = peer("x", "not the cookie", member());

        impostor.transport.send(b.name, append(9, 2, 1));
        impostor.transport.send(b.name, append(9, 2, 2));

        TestPeer.await("the member counts the failed handshake", () -> b.transport.stats().authFailures() >= 1);
        TestPeer.await("the impostor gives up what it queued",
                () -> impostor.transport.stats().messagesDropped() >= 2);
        assertThat(impostor.transport.connectedPeers()).isEmpty();
        assertThat(impostor.events).isEmpty();
        assertThat(b.events).isEmpty();
        assertMemberTrafficFlows(a, b);
        assertThat(b.received).isEmpty();
        // TLS let the impostor in (its certificate is the cluster's); the cookie kept it out.
        assertThat(callerCertificates).isNotEmpty().containsOnly(CLUSTER.certificate);
    }
}

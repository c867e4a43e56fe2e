package dev.mnemo.sql.service;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.proto.v1.Authenticate;
import dev.mnemo.proto.v1.ClientGrpc;
import dev.mnemo.proto.v1.ClientHello;
import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.proto.v1.ClientResponse;
import dev.mnemo.proto.v1.CloseCursor;
import dev.mnemo.proto.v1.ExecuteSql;
import dev.mnemo.proto.v1.FetchMore;
import dev.mnemo.proto.v1.SetReadConsistency;
import dev.mnemo.proto.v1.TypedValue;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.remote.ClientAuth;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The member's side of the client protocol, spoken frame by frame: the handshake, and bad input of every kind. */
class ClientServiceProtocolTest {
    private static final byte[] COOKIE = "protocol-cookie".getBytes(StandardCharsets.UTF_8);
    private static final String NODE = "p@127.0.0.1:1";

    private Mnemo mnemo;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        mnemo = Mnemo.open(MnemoConfig.builder().build());
        serve(new ClientServiceLimits(2, 3, 1 << 20, 1, java.time.Duration.ofSeconds(1)));
    }

    private void serve(ClientServiceLimits limits) throws Exception {
        if (server != null) {
            channel.shutdownNow();
            server.shutdownNow();
        }
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(new ClientService(new SqlDatabase(mnemo, 10), COOKIE, NODE, ReadBarrier.NONE, limits))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        mnemo.close();
    }

    /** One stream: what the member sends is queued (a Status when it ends the stream). */
    private final class Session implements StreamObserver<ClientResponse> {
        final BlockingQueue<Object> in = new LinkedBlockingQueue<>();
        final StreamObserver<ClientRequest> out = ClientGrpc.newStub(channel).execute(this);
        long id;

        Object send(ClientRequest.Builder request) throws InterruptedException {
            out.onNext(request.setRequestId(++id).build());
            Object o = in.poll(10, TimeUnit.SECONDS);
            assertThat(o).as("an answer to request " + id).isNotNull();
            return o;
        }

        ClientResponse answer(ClientRequest.Builder request) throws InterruptedException {
            Object o = send(request);
            assertThat(o).isInstanceOf(ClientResponse.class);
            ClientResponse r = (ClientResponse) o;
            assertThat(r.getRequestId()).isEqualTo(id);
            return r;
        }

        @Override
        public void onNext(ClientResponse value) {
            in.add(value);
        }

        @Override
        public void onError(Throwable t) {
            in.add(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            in.add(Status.OK);
        }
    }

    private static ClientRequest.Builder hello(byte[] nonce) {
        return ClientRequest.newBuilder().setHello(ClientHello.newBuilder().setClientName("test")
                .setProtocolVersion(ClientAuth.PROTOCOL_VERSION).setNonce(ByteString.copyFrom(nonce)));
    }

    private Session authenticated() throws InterruptedException {
        Session s = new Session();
        byte[] nonce = ClientAuth.nonce();
        ClientResponse challenge = s.answer(hello(nonce));
        assertThat(challenge.getChallenge().getNode()).isEqualTo(NODE);
        byte[] memberNonce = challenge.getChallenge().getNonce().toByteArray();
        byte[] proof = ClientAuth.proof(COOKIE, ClientAuth.CLIENT_LABEL, NODE, nonce, memberNonce);
        ClientResponse done = s.answer(ClientRequest.newBuilder().setAuthenticate(
                Authenticate.newBuilder().setProof(ByteString.copyFrom(proof))));
        assertThat(done.getAuthenticated().getProof().toByteArray())
                .isEqualTo(ClientAuth.proof(COOKIE, ClientAuth.MEMBER_LABEL, NODE, nonce, memberNonce));
        return s;
    }

    private static ClientRequest.Builder sql(String text, TypedValue... params) {
        ExecuteSql.Builder e = ExecuteSql.newBuilder().setSql(text);
        for (TypedValue p : params) {
            e.addParameters(p);
        }
        return ClientRequest.newBuilder().setExecuteSql(e);
    }

    private static Status.Code ended(Object o) {
        assertThat(o).isInstanceOf(Status.class);
        return ((Status) o).getCode();
    }

    @Test
    void anythingBeforeTheHandshakeEndsTheStreamUnauthenticated() throws Exception {
        assertThat(ended(new Session().send(sql("SELECT 1")))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(ended(new Session().send(hello(new byte[8])))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(ended(new Session().send(hello(ClientAuth.nonce()).setHello(ClientHello.newBuilder()
                .setProtocolVersion(99).setNonce(ByteString.copyFrom(ClientAuth.nonce()))))))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void aWrongProofEndsTheStreamUnauthenticated() throws Exception {
        Session s = new Session();
        byte[] nonce = ClientAuth.nonce();
        ClientResponse challenge = s.answer(hello(nonce));
        byte[] proof = ClientAuth.proof("wrong".getBytes(StandardCharsets.UTF_8), ClientAuth.CLIENT_LABEL, NODE,
                nonce, challenge.getChallenge().getNonce().toByteArray());
        assertThat(ended(s.send(ClientRequest.newBuilder().setAuthenticate(
                Authenticate.newBuilder().setProof(ByteString.copyFrom(proof))))))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        // The member's own proof replayed as the client's fails too: the labels differ.
        Session t = new Session();
        challenge = t.answer(hello(nonce));
        byte[] memberProof = ClientAuth.proof(COOKIE, ClientAuth.MEMBER_LABEL, NODE, nonce,
                challenge.getChallenge().getNonce().toByteArray());
        assertThat(ended(t.send(ClientRequest.newBuilder().setAuthenticate(
                Authenticate.newBuilder().setProof(ByteString.copyFrom(memberProof))))))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void badRequestsInASessionGetTypedErrorsAndTheSessionGoesOn() throws Exception {
        Session s = authenticated();
        assertThat(s.answer(sql("CREATE TABLE t (id INTEGER PRIMARY KEY)")).getUpdateCount().getCount()).isZero();
        assertThat(s.answer(sql("INSERT INTO t VALUES (?)", TypedValue.newBuilder().setInt32Value(1).build()))
                .getUpdateCount().getCount()).isEqualTo(1);
        assertThat(s.answer(sql("INSERT INTO t VALUES (?)", TypedValue.getDefaultInstance())).getError()
                .getSqlState()).isEqualTo("22023");
        assertThat(s.answer(sql("INSERT INTO t VALUES (?)", TypedValue.newBuilder().setTimeValue(-1).build()))
                .getError().getSqlState()).isEqualTo("22018");
        ClientResponse syntax = s.answer(sql("SELECT *\nFROM"));
        assertThat(syntax.getError().getSqlState()).isEqualTo("42601");
        assertThat(syntax.getError().getLine()).isEqualTo(2);
        assertThat(syntax.getError().getColumn()).isPositive();
        assertThat(s.answer(ClientRequest.newBuilder().setFetchMore(FetchMore.newBuilder().setCursorId(42)))
                .getError().getSqlState()).isEqualTo("24000");
        assertThat(s.answer(ClientRequest.newBuilder().setCloseCursor(CloseCursor.newBuilder().setCursorId(42)))
                .hasDone()).isTrue();
        assertThat(s.answer(ClientRequest.newBuilder().setSetReadConsistency(SetReadConsistency.newBuilder()))
                .getError().getSqlState()).isEqualTo("22023");
        assertThat(s.answer(sql("{metadata getConnection}")).getError().getSqlState()).isEqualTo("0A000");
        assertThat(s.answer(sql("{metadata getTables}")).getError().getSqlState()).isEqualTo("0A000");
        assertThat(s.answer(sql("{metadata supportsConvert}", TypedValue.newBuilder().setStringValue("x").build(),
                TypedValue.newBuilder().setInt32Value(1).build())).getError().getSqlState()).isEqualTo("22023");
        assertThat(s.answer(sql("SELECT COUNT(*) FROM t")).getResultPage().getRows(0).getValues(0).getInt64Value())
                .isEqualTo(1);
    }

    @Test
    void resultsComeInPagesWithinTheLimitsAndCursorsAreBounded() throws Exception {
        Session s = authenticated();
        s.answer(sql("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
        s.answer(sql("INSERT INTO t VALUES (1), (2), (3), (4), (5), (6), (7)"));
        ClientResponse first = s.answer(sql("SELECT id FROM t ORDER BY id"));
        assertThat(first.getResultPage().getColumnsCount()).isEqualTo(1);
        assertThat(first.getResultPage().getRowsCount()).isEqualTo(2);
        assertThat(first.getResultPage().getLast()).isFalse();
        long cursor = first.getResultPage().getCursorId();
        assertThat(s.answer(sql("SELECT id FROM t")).getError().getSqlState()).isEqualTo("54000");
        ClientResponse second = s.answer(ClientRequest.newBuilder().setFetchMore(FetchMore.newBuilder()
                .setCursorId(cursor).setFetchSize(100)));
        assertThat(second.getResultPage().getRowsCount()).isEqualTo(3);
        assertThat(second.getResultPage().getColumnsCount()).isZero();
        ClientResponse third = s.answer(ClientRequest.newBuilder().setFetchMore(FetchMore.newBuilder()
                .setCursorId(cursor).setFetchSize(100)));
        assertThat(third.getResultPage().getRowsCount()).isEqualTo(2);
        assertThat(third.getResultPage().getLast()).isTrue();
        assertThat(s.answer(ClientRequest.newBuilder().setFetchMore(FetchMore.newBuilder().setCursorId(cursor)))
                .getError().getSqlState()).isEqualTo("24000");
        assertThat(s.answer(sql("SELECT id FROM t")).hasResultPage()).isTrue();
    }

    @Test
    void aPageStopsAtItsByteLimitButAlwaysHoldsARow() throws Exception {
        serve(new ClientServiceLimits(100, 100, 150, 4, java.time.Duration.ofSeconds(1)));
        Session s = authenticated();
        s.answer(sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(200))"));
        s.answer(sql("INSERT INTO t VALUES (1, ?), (2, 'b'), (3, 'c')",
                TypedValue.newBuilder().setStringValue("x".repeat(200)).build()));
        ClientResponse first = s.answer(sql("SELECT id, v FROM t ORDER BY id"));
        // The first row alone passes the limit, and still makes a page; the small ones share the next.
        assertThat(first.getResultPage().getRowsCount()).isEqualTo(1);
        ClientResponse rest = s.answer(ClientRequest.newBuilder().setFetchMore(FetchMore.newBuilder()
                .setCursorId(first.getResultPage().getCursorId())));
        assertThat(rest.getResultPage().getRowsCount()).isEqualTo(2);
        assertThat(rest.getResultPage().getLast()).isTrue();
    }

    @Test
    void aHandshakeFrameInsideASessionEndsItAsInvalid() throws Exception {
        Session s = authenticated();
        assertThat(ended(s.send(hello(ClientAuth.nonce())))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        Session t = authenticated();
        assertThat(ended(t.send(ClientRequest.newBuilder()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
}

package dev.mnemo.sql.remote;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.service.ClientService;
import dev.mnemo.sql.service.ClientServiceLimits;
import dev.mnemo.sql.service.ReadBarrier;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** A gRPC server on 127.0.0.1 (a port chosen at bind time) serving ClientService over a fresh embedded database. */
final class TestMember implements AutoCloseable {
    static final String COOKIE = "test-cookie";

    final Mnemo mnemo;
    final SqlDatabase database;
    private final ClientService service;
    Server server;
    private final int port;
    final String name;
    /** Requests of each kind the member received, counted as they arrive. */
    final AtomicLong fetchMores = new AtomicLong();
    /** A request that stops the member as it arrives, unanswered and unrun (see {@link #stopOn}). */
    private volatile Predicate<ClientRequest> stopOn = r -> false;

    TestMember(String name) throws IOException {
        this(name, ReadBarrier.NONE, ClientServiceLimits.DEFAULTS);
    }

    TestMember(String name, ReadBarrier barrier, ClientServiceLimits limits) throws IOException {
        this.name = name;
        this.mnemo = Mnemo.open(MnemoConfig.builder().build());
        this.database = new SqlDatabase(mnemo, SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT);
        this.service = new ClientService(database, COOKIE.getBytes(StandardCharsets.UTF_8), name, barrier, limits);
        this.server = serve(0);
        this.port = server.getPort();
    }

    private Server serve(int port) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(ServerInterceptors.intercept(service, new Counter()))
                .build().start();
    }

    int port() {
        return port;
    }

    String url() {
        return "jdbc:mnemo://127.0.0.1:" + port() + "/?cookie=" + COOKIE;
    }

    /** Stops serving: open streams break, as when a member dies. */
    void stop() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Stops serving when a request matching {@code request} arrives, before the member runs it: the client's stream
     * breaks with that request unanswered, as when a member dies under it.
     */
    void stopOn(Predicate<ClientRequest> request) {
        stopOn = request;
    }

    /** Serves again on the same port, over the same database, after {@link #stop}: the member is back. */
    void restart() throws IOException {
        server = serve(port);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        mnemo.close();
    }

    private final class Counter implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            ServerCall.Listener<Q> listener = next.startCall(call, headers);
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
                @Override
                public void onMessage(Q message) {
                    if (message instanceof ClientRequest r && r.hasFetchMore()) {
                        fetchMores.incrementAndGet();
                    }
                    if (message instanceof ClientRequest r && stopOn.test(r)) {
                        server.shutdownNow();
                        return;
                    }
                    super.onMessage(message);
                }
            };
        }
    }
}

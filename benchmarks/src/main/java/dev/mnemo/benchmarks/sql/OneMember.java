package dev.mnemo.benchmarks.sql;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.service.ClientService;
import dev.mnemo.sql.service.ReadBarrier;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A one-member Mnemo serving remote JDBC clients: an in-memory database behind the client service, on a gRPC
 * server bound to 127.0.0.1 at a port chosen at bind time, in the benchmark's own JVM. Statements reach it as
 * they reach any member, through {@code jdbc:mnemo://} and the loopback network stack.
 */
final class OneMember implements AutoCloseable {
    private final Mnemo mnemo;
    private final Server server;
    private final String cookie;

    OneMember() throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        cookie = HexFormat.of().formatHex(secret);
        mnemo = Mnemo.inMemory();
        SqlDatabase database = new SqlDatabase(mnemo, SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT);
        ClientService service = new ClientService(database, cookie.getBytes(StandardCharsets.UTF_8), "bench",
                ReadBarrier.NONE);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service)
                .build().start();
    }

    /** The URL a client connects with, cookie included. */
    String url() {
        return "jdbc:mnemo://127.0.0.1:" + server.getPort() + "/?cookie=" + cookie;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
        mnemo.close();
    }
}

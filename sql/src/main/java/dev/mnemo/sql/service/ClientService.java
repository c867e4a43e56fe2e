package dev.mnemo.sql.service;

import dev.mnemo.proto.v1.ClientGrpc;
import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.proto.v1.ClientResponse;
import dev.mnemo.sql.exec.SqlDatabase;
import io.grpc.stub.StreamObserver;

import java.util.Objects;

/**
 * The member's side of the client protocol (client.proto): every stream is one remote JDBC connection,
 * authenticated with the cluster cookie and then served by one embedded SQL session over this member's
 * database. A member that is not the leader serves sessions all the same: its database's commit log forwards
 * writes to the leader. Sessions whose read consistency is linearizable pass the {@link ReadBarrier} before
 * each statement.
 */
public final class ClientService extends ClientGrpc.ClientImplBase {
    private final SqlDatabase database;
    private final byte[] cookie;
    private final String nodeName;
    private final ReadBarrier readBarrier;
    private final ClientServiceLimits limits;

    public ClientService(SqlDatabase database, byte[] cookie, String nodeName, ReadBarrier readBarrier) {
        this(database, cookie, nodeName, readBarrier, ClientServiceLimits.DEFAULTS);
    }

    public ClientService(SqlDatabase database, byte[] cookie, String nodeName, ReadBarrier readBarrier,
                         ClientServiceLimits limits) {
        if (cookie.length == 0) {
            throw new IllegalArgumentException("the cookie must not be empty");
        }
        this.database = Objects.requireNonNull(database, "database");
        this.cookie = cookie.clone();
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.readBarrier = Objects.requireNonNull(readBarrier, "readBarrier");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public StreamObserver<ClientRequest> execute(StreamObserver<ClientResponse> responses) {
        return new ClientSession(database, cookie, nodeName, readBarrier, limits, responses);
    }
}

package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.Authenticate;
import dev.mnemo.proto.v1.ClientGrpc;
import dev.mnemo.proto.v1.ClientHello;
import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.proto.v1.ClientResponse;
import dev.mnemo.proto.v1.CloseCursor;
import dev.mnemo.proto.v1.FetchMore;
import dev.mnemo.proto.v1.ResultPage;
import dev.mnemo.proto.v1.SetReadConsistency;
import dev.mnemo.proto.v1.Validate;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A remote connection's conversation with the cluster: one gRPC stream to one member at a time, requests sent
 * in order and each answered by one response. When no member can be reached at first, or the stream breaks
 * while no transaction is open, the next request reconnects to the next listed member that answers and
 * restores the session's settings. A transaction cannot move between members: if the stream breaks while
 * one is open, the transaction is gone (the member rolled it back) and every request fails with SQLState 08006
 * until the application acknowledges the loss with {@link #rollback}. A request whose answer does not come in
 * time is abandoned, not cancelled: its late answer is dropped (and a cursor it opened closed), so the stream
 * stays usable. All methods hold the session's lock,
 * as the request stream must be written by one thread at a time.
 */
final class RemoteSession {
    /** The largest request sent: the message limit members keep, less room for framing. */
    static final int REQUEST_BYTES_MAX = MessageLimits.SENT_BYTES_MAX;

    private final RemoteConfig config;
    private Link link;
    private int memberIndex;
    /** Counts the streams this session has had: a cursor lives only as long as the stream that opened it. */
    private long generation;
    private String memberName;
    private boolean memberDescribes;
    private long lastRequestId;
    /** Auto-commit as the application set it, which the session restores on another member. */
    private boolean autoCommit = true;
    /** The member's auto-commit is off until its open transaction ends, as BEGIN made it (its last answer says). */
    private boolean autoCommitSuspended;
    private boolean inTransaction;
    /** The member's number for the transaction open there after its last answer (0: none, or it does not tell). */
    private long memberTransaction;
    /** A transaction was open when the stream broke, and the application has not rolled back since. */
    private boolean transactionLost;
    private boolean linearizable;
    private long networkTimeoutMillis;
    private boolean closed;

    /** Thrown inside the session when the stream ends under a request. */
    private static final class StreamBroken extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Status status;

        StreamBroken(Status status) {
            super(status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()),
                    status.getCause());
            this.status = status;
        }
    }

    /** One gRPC stream to one member; responses queue up until the session's thread reads them. */
    private static final class Link implements StreamObserver<ClientResponse> {
        final RemoteConfig.Member member;
        final ManagedChannel channel;
        final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        volatile boolean ended;
        StreamObserver<ClientRequest> requests;

        Link(RemoteConfig.Member member, io.grpc.ChannelCredentials credentials) {
            this.member = member;
            // Members cut result pages to fit this (and fail a row that cannot) rather than break the stream.
            // Responses are only queued (an unbounded queue never blocks), so they are taken on the network
            // thread itself rather than handed to a pool thread first: one thread wake-up fewer per statement.
            this.channel = Grpc.newChannelBuilderForAddress(member.host(), member.port(), credentials)
                    .maxInboundMessageSize(MessageLimits.MESSAGE_BYTES_MAX).directExecutor().build();
        }

        void start() {
            requests = ClientGrpc.newStub(channel).execute(this);
        }

        @Override
        public void onNext(ClientResponse response) {
            inbox.add(response);
        }

        @Override
        public void onError(Throwable t) {
            ended = true;
            inbox.add(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            ended = true;
            inbox.add(Status.UNAVAILABLE.withDescription("member ended the session"));
        }

        void send(ClientRequest request) throws StreamBroken {
            if (ended) {
                throw new StreamBroken(Status.UNAVAILABLE.withDescription("the stream to " + member + " has ended"));
            }
            requests.onNext(request);
        }

        /** The next response, or null if none came before {@code deadlineNanos} (0: wait as long as it takes). */
        ClientResponse next(long deadlineNanos) throws StreamBroken, InterruptedException {
            Object o;
            if (deadlineNanos == 0) {
                o = inbox.take();
            } else {
                o = inbox.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            if (o instanceof Status) {
                inbox.add(o);
                throw new StreamBroken((Status) o);
            }
            return (ClientResponse) o;
        }

        void close() {
            if (!ended) {
                requests.onCompleted();
            }
            channel.shutdown();
        }

        void abort() {
            if (!ended) {
                requests.onError(Status.CANCELLED.withDescription("the client gave up").asRuntimeException());
            }
            channel.shutdownNow();
        }
    }

    private RemoteSession(RemoteConfig config) {
        this.config = config;
        this.linearizable = config.linearizable();
    }

    /** Connects to the first listed member that answers and proves the cookie. */
    static RemoteSession open(RemoteConfig config) throws SQLException {
        RemoteSession s = new RemoteSession(config);
        synchronized (s) {
            s.connect(0);
        }
        return s;
    }

    synchronized String memberName() {
        return memberName;
    }

    /** Whether the member now serving the session answers DescribeSql (older members do not). */
    synchronized boolean memberDescribes() throws SQLException {
        ensureLink();
        return memberDescribes;
    }

    synchronized boolean inTransaction() {
        return inTransaction;
    }

    /**
     * The transaction open on the member now, as a value equal for as long as it stays open and unequal to that of
     * any later one, though a COMMIT or ROLLBACK statement ended it: the stream serving it and the member's number
     * for it. A member that numbers no transactions (an older version) gives 0 for each.
     */
    synchronized OpenTransaction openTransaction() {
        return new OpenTransaction(generation, memberTransaction);
    }

    /** A transaction as {@link #openTransaction} tells it: the stream, and the member's number for it there. */
    record OpenTransaction(long stream, long number) {
    }

    synchronized void setNetworkTimeoutMillis(long millis) {
        networkTimeoutMillis = millis;
    }

    synchronized long networkTimeoutMillis() {
        return networkTimeoutMillis;
    }

    private void connect(int first) throws SQLException {
        SQLException failures = null;
        int n = config.members().size();
        for (int k = 0; k < n; k++) {
            int i = (first + k) % n;
            try {
                link = handshake(config.members().get(i));
                memberIndex = i;
                generation++;
                memberTransaction = 0;
                autoCommitSuspended = false;
                restoreSettings();
                return;
            } catch (SQLInvalidAuthorizationSpecException e) {
                throw e;
            } catch (SQLException e) {
                link = null;
                if (failures == null) {
                    failures = new SQLNonTransientConnectionException("no member of " + config.members()
                            + " could be reached", "08001");
                }
                failures.setNextException(e);
                failures.addSuppressed(e);
            }
        }
        throw failures;
    }

    private Link handshake(RemoteConfig.Member member) throws SQLException {
        Link l = new Link(member, config.credentials());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.connectTimeoutMillis());
        try {
            l.start();
            byte[] clientNonce = ClientAuth.nonce();
            ClientResponse challenge = handshakeStep(l, ClientRequest.newBuilder().setHello(ClientHello.newBuilder()
                    .setClientName(config.clientName()).setProtocolVersion(ClientAuth.PROTOCOL_VERSION)
                    .setNonce(com.google.protobuf.ByteString.copyFrom(clientNonce))), deadline);
            if (!challenge.hasChallenge()) {
                throw new SQLNonTransientConnectionException(member + " answered the hello with "
                        + challenge.getBodyCase() + " instead of a challenge", "08001");
            }
            String node = challenge.getChallenge().getNode();
            byte[] memberNonce = challenge.getChallenge().getNonce().toByteArray();
            if (memberNonce.length < ClientAuth.NONCE_BYTES_MIN) {
                throw new SQLInvalidAuthorizationSpecException(member + " sent a nonce of " + memberNonce.length
                        + " bytes, too short to make its proof fresh", "28000");
            }
            byte[] proof = ClientAuth.proof(config.cookie(), ClientAuth.CLIENT_LABEL, node, clientNonce, memberNonce);
            ClientResponse done = handshakeStep(l, ClientRequest.newBuilder().setAuthenticate(Authenticate.newBuilder()
                    .setProof(com.google.protobuf.ByteString.copyFrom(proof))), deadline);
            byte[] expected = ClientAuth.proof(config.cookie(), ClientAuth.MEMBER_LABEL, node, clientNonce,
                    memberNonce);
            if (!done.hasAuthenticated()
                    || !ClientAuth.matches(expected, done.getAuthenticated().getProof().toByteArray())) {
                throw new SQLInvalidAuthorizationSpecException(member + " (" + node + ") did not prove that it"
                        + " knows the cookie", "28000");
            }
            memberName = node;
            memberDescribes = challenge.getChallenge().getDescribesStatements();
            return l;
        } catch (SQLException | RuntimeException e) {
            l.abort();
            throw e;
        }
    }

    private ClientResponse handshakeStep(Link l, ClientRequest.Builder request, long deadline) throws SQLException {
        long id = ++lastRequestId;
        try {
            l.send(request.setRequestId(id).build());
            ClientResponse r = l.next(deadline);
            if (r == null) {
                throw new SQLNonTransientConnectionException(l.member + " did not answer within "
                        + config.connectTimeoutMillis() + " ms (connectTimeout)", "08001");
            }
            if (r.hasError()) {
                throw RemoteErrors.of(r.getError());
            }
            return r;
        } catch (StreamBroken e) {
            if (e.status.getCode() == Status.Code.UNAUTHENTICATED) {
                throw new SQLInvalidAuthorizationSpecException(l.member + " refused the cookie: "
                        + e.status.getDescription(), "28000", e);
            }
            throw new SQLNonTransientConnectionException(l.member + " cannot be reached: " + e.getMessage(),
                    "08001", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLNonTransientConnectionException("interrupted while connecting to " + l.member, "08001", e);
        }
    }

    private void restoreSettings() throws SQLException {
        if (!autoCommit) {
            call(ClientRequest.newBuilder().setSetAutoCommit(
                    dev.mnemo.proto.v1.SetAutoCommit.newBuilder().setAutoCommit(false)), 0);
        }
        if (linearizable) {
            call(consistencyRequest(), 0);
        }
    }

    private ClientRequest.Builder consistencyRequest() {
        return ClientRequest.newBuilder().setSetReadConsistency(SetReadConsistency.newBuilder()
                .setLevel(linearizable ? SetReadConsistency.Level.LINEARIZABLE : SetReadConsistency.Level.LOCAL));
    }

    /**
     * Sends one request and returns its answer; a SqlError answer is thrown as its SQLException.
     * {@code timeoutMillis} 0 waits as long as the network timeout allows (itself 0: without limit).
     */
    synchronized ClientResponse call(ClientRequest.Builder request, long timeoutMillis) throws SQLException {
        if (closed) {
            throw new SQLNonTransientConnectionException("the connection is closed", "08003");
        }
        ensureLink();
        long id = ++lastRequestId;
        ClientRequest built = request.setRequestId(id).build();
        int bytes = built.getSerializedSize();
        if (bytes > REQUEST_BYTES_MAX) {
            // Sent, it would break the stream (the member refuses messages over 4 MiB) and lose the transaction.
            throw new SQLException("the request (SQL text and parameters) encodes to " + bytes + " bytes, more than"
                    + " the " + REQUEST_BYTES_MAX + " a member accepts; nothing was sent", "54000");
        }
        long wait = timeoutMillis > 0 ? timeoutMillis : networkTimeoutMillis;
        long deadline = wait > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait) : 0;
        Link l = link;
        try {
            l.send(built);
            while (true) {
                ClientResponse r = l.next(deadline);
                if (r == null) {
                    throw new SQLTimeoutException("no answer from " + memberName + " within " + wait + " ms; the"
                            + " request was abandoned, but may still take effect on the member", "HYT00");
                }
                if (r.getRequestId() == id) {
                    memberTransaction = r.getTransaction();
                    autoCommitSuspended = r.getAutoCommitSuspended();
                    if (r.hasError()) {
                        SQLException e = RemoteErrors.of(r.getError());
                        if ("08006".equals(e.getSQLState()) && (autoCommit() && !inTransaction || built.hasCommit())) {
                            // The member has no majority (nothing was committed): with no transaction to keep
                            // here, the next request goes to the next member, which may be on the majority side.
                            abandonLink(true);
                        }
                        throw e;
                    }
                    return r;
                }
                dropAbandoned(l, r);
            }
        } catch (StreamBroken e) {
            throw broken(e, mayHaveCommitted(built));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for " + memberName + "; the request was abandoned",
                    "HY008", e);
        }
    }

    /** An answer to a request the caller gave up on; a cursor it opened is closed without waiting. */
    private void dropAbandoned(Link l, ClientResponse r) throws StreamBroken {
        if (r.hasResultPage() && !r.getResultPage().getLast()) {
            l.send(ClientRequest.newBuilder().setRequestId(++lastRequestId).setCloseCursor(
                    CloseCursor.newBuilder().setCursorId(r.getResultPage().getCursorId())).build());
        }
    }

    private void ensureLink() throws SQLException {
        if (link != null && link.ended) {
            Link dead = link;
            link = null;
            dead.abort();
            transactionLost |= inTransaction;
            autoCommitSuspended &= inTransaction;
            inTransaction = false;
        }
        if (transactionLost) {
            throw new SQLNonTransientConnectionException("the connection to " + memberName + " broke while a"
                    + " transaction was open: the transaction is lost (rolled back); call rollback() to go on",
                    "08006");
        }
        if (link == null) {
            connect(memberIndex + 1);
        }
    }

    /**
     * Whether a request whose answer was lost may have committed something: a commit, by call or statement, a switch
     * to auto-commit (it commits the open transaction), or a statement run with auto-commit on. Anything else ran
     * inside a transaction that the member rolls back when the stream breaks, or writes nothing.
     */
    private boolean mayHaveCommitted(ClientRequest request) {
        return request.hasCommit() || request.hasSetAutoCommit() && request.getSetAutoCommit().getAutoCommit()
                || request.hasExecuteSql() && (autoCommit()
                        || "COMMIT".equalsIgnoreCase(StatementText.firstWord(request.getExecuteSql().getSql())));
    }

    /**
     * The error for a stream that broke while a request ran: SQLState 40003 if the request may have committed
     * (its outcome is unknown, as for a write whose leader was lost), else 08006 (nothing was committed).
     */
    private SQLException broken(StreamBroken e, boolean outcomeUnknown) {
        Link dead = link;
        link = null;
        dead.abort();
        boolean lost = inTransaction && !outcomeUnknown;
        transactionLost |= lost;
        // A lost transaction that BEGIN opened keeps auto-commit off until rollback() acknowledges the loss.
        autoCommitSuspended &= lost;
        inTransaction = false;
        String what = outcomeUnknown ? "while a request that commits was running: it may or may not have taken"
                + " effect" : "while a request was running: nothing it did was committed";
        return new SQLNonTransientConnectionException("the connection to " + memberName + " (" + dead.member
                + ") broke " + what + (lost ? "; the open transaction is lost (rolled back): call rollback() to go"
                + " on" : "; the next request reconnects") + " (" + e.getMessage() + ")",
                outcomeUnknown ? "40003" : "08006", e);
    }

    /** Runs a statement-like request; with auto-commit off it opens (or continues) a transaction. */
    synchronized ClientResponse statement(ClientRequest.Builder request, long timeoutMillis) throws SQLException {
        try {
            return call(request, timeoutMillis);
        } finally {
            if (link != null) {
                // With auto-commit off a statement opens (or continues) a transaction; a COMMIT or ROLLBACK
                // statement that ends one that BEGIN opened turns auto-commit on again.
                inTransaction = !autoCommit();
            }
        }
    }

    /** The stream now serving the session; a result remembers it, since its cursor lives and dies with it. */
    synchronized long generation() {
        return generation;
    }

    /** The next page of a cursor opened on stream {@code cursorGeneration}. */
    synchronized ResultPage fetch(long cursorId, long cursorGeneration, int fetchSize, long timeoutMillis)
            throws SQLException {
        if (cursorGeneration != generation || link == null) {
            throw new SQLNonTransientConnectionException("the rest of this result was lost with the connection"
                    + " to the member that computed it", "08006");
        }
        return call(ClientRequest.newBuilder().setFetchMore(FetchMore.newBuilder().setCursorId(cursorId)
                .setFetchSize(fetchSize)), timeoutMillis).getResultPage();
    }

    /** Asks to release a cursor; its answer is not awaited (it is dropped when it arrives). */
    synchronized void closeCursor(long cursorId, long cursorGeneration) {
        if (cursorGeneration == generation && link != null && !link.ended) {
            try {
                link.send(ClientRequest.newBuilder().setRequestId(++lastRequestId)
                        .setCloseCursor(CloseCursor.newBuilder().setCursorId(cursorId)).build());
            } catch (StreamBroken e) {
                // The stream is gone, and the member closed every cursor of the session with it.
            }
        }
    }

    /** Whether each statement commits on its own now: as set, except inside a transaction that BEGIN opened. */
    synchronized boolean autoCommit() {
        return autoCommit && !autoCommitSuspended;
    }

    /**
     * Turns auto-commit on (committing an open transaction) or off. Inside a transaction that BEGIN opened, off
     * keeps the transaction and auto-commit stays off after it.
     */
    synchronized void setAutoCommit(boolean on) throws SQLException {
        if (on == autoCommit && !autoCommitSuspended) {
            return;
        }
        try {
            call(ClientRequest.newBuilder().setSetAutoCommit(dev.mnemo.proto.v1.SetAutoCommit.newBuilder()
                    .setAutoCommit(on)), 0);
        } catch (SQLTimeoutException e) {
            abandonLink(on);
            throw e;
        }
        autoCommit = on;
        inTransaction &= !on;
    }

    /**
     * After a request that changes the session's settings timed out, the member may apply it later or never:
     * the two sides would disagree (a statement this side runs with auto-commit on could run in a transaction
     * there, and be lost). So the stream is dropped: the member ends the session, rolling back an open
     * transaction, and the next request reconnects with this side's settings. {@code commitsOpenTransaction}: the
     * request would have committed the open transaction, whose outcome is then unknown rather than lost.
     */
    private void abandonLink(boolean commitsOpenTransaction) {
        if (link != null) {
            Link dead = link;
            link = null;
            dead.abort();
        }
        transactionLost |= inTransaction && !commitsOpenTransaction;
        autoCommitSuspended &= inTransaction && !commitsOpenTransaction;
        inTransaction = false;
    }

    /** Commits; if the transaction was lost with a broken stream, fails with 08006 and the loss is reported. */
    synchronized void commit() throws SQLException {
        try {
            call(ClientRequest.newBuilder().setCommit(dev.mnemo.proto.v1.Commit.getDefaultInstance()), 0);
        } finally {
            inTransaction = false;
            transactionLost = false;
            autoCommitSuspended = false;
        }
    }

    /** Rolls back; after a broken stream it only acknowledges the loss, as the member already rolled back. */
    synchronized void rollback() throws SQLException {
        if (transactionLost) {
            transactionLost = false;
            autoCommitSuspended = false;
            return;
        }
        try {
            call(ClientRequest.newBuilder().setRollback(dev.mnemo.proto.v1.Rollback.getDefaultInstance()), 0);
        } finally {
            inTransaction = false;
            autoCommitSuspended = false;
        }
    }

    synchronized boolean linearizable() {
        return linearizable;
    }

    synchronized void setLinearizable(boolean on) throws SQLException {
        boolean was = linearizable;
        linearizable = on;
        try {
            call(consistencyRequest(), 0);
        } catch (SQLException e) {
            linearizable = was;
            if (e instanceof SQLTimeoutException) {
                abandonLink(false);
            }
            throw e;
        }
    }

    /**
     * True if the member confirms within {@code timeoutMillis} (0: as long as the network timeout allows) that it
     * can serve statements: a member that only answers may be cut off from the majority (see {@link Validate}).
     * If it cannot, and no transaction is open, the stream is dropped and the next request goes to the next
     * member, as after a write it refused for want of a majority.
     */
    synchronized boolean validate(long timeoutMillis) {
        if (closed) {
            return false;
        }
        try {
            call(ClientRequest.newBuilder().setValidate(Validate.newBuilder()
                    .setTimeoutMillis((int) Math.min(Integer.MAX_VALUE, timeoutMillis))), timeoutMillis);
            return true;
        } catch (SQLException e) {
            if (!inTransaction) {
                abandonLink(false);
            }
            return false;
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the stream; the member rolls back whatever transaction is open. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            if (link != null) {
                link.close();
                link = null;
            }
        }
    }

    /** Drops the stream at once, without the goodbye. */
    synchronized void abort() {
        if (!closed) {
            closed = true;
            if (link != null) {
                link.abort();
                link = null;
            }
        }
    }
}

package dev.mnemo.replication.transport;

import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.JoinRequest;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * What the transport hands to its node. Called from transport threads (gRPC's and the transport's small pool);
 * implementations must not block long, and may call back into the {@link PeerTransport} from any method.
 */
public interface PeerInbound {
    /**
     * A Raft message from {@code peer}, the authenticated node name of the stream it came on. A SNAPSHOT's data is
     * the {@link dev.mnemo.replication.snapshot.SnapshotRef descriptor} of the file {@link #snapshotOutput} gave,
     * complete and checked: the node owns the file from here on.
     */
    void onRaftMessage(String peer, Message message);

    /**
     * A new file for the data of a snapshot at {@code index} arriving from a peer, which the transport fills chunk
     * by chunk (on its snapshot thread, not a network thread), checks, and hands over in a SNAPSHOT message, or
     * deletes if the transfer fails. The default is a temporary file; a node gives one of its log store's files
     * ({@code LogStore.newSnapshot}), so that storing the snapshot later moves nothing.
     */
    default SnapshotOutput snapshotOutput(long index) throws IOException {
        return SnapshotOutput.createTemp("mnemo-snapshot-" + index + "-");
    }

    /**
     * Commit records forwarded by {@code peer}, answered with one verdict per record in the request's order.
     * {@code reply} may be called once, from any thread, at any later time; the transport stamps the request id on
     * the response, and drops it if the stream has ended.
     */
    void onForward(String peer, ForwardRequest request, Consumer<ForwardResponse> reply);

    /** A request to join the cluster; {@code reply} behaves as for {@link #onForward}. */
    void onJoin(String peer, JoinRequest request, Consumer<JoinResponse> reply);

    /** The first authenticated stream with {@code peer}, in either direction, is up. */
    void onPeerUp(String peer);

    /** The last stream with {@code peer} has ended. */
    void onPeerDown(String peer);

    /**
     * The fate of a snapshot sent with {@link PeerTransport#send}: {@code delivered} when the receiver
     * acknowledged the whole snapshot, false when it was dropped, rejected or its stream broke (pass it on to
     * {@code RawNode.reportSnapshot}).
     */
    void onSnapshotStatus(String peer, long snapshotIndex, boolean delivered);
}

/**
 * The gRPC peer transport: how cluster members reach each other.
 *
 * <p>{@link dev.mnemo.replication.transport.PeerTransport} is the API the node drives; it hands what peers send
 * to a {@link dev.mnemo.replication.transport.PeerInbound}. The wire format is {@code mnemo/v1/peer.proto}: one
 * long-lived bidirectional stream per dialer and peer, opened by a mutual cookie handshake
 * ({@link dev.mnemo.replication.transport.Cookie}), then Raft messages
 * ({@link dev.mnemo.replication.transport.RaftCodec}), forwarded commit records and join requests.
 *
 * <p>Who owns what: {@code PeerLink} is the dialing side of one peer (channel, current stream, backoff);
 * {@code DialedStream} and {@code AcceptedStream} are the two halves of a stream, each running its side of the
 * handshake; {@code Outbox} is a stream's bounded write queue, drained only while gRPC is ready;
 * {@code SnapshotTransfer} and {@code SnapshotAssembly} cut a snapshot into chunks and put it back together.
 * Snapshot chunks share the stream with other traffic, interleaved by the outbox.
 *
 * <p>Security and liveness below the protocol come from
 * {@link dev.mnemo.replication.transport.TransportOptions}: its credentials (mutual TLS through
 * {@code withMutualTls}, under the cookie handshake) and keepalive pings, which notice a peer that vanished without
 * closing its connection. Dialed channels take them directly; the node's server takes them through
 * {@code TransportOptions.serverBuilder}, which also permits the peers' pings.
 */
package dev.mnemo.replication.transport;

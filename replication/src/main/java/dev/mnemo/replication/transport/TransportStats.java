package dev.mnemo.replication.transport;

/**
 * Counters of one {@link PeerTransport} since it was created.
 *
 * @param framesSent      frames written to any stream, handshake frames included
 * @param framesReceived  frames read from any stream
 * @param messagesDropped outbound frames given up: queue full, peer unreachable, too large, or queued when a
 *                        stream ended
 * @param authFailures    handshakes that failed: wrong proof, frames before the handshake, bad node name
 * @param malformedFrames frames that broke the protocol after the handshake (each ended its stream)
 * @param streamsDialed   streams this member dialed, first dials and redials alike: more than one per peer means
 *                        a stream to it broke (or was refused) and was dialed again
 */
public record TransportStats(long framesSent, long framesReceived, long messagesDropped, long authFailures,
        long malformedFrames, long streamsDialed) {
}

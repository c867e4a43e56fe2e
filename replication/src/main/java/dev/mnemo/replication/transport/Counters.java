package dev.mnemo.replication.transport;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportStats}, shared by every stream of one transport. */
final class Counters {
    final LongAdder framesSent = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder messagesDropped = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder malformedFrames = new LongAdder();
    final LongAdder streamsDialed = new LongAdder();
    /** Answers to this member's forwards that arrived on a stream the answerer dialed (not in the stats). */
    final LongAdder forwardAnswersCrossed = new LongAdder();

    TransportStats snapshot() {
        return new TransportStats(framesSent.sum(), framesReceived.sum(), messagesDropped.sum(),
                authFailures.sum(), malformedFrames.sum(), streamsDialed.sum());
    }
}

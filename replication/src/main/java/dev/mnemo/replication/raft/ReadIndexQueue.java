package dev.mnemo.replication.raft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-index requests waiting for a heartbeat round to confirm that this node still leads. Each request remembers
 * the commit index at arrival; once a quorum has answered a heartbeat that carried its context (or a later one),
 * that index is safe to read at. Bounded by {@link RaftConfig#readIndexPendingMax()}.
 */
final class ReadIndexQueue {
    /** One pending request; {@code from} is the node that asked (this node for a local request). */
    record Request(long index, byte[] context, long from, Map<Long, Boolean> acks) {
    }

    private static final byte[] NO_CONTEXT = new byte[0];

    private final int pendingMax;
    private final LinkedHashMap<ByteBuffer, Request> pending = new LinkedHashMap<>();
    private Request newest;

    ReadIndexQueue(int pendingMax) {
        this.pendingMax = pendingMax;
    }

    int size() {
        return pending.size();
    }

    boolean isFull() {
        return pending.size() >= pendingMax;
    }

    /** Queues a request; false if the queue is full or the context is already pending. */
    boolean add(long index, byte[] context, long from) {
        ByteBuffer key = ByteBuffer.wrap(context.clone());
        if (isFull() || pending.containsKey(key)) {
            return false;
        }
        newest = new Request(index, context, from, new TreeMap<>());
        pending.put(key, newest);
        return true;
    }

    /** Records that {@code id} answered a heartbeat carrying {@code context}; returns the acks, or null. */
    Map<Long, Boolean> recvAck(long id, byte[] context) {
        Request request = pending.get(ByteBuffer.wrap(context));
        if (request == null) {
            return null;
        }
        request.acks().put(id, true);
        return request.acks();
    }

    /** Removes and returns every request queued up to and including the one for {@code context}. */
    List<Request> advance(byte[] context) {
        ByteBuffer key = ByteBuffer.wrap(context);
        if (!pending.containsKey(key)) {
            return List.of();
        }
        List<Request> done = new ArrayList<>();
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            it.remove();
            done.add(e.getValue());
            if (e.getKey().equals(key)) {
                break;
            }
        }
        if (pending.isEmpty()) {
            newest = null;
        }
        return done;
    }

    /** The context of the newest pending request (sent with every heartbeat), or an empty array. */
    byte[] lastContext() {
        return newest == null ? NO_CONTEXT : newest.context();
    }

    void clear() {
        pending.clear();
        newest = null;
    }
}

package dev.mnemo.replication.raft;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One message between Raft peers, as a plain value: transports encode it however they like. Fields a type does
 * not use are zero, empty or {@link Snapshot#EMPTY}.
 *
 * <ul>
 *   <li>{@code APPEND}: {@code index}/{@code logTerm} locate the entry preceding {@code entries}; {@code commit}
 *       is the leader's commit index.</li>
 *   <li>{@code APPEND_RESPONSE}: accepted: {@code index} is the follower's last index matching the leader;
 *       rejected: {@code index} is the rejected {@code APPEND}'s index, {@code rejectHint}/{@code logTerm} the
 *       follower's suggestion of the last entry where the logs may agree.</li>
 *   <li>{@code HEARTBEAT}: {@code commit} (never above the follower's match), {@code context} (read index).</li>
 *   <li>{@code PRE_VOTE}/{@code VOTE}: {@code index}/{@code logTerm} are the candidate's last entry;
 *       {@code context} is {@link #TRANSFER_CONTEXT} for a leadership transfer. Responses: {@code reject}, and
 *       {@link #REMOVED_CONTEXT} when the voter applied the candidate's removal.</li>
 *   <li>{@code SNAPSHOT}: {@code snapshot}. {@code READ_INDEX}/{@code READ_INDEX_RESPONSE}: {@code context},
 *       and {@code index} in the response.</li>
 * </ul>
 */
public record Message(
        MessageType type,
        long from,
        long to,
        long term,
        long logTerm,
        long index,
        List<Entry> entries,
        long commit,
        Snapshot snapshot,
        boolean reject,
        long rejectHint,
        byte[] context) {

    /** Marks a vote request that a leadership transfer asked for; voters then ignore their leader lease. */
    public static final byte[] TRANSFER_CONTEXT = {'T', 'R', 'A', 'N', 'S', 'F', 'E', 'R'};

    /** Marks a rejected vote whose voter has applied the committed removal of the candidate from the cluster. */
    public static final byte[] REMOVED_CONTEXT = {'R', 'E', 'M', 'O', 'V', 'E', 'D'};

    private static final byte[] NO_CONTEXT = new byte[0];

    public Message {
        Objects.requireNonNull(type, "type");
        entries = List.copyOf(entries);
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(context, "context");
    }

    static Message append(long from, long to, long term, long prevIndex, long prevTerm, List<Entry> entries,
            long commit) {
        return new Message(MessageType.APPEND, from, to, term, prevTerm, prevIndex, entries, commit,
                Snapshot.EMPTY, false, 0, NO_CONTEXT);
    }

    static Message appendAccepted(long from, long to, long term, long index) {
        return new Message(MessageType.APPEND_RESPONSE, from, to, term, 0, index, List.of(), 0,
                Snapshot.EMPTY, false, 0, NO_CONTEXT);
    }

    static Message appendRejected(long from, long to, long term, long rejectedIndex, long hintIndex,
            long hintTerm) {
        return new Message(MessageType.APPEND_RESPONSE, from, to, term, hintTerm, rejectedIndex, List.of(), 0,
                Snapshot.EMPTY, true, hintIndex, NO_CONTEXT);
    }

    static Message heartbeat(long from, long to, long term, long commit, byte[] context) {
        return new Message(MessageType.HEARTBEAT, from, to, term, 0, 0, List.of(), commit, Snapshot.EMPTY,
                false, 0, context);
    }

    static Message heartbeatResponse(long from, long to, long term, byte[] context) {
        return new Message(MessageType.HEARTBEAT_RESPONSE, from, to, term, 0, 0, List.of(), 0, Snapshot.EMPTY,
                false, 0, context);
    }

    static Message voteRequest(MessageType type, long from, long to, long term, long lastIndex, long lastTerm,
            boolean transfer) {
        return new Message(type, from, to, term, lastTerm, lastIndex, List.of(), 0, Snapshot.EMPTY, false, 0,
                transfer ? TRANSFER_CONTEXT : NO_CONTEXT);
    }

    static Message voteResponse(MessageType type, long from, long to, long term, boolean reject) {
        return new Message(type, from, to, term, 0, 0, List.of(), 0, Snapshot.EMPTY, reject, 0, NO_CONTEXT);
    }

    /** The answer to a (pre-)vote request of type {@code request} from a node removed from the cluster. */
    static Message removedNotice(MessageType request, long from, long to, long term) {
        return new Message(request.voteResponse(), from, to, term, 0, 0, List.of(), 0, Snapshot.EMPTY, true, 0,
                REMOVED_CONTEXT);
    }

    static Message installSnapshot(long from, long to, long term, Snapshot snapshot) {
        return new Message(MessageType.SNAPSHOT, from, to, term, 0, 0, List.of(), 0, snapshot, false, 0,
                NO_CONTEXT);
    }

    static Message timeoutNow(long from, long to, long term) {
        return new Message(MessageType.TIMEOUT_NOW, from, to, term, 0, 0, List.of(), 0, Snapshot.EMPTY, false, 0,
                NO_CONTEXT);
    }

    static Message readIndex(long from, long to, byte[] context) {
        return new Message(MessageType.READ_INDEX, from, to, 0, 0, 0, List.of(), 0, Snapshot.EMPTY, false, 0,
                context);
    }

    static Message readIndexResponse(long from, long to, long term, long index, byte[] context) {
        return new Message(MessageType.READ_INDEX_RESPONSE, from, to, term, 0, index, List.of(), 0,
                Snapshot.EMPTY, false, 0, context);
    }

    /** Whether this vote request comes from a leadership transfer. */
    public boolean isLeaderTransfer() {
        return Arrays.equals(context, TRANSFER_CONTEXT);
    }

    /** Whether this vote response tells its candidate that it was removed from the cluster. */
    public boolean isRemovedNotice() {
        return (type == MessageType.PRE_VOTE_RESPONSE || type == MessageType.VOTE_RESPONSE) && reject
                && Arrays.equals(context, REMOVED_CONTEXT);
    }

    /** The entry bytes this message carries, as charged against {@link RaftConfig#appendBytesMax()}. */
    public long entriesBytes() {
        return Entries.sizeBytes(entries);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.type == type && m.from == from && m.to == to && m.term == term
                && m.logTerm == logTerm && m.index == index && m.entries.equals(entries) && m.commit == commit
                && m.snapshot.equals(snapshot) && m.reject == reject && m.rejectHint == rejectHint
                && Arrays.equals(m.context, context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, from, to, term, index, commit) * 31 + Arrays.hashCode(context);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(type).append(' ').append(from).append("->").append(to)
                .append(" t").append(term);
        switch (type) {
            case APPEND -> s.append(" prev=").append(index).append('@').append(logTerm).append(" n=")
                    .append(entries.size()).append(" commit=").append(commit);
            case APPEND_RESPONSE -> s.append(reject ? " REJECT idx=" + index + " hint=" + rejectHint + "@"
                    + logTerm : " idx=" + index);
            case HEARTBEAT -> s.append(" commit=").append(commit).append(context.length > 0 ? " ctx" : "");
            case PRE_VOTE, VOTE -> s.append(" last=").append(index).append('@').append(logTerm)
                    .append(isLeaderTransfer() ? " transfer" : "");
            case PRE_VOTE_RESPONSE, VOTE_RESPONSE -> s.append(isRemovedNotice() ? " removed" : reject ? " reject"
                    : " grant");
            case SNAPSHOT -> s.append(" snap=").append(snapshot.index()).append('@').append(snapshot.term());
            case READ_INDEX_RESPONSE -> s.append(" idx=").append(index);
            default -> { }
        }
        return s.toString();
    }
}

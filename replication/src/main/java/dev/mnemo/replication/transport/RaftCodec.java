package dev.mnemo.replication.transport;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.mnemo.proto.v1.Member;
import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.EntryType;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts Raft core messages to their wire form and back. {@link #encode} accepts every {@link Message};
 * {@link #decode} accepts exactly what {@code encode} produces for a message without a snapshot and refuses
 * anything else with a {@link MalformedFrameException}, so a peer's frame never reaches the core half-understood.
 *
 * <p>Mapping notes: a vote's {@link Message#TRANSFER_CONTEXT} travels as {@code transfer = true}; a configuration
 * travels as members with ids only (the core knows members by id). A snapshot's data is a {@link SnapshotRef}
 * descriptor of a local file: its size and checksum travel in the metadata, and its bytes only in the chunks a
 * {@link SnapshotTransfer} reads from the file, which a {@link SnapshotAssembly} writes to a file of the receiver's
 * and decodes with {@link #decode(RaftMessage, byte[])}. Longs map to uint64 bit for bit. Entry payloads are
 * wrapped, not copied, on encode.
 */
public final class RaftCodec {
    private RaftCodec() {
    }

    /** The wire form of {@code m}; for a SNAPSHOT, the header every chunk repeats, without any chunk. */
    public static RaftMessage encode(Message m) {
        return header(m).build();
    }

    /** The core message {@code m} stands for; a snapshot cannot arrive this way, only in chunks. */
    public static Message decode(RaftMessage m) throws MalformedFrameException {
        if (m.hasChunk() || m.hasSnapshot()) {
            throw new MalformedFrameException("a snapshot or snapshot chunk outside a snapshot transfer");
        }
        return decode(m, new byte[0]);
    }

    /**
     * Everything of {@code m} but the snapshot data: the part every chunk of a snapshot repeats. It carries the
     * snapshot metadata (with the data's size) when {@code m} is a SNAPSHOT or carries a snapshot.
     */
    static RaftMessage.Builder header(Message m) {
        boolean vote = m.type() == MessageType.VOTE || m.type() == MessageType.PRE_VOTE;
        RaftMessage.Builder b = RaftMessage.newBuilder().setType(type(m.type())).setTerm(m.term())
                .setFrom(m.from()).setTo(m.to()).setLogTerm(m.logTerm()).setIndex(m.index()).setCommit(m.commit())
                .setReject(m.reject()).setRejectHint(m.rejectHint());
        if (vote && m.isLeaderTransfer()) {
            b.setTransfer(true);
        } else {
            b.setContext(ByteString.copyFrom(m.context()));
        }
        for (Entry e : m.entries()) {
            b.addEntries(dev.mnemo.proto.v1.Entry.newBuilder().setTerm(e.term()).setIndex(e.index())
                    .setType(e.type() == EntryType.NORMAL ? dev.mnemo.proto.v1.Entry.Type.NORMAL
                            : dev.mnemo.proto.v1.Entry.Type.CONF_CHANGE)
                    .setData(UnsafeByteOperations.unsafeWrap(e.data())));
        }
        Snapshot s = m.snapshot();
        if (m.type() == MessageType.SNAPSHOT || !isNone(s)) {
            dev.mnemo.proto.v1.ConfState.Builder conf = dev.mnemo.proto.v1.ConfState.newBuilder();
            s.metadata().confState().voters().forEach(id -> conf.addVoters(Member.newBuilder().setId(id)));
            s.metadata().confState().learners().forEach(id -> conf.addLearners(Member.newBuilder().setId(id)));
            conf.addAllRemoved(s.metadata().confState().removed());
            b.setSnapshot(dev.mnemo.proto.v1.SnapshotMetadata.newBuilder().setIndex(s.index()).setTerm(s.term())
                    .setConfState(conf).setSizeBytes(SnapshotRef.sizeOf(s.data()))
                    .setCrc32C(SnapshotRef.crcOf(s.data())));
        }
        return b;
    }

    /**
     * Decodes {@code m} (whose chunk, if any, is ignored) with {@code snapshotData} (empty, or the descriptor of the
     * received snapshot's file, whose size and checksum must match the metadata's) as the snapshot's data.
     */
    static Message decode(RaftMessage m, byte[] snapshotData) throws MalformedFrameException {
        MessageType type = type(m.getType());
        boolean vote = type == MessageType.VOTE || type == MessageType.PRE_VOTE;
        if (m.getTransfer() && (!vote || !m.getContext().isEmpty())) {
            throw new MalformedFrameException("transfer is set on a " + type + " message or beside a context");
        }
        if (type == MessageType.SNAPSHOT && !m.hasSnapshot()) {
            throw new MalformedFrameException("a SNAPSHOT message without snapshot metadata");
        }
        byte[] context = m.getTransfer() ? Message.TRANSFER_CONTEXT : m.getContext().toByteArray();
        try {
            return new Message(type, m.getFrom(), m.getTo(), m.getTerm(), m.getLogTerm(), m.getIndex(),
                    entries(m.getEntriesList()), m.getCommit(), snapshot(m, snapshotData), m.getReject(),
                    m.getRejectHint(), context);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException("invalid " + type + " message: " + e.getMessage());
        }
    }

    private static List<Entry> entries(List<dev.mnemo.proto.v1.Entry> wire) throws MalformedFrameException {
        List<Entry> entries = new ArrayList<>(wire.size());
        for (dev.mnemo.proto.v1.Entry e : wire) {
            EntryType type = switch (e.getType()) {
                case NORMAL -> EntryType.NORMAL;
                case CONF_CHANGE -> EntryType.CONF_CHANGE;
                case TYPE_UNSPECIFIED, UNRECOGNIZED ->
                        throw new MalformedFrameException("entry " + e.getIndex() + " has no known type");
            };
            entries.add(new Entry(e.getTerm(), e.getIndex(), type, e.getData().toByteArray()));
        }
        return entries;
    }

    private static Snapshot snapshot(RaftMessage m, byte[] data) throws MalformedFrameException {
        if (!m.hasSnapshot()) {
            return Snapshot.EMPTY;
        }
        dev.mnemo.proto.v1.SnapshotMetadata meta = m.getSnapshot();
        if (meta.getSizeBytes() != SnapshotRef.sizeOf(data) || meta.getCrc32C() != SnapshotRef.crcOf(data)) {
            throw new MalformedFrameException("snapshot data is " + SnapshotRef.sizeOf(data) + " bytes, its metadata"
                    + " says " + Long.toUnsignedString(meta.getSizeBytes()) + " (or the checksums differ)");
        }
        List<Long> voters = new ArrayList<>();
        List<Long> learners = new ArrayList<>();
        for (Member member : meta.getConfState().getVotersList()) {
            voters.add(member.getId());
        }
        for (Member member : meta.getConfState().getLearnersList()) {
            learners.add(member.getId());
        }
        Snapshot s = new Snapshot(new SnapshotMetadata(meta.getIndex(), meta.getTerm(),
                ConfState.of(voters, learners, meta.getConfState().getRemovedList())), data);
        return isNone(s) ? Snapshot.EMPTY : s;
    }

    /** Whether {@code s} is indistinguishable from {@link Snapshot#EMPTY}, which messages without one carry. */
    private static boolean isNone(Snapshot s) {
        return s == Snapshot.EMPTY || (s.index() == 0 && s.term() == 0 && s.data().length == 0
                && s.metadata().confState().equals(ConfState.EMPTY));
    }

    private static RaftMessage.Type type(MessageType t) {
        return switch (t) {
            case APPEND -> RaftMessage.Type.APPEND;
            case APPEND_RESPONSE -> RaftMessage.Type.APPEND_RESPONSE;
            case HEARTBEAT -> RaftMessage.Type.HEARTBEAT;
            case HEARTBEAT_RESPONSE -> RaftMessage.Type.HEARTBEAT_RESPONSE;
            case PRE_VOTE -> RaftMessage.Type.PRE_VOTE;
            case PRE_VOTE_RESPONSE -> RaftMessage.Type.PRE_VOTE_RESPONSE;
            case VOTE -> RaftMessage.Type.VOTE;
            case VOTE_RESPONSE -> RaftMessage.Type.VOTE_RESPONSE;
            case SNAPSHOT -> RaftMessage.Type.SNAPSHOT;
            case TIMEOUT_NOW -> RaftMessage.Type.TIMEOUT_NOW;
            case READ_INDEX -> RaftMessage.Type.READ_INDEX;
            case READ_INDEX_RESPONSE -> RaftMessage.Type.READ_INDEX_RESPONSE;
        };
    }

    private static MessageType type(RaftMessage.Type t) throws MalformedFrameException {
        return switch (t) {
            case APPEND -> MessageType.APPEND;
            case APPEND_RESPONSE -> MessageType.APPEND_RESPONSE;
            case HEARTBEAT -> MessageType.HEARTBEAT;
            case HEARTBEAT_RESPONSE -> MessageType.HEARTBEAT_RESPONSE;
            case PRE_VOTE -> MessageType.PRE_VOTE;
            case PRE_VOTE_RESPONSE -> MessageType.PRE_VOTE_RESPONSE;
            case VOTE -> MessageType.VOTE;
            case VOTE_RESPONSE -> MessageType.VOTE_RESPONSE;
            case SNAPSHOT -> MessageType.SNAPSHOT;
            case TIMEOUT_NOW -> MessageType.TIMEOUT_NOW;
            case READ_INDEX -> MessageType.READ_INDEX;
            case READ_INDEX_RESPONSE -> MessageType.READ_INDEX_RESPONSE;
            case SNAPSHOT_RESPONSE, TYPE_UNSPECIFIED, UNRECOGNIZED ->
                    throw new MalformedFrameException("not a Raft core message type: " + t);
        };
    }
}

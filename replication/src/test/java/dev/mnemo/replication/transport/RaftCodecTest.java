package dev.mnemo.replication.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.mnemo.proto.v1.Member;
import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.proto.v1.SnapshotChunk;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.EntryType;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RaftCodecTest {

    @Property(tries = 500)
    void decodingAnEncodedMessageGivesItBack(@ForAll("messages") Message message) throws Exception {
        Message decoded = decode(RaftCodec.encode(message), message);

        assertSame(decoded, message);
    }

    @Property(tries = 200)
    void decodingSurvivesTheWireBytes(@ForAll("messages") Message message) throws Exception {
        byte[] wire = RaftCodec.encode(message).toByteArray();

        assertSame(decode(RaftMessage.parseFrom(wire), message), message);
    }

    @Property(tries = 50)
    void everyCoreMessageTypeRoundTrips(@ForAll MessageType type, @ForAll @IntRange(min = 0, max = 1000) int seed)
            throws Exception {
        Message message = randomMessage(new Random(seed), type);

        assertSame(decode(RaftCodec.encode(message), message), message);
    }

    @Example
    void aSnapshotsSizeAndChecksumTravelInItsMetadataAndMustMatchTheReceivedFile() throws Exception {
        byte[] sent = new SnapshotRef(Path.of("/sender/snap"), 123_456_789_012L, 0xCAFE).encode();
        Message snapshot = new Message(MessageType.SNAPSHOT, 1, 2, 3, 0, 0, List.of(), 0,
                new Snapshot(new SnapshotMetadata(20, 3, ConfState.ofVoters(1L, 2L)), sent), false, 0, new byte[0]);

        RaftMessage wire = RaftCodec.encode(snapshot);

        assertThat(wire.hasChunk()).as("the bytes travel in chunks, not in the header").isFalse();
        assertThat(wire.getSnapshot().getSizeBytes()).isEqualTo(123_456_789_012L);
        assertThat(wire.getSnapshot().getCrc32C()).isEqualTo(0xCAFE);
        byte[] received = new SnapshotRef(Path.of("/receiver/snap"), 123_456_789_012L, 0xCAFE).encode();
        assertThat(RaftCodec.decode(wire, received).snapshot().data()).isEqualTo(received);
        assertThatThrownBy(() -> RaftCodec.decode(wire, new SnapshotRef(Path.of("/r"), 123_456_789_011L, 0xCAFE)
                .encode())).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> RaftCodec.decode(wire, new SnapshotRef(Path.of("/r"), 123_456_789_012L, 0xCAFF)
                .encode())).isInstanceOf(MalformedFrameException.class);
    }

    /** Decodes {@code wire}; a snapshot's data is the file descriptor the receiver would have written. */
    private static Message decode(RaftMessage wire, Message sent) throws MalformedFrameException {
        return wire.hasSnapshot() ? RaftCodec.decode(wire, sent.snapshot().data()) : RaftCodec.decode(wire);
    }

    @Example
    void aLeaderTransferVoteTravelsAsTheTransferFlag() throws Exception {
        Message vote = new Message(MessageType.VOTE, 1, 2, 5, 4, 10, List.of(), 0, Snapshot.EMPTY, false, 0,
                Message.TRANSFER_CONTEXT);

        RaftMessage wire = RaftCodec.encode(vote);

        assertThat(wire.getTransfer()).isTrue();
        assertThat(wire.getContext().isEmpty()).isTrue();
        assertThat(RaftCodec.decode(wire).isLeaderTransfer()).isTrue();
    }

    @Example
    void rejectsMalformedRaftMessages() throws Exception {
        RaftMessage heartbeat = RaftCodec.encode(new Message(MessageType.HEARTBEAT, 1, 2, 3, 0, 0, List.of(), 7,
                Snapshot.EMPTY, false, 0, new byte[0]));
        RaftMessage append = RaftCodec.encode(new Message(MessageType.APPEND, 1, 2, 3, 3, 9,
                List.of(Entry.normal(3, 10, new byte[] {1})), 9, Snapshot.EMPTY, false, 0, new byte[0]));
        RaftMessage snapshot = RaftCodec.encode(new Message(MessageType.SNAPSHOT, 1, 2, 3, 0, 0, List.of(), 0,
                new Snapshot(new SnapshotMetadata(20, 3, ConfState.ofVoters(1L, 2L)), new byte[0]), false,
                0, new byte[0]));

        assertMalformed(heartbeat.toBuilder().setType(RaftMessage.Type.TYPE_UNSPECIFIED).build());
        assertMalformed(heartbeat.toBuilder().setTypeValue(99).build());
        assertMalformed(heartbeat.toBuilder().setType(RaftMessage.Type.SNAPSHOT_RESPONSE).build());
        assertMalformed(heartbeat.toBuilder().setTransfer(true).build());
        assertMalformed(append.toBuilder().setEntries(0, append.getEntries(0).toBuilder()
                .setType(dev.mnemo.proto.v1.Entry.Type.TYPE_UNSPECIFIED)).build());
        assertMalformed(append.toBuilder().setEntries(0, append.getEntries(0).toBuilder().setTypeValue(7)).build());
        assertMalformed(append.toBuilder().setEntries(0, append.getEntries(0).toBuilder().setIndex(-1)).build());
        assertMalformed(snapshot.toBuilder().clearSnapshot().build());
        assertMalformed(snapshot);
        assertMalformed(snapshot.toBuilder().setChunk(SnapshotChunk.newBuilder().setLast(true)
                .setData(ByteString.copyFrom(new byte[] {1, 2}))).build());
        RaftMessage voterZero = snapshot.toBuilder().setSnapshot(snapshot.getSnapshot().toBuilder().setConfState(
                snapshot.getSnapshot().getConfState().toBuilder().addVoters(Member.newBuilder().setId(0)))).build();
        assertThatThrownBy(() -> RaftCodec.decode(voterZero, new byte[0])).isInstanceOf(MalformedFrameException.class);
        RaftMessage voterAndLearner = snapshot.toBuilder().setSnapshot(snapshot.getSnapshot().toBuilder()
                .setConfState(snapshot.getSnapshot().getConfState().toBuilder()
                        .addLearners(Member.newBuilder().setId(1)))).build();
        assertThatThrownBy(() -> RaftCodec.decode(voterAndLearner, new byte[0]))
                .isInstanceOf(MalformedFrameException.class);
        assertThat(RaftCodec.decode(snapshot, new byte[0]).snapshot().index()).isEqualTo(20);
        assertMalformed(heartbeat.toBuilder().setChunk(SnapshotChunk.newBuilder().setLast(true)).build());
    }

    private static void assertMalformed(RaftMessage wire) {
        assertThatThrownBy(() -> RaftCodec.decode(wire)).isInstanceOf(MalformedFrameException.class);
    }

    /** Message equality, but comparing snapshot data by content ({@link Snapshot#equals} compares identity). */
    static void assertSame(Message actual, Message expected) {
        assertThat(actual.snapshot().metadata()).isEqualTo(expected.snapshot().metadata());
        assertThat(actual.snapshot().data()).isEqualTo(expected.snapshot().data());
        Message withExpectedSnapshot = new Message(actual.type(), actual.from(), actual.to(), actual.term(),
                actual.logTerm(), actual.index(), actual.entries(), actual.commit(), expected.snapshot(),
                actual.reject(), actual.rejectHint(), actual.context());
        assertThat(withExpectedSnapshot).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Message> messages() {
        return Arbitraries.randoms().map(random ->
                randomMessage(random, MessageType.values()[random.nextInt(MessageType.values().length)]));
    }

    /** Any message the core could build, with every field random (longs span the whole range). */
    static Message randomMessage(Random random, MessageType type) {
        List<Entry> entries = new ArrayList<>();
        int entryCount = random.nextInt(4) == 0 ? 0 : random.nextInt(5);
        for (int i = 0; i < entryCount; i++) {
            entries.add(new Entry(random.nextLong() & Long.MAX_VALUE, random.nextLong() & Long.MAX_VALUE,
                    random.nextBoolean() ? EntryType.NORMAL : EntryType.CONF_CHANGE, bytes(random, 40)));
        }
        boolean vote = type == MessageType.VOTE || type == MessageType.PRE_VOTE;
        byte[] context = vote && random.nextBoolean() ? Message.TRANSFER_CONTEXT : bytes(random, 16);
        Snapshot snapshot = type == MessageType.SNAPSHOT ? snapshot(random) : Snapshot.EMPTY;
        return new Message(type, random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
                random.nextLong(), entries, random.nextLong(), snapshot, random.nextBoolean(), random.nextLong(),
                context);
    }

    private static Snapshot snapshot(Random random) {
        TreeSet<Long> voters = new TreeSet<>();
        TreeSet<Long> learners = new TreeSet<>();
        TreeSet<Long> removed = new TreeSet<>();
        for (int i = random.nextInt(8); i > 0; i--) {
            long id = 1 + random.nextInt(1000);
            int kind = random.nextInt(3);
            (kind == 0 ? voters : kind == 1 ? learners : removed).add(id);
        }
        learners.removeAll(voters);
        removed.removeAll(voters);
        removed.removeAll(learners);
        byte[] data = random.nextInt(4) == 0 ? new byte[0] : new SnapshotRef(Path.of("/snap/" + random.nextInt()),
                random.nextLong() & Long.MAX_VALUE, random.nextInt()).encode();
        return new Snapshot(new SnapshotMetadata(random.nextLong() & Long.MAX_VALUE,
                random.nextLong() & Long.MAX_VALUE, new ConfState(voters, learners, removed)), data);
    }

    private static byte[] bytes(Random random, int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }
}

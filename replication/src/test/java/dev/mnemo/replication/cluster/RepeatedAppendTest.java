package dev.mnemo.replication.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.Ready;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.Submission;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A leader whose commit index moves announces it with an empty append to each follower; when records gathered
 * behind that commit go out in the same turn, their append carries the commit index too, and the driver sends
 * only the second ({@link RaftDriver#repeatedLater}).
 */
class RepeatedAppendTest {

    @Test
    void aCommitAnnouncedWithNewEntriesReachesEachFollowerInOneAppend() {
        SettledCores cores = new SettledCores(ConfState.of(List.of(1L, 2L, 3L), List.of()));
        RawNode leader = cores.node(1);
        long first = accepted(leader.propose(bytes("first")));
        Ready sent = leader.ready();
        cores.persist(1, sent);
        List<Message> answers = new ArrayList<>();
        for (Message append : sent.messages()) {
            answers.addAll(receive(cores, append).messages());
        }
        assertThat(answers).extracting(Message::type).containsOnly(MessageType.APPEND_RESPONSE);

        // The answers commit the first entry, and the records gathered behind it are proposed in the same turn.
        answers.forEach(leader::step);
        long second = accepted(leader.propose(bytes("second")));
        Ready turn = leader.ready();
        cores.persist(1, turn);
        List<Message> messages = turn.messages();
        List<Message> kept = IntStream.range(0, messages.size())
                .filter(i -> !RaftDriver.repeatedLater(messages, i)).mapToObj(messages::get).toList();

        assertThat(messages).filteredOn(m -> m.type() == MessageType.APPEND && m.entries().isEmpty())
                .extracting(Message::to).containsExactlyInAnyOrder(2L, 3L); // the commit, announced at once
        assertThat(kept).hasSize(messages.size() - 2)
                .noneMatch(m -> m.type() == MessageType.APPEND && m.entries().isEmpty());
        for (long follower : List.of(2L, 3L)) {
            List<Message> toIt = kept.stream().filter(m -> m.to() == follower).toList();
            assertThat(toIt).singleElement().satisfies(m -> {
                assertThat(m.commit()).isGreaterThanOrEqualTo(first);
                assertThat(m.entries()).extracting(Entry::index).contains(second);
            });
            // From that one append the follower learns both: the first entry is committed, the second to store.
            Ready got = receive(cores, toIt.get(0));
            assertThat(got.committedEntries()).extracting(Entry::index).contains(first);
            assertThat(cores.stores.get(follower).lastIndex()).isGreaterThanOrEqualTo(second);
            assertThat(got.messages()).singleElement().satisfies(answer -> {
                assertThat(answer.type()).isEqualTo(MessageType.APPEND_RESPONSE);
                assertThat(answer.reject()).isFalse();
                assertThat(answer.index()).isGreaterThanOrEqualTo(second);
            });
        }
    }

    @Test
    void onlyAnEmptyAppendRepeatedExactlyIsLeftOut() {
        Message commit = append(2, 7, 40, 6, List.of(), 38);
        Message entries = append(2, 7, 40, 6, List.of(Entry.normal(7, 41, bytes("x"))), 39);

        assertThat(RaftDriver.repeatedLater(List.of(commit, entries), 0)).isTrue();
        assertThat(RaftDriver.repeatedLater(List.of(commit, append(2, 7, 40, 6, List.of(), 38)), 0)).isTrue();
        // The later append goes elsewhere, is of another term, starts elsewhere, or says less: both go.
        assertThat(RaftDriver.repeatedLater(List.of(commit, append(3, 7, 40, 6, entries.entries(), 39)), 0))
                .isFalse();
        assertThat(RaftDriver.repeatedLater(List.of(commit, append(2, 8, 40, 6, entries.entries(), 39)), 0))
                .isFalse();
        assertThat(RaftDriver.repeatedLater(List.of(commit, append(2, 7, 41, 7, entries.entries(), 39)), 0))
                .isFalse();
        assertThat(RaftDriver.repeatedLater(List.of(commit, append(2, 7, 40, 5, entries.entries(), 39)), 0))
                .isFalse();
        assertThat(RaftDriver.repeatedLater(List.of(commit, append(2, 7, 40, 6, entries.entries(), 37)), 0))
                .isFalse();
        // Only an earlier empty append is ever left out: entries, and the last message, always go.
        assertThat(RaftDriver.repeatedLater(List.of(entries, entries), 0)).isFalse();
        assertThat(RaftDriver.repeatedLater(List.of(entries, commit), 1)).isFalse();
        Message heartbeat = new Message(MessageType.HEARTBEAT, 1, 2, 7, 0, 0, List.of(), 38, Snapshot.EMPTY,
                false, 0, new byte[0]);
        assertThat(RaftDriver.repeatedLater(List.of(heartbeat, entries), 0)).isFalse();
    }

    /** Delivers {@code m} to its member, which persists what it got; returns that member's Ready. */
    private static Ready receive(SettledCores cores, Message m) {
        RawNode node = cores.node(m.to());
        node.step(m);
        Ready rd = node.ready();
        cores.persist(m.to(), rd);
        return rd;
    }

    private static Message append(long to, long term, long prevIndex, long prevTerm, List<Entry> entries,
            long commit) {
        return new Message(MessageType.APPEND, 1, to, term, prevTerm, prevIndex, entries, commit, Snapshot.EMPTY,
                false, 0, new byte[0]);
    }

    private static long accepted(Submission s) {
        return ((Submission.Accepted) s).index();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

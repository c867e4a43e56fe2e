package dev.mnemo.replication.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.Ready;
import dev.mnemo.replication.raft.Role;
import dev.mnemo.replication.raft.Submission;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a leader may send its appends before writing its own log: only while none of the entries it has not
 * written is committed. A lone voter commits an entry as it proposes it, so its appends (which carry that commit
 * index to learners) must wait for the write; with other voters the commit needs their answers, taken later.
 */
class EarlySendTest {

    @Test
    void aLoneVoterWritesBeforeItsAppendsLeave() {
        Map<Long, RawNode> nodes = settle(ConfState.of(List.of(1L), List.of(2L)));
        RawNode leader = nodes.get(1L);
        long index = ((Submission.Accepted) leader.propose(bytes("x"))).index();
        Ready rd = leader.ready();
        assertThat(rd.entries()).extracting(Entry::index).contains(index); // not written yet
        List<Message> appends = rd.messages().stream().filter(m -> m.type() == MessageType.APPEND).toList();
        assertThat(appends).isNotEmpty();
        // Sent now, these would tell the learner to apply an entry the leader may never hold.
        assertThat(appends.get(0).commit()).isGreaterThanOrEqualTo(index);
        assertThat(RaftDriver.appendsMayPrecedeWrite(rd, leader.commitIndex())).isFalse();
    }

    @Test
    void aLeaderWithOtherVotersSendsWhileItWrites() {
        Map<Long, RawNode> nodes = settle(ConfState.of(List.of(1L, 2L, 3L), List.of()));
        RawNode leader = nodes.values().stream().filter(n -> n.status().role() == Role.LEADER).findFirst()
                .orElseThrow();
        long index = ((Submission.Accepted) leader.propose(bytes("x"))).index();
        Ready rd = leader.ready();
        assertThat(rd.entries()).extracting(Entry::index).contains(index);
        assertThat(rd.messages()).extracting(Message::commit).allMatch(commit -> commit < index);
        assertThat(RaftDriver.appendsMayPrecedeWrite(rd, leader.commitIndex())).isTrue();
    }

    private static Map<Long, RawNode> settle(ConfState conf) {
        return new SettledCores(conf).nodes;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

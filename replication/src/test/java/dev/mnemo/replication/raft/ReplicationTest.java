package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReplicationTest {

    /**
     * The follower logs of figure 7 in the Raft paper, shifted by the bootstrap entry: missing entries, extra
     * uncommitted entries, and entries of terms the leader never saw. The new leader repairs them all.
     */
    @Test
    void aNewLeaderRepairsMissingExtraAndConflictingFollowerLogs() {
        ConfState conf = ConfState.ofVoters(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        TreeMap<Long, MemoryStorage> storages = new TreeMap<>();
        storages.put(1L, TestCluster.storageWithLog(conf, 7, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6));
        storages.put(2L, TestCluster.storageWithLog(conf, 7, 1, 1, 1, 4, 4, 5, 5, 6, 6));
        storages.put(3L, TestCluster.storageWithLog(conf, 7, 1, 1, 1, 4));
        storages.put(4L, TestCluster.storageWithLog(conf, 7, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6));
        storages.put(5L, TestCluster.storageWithLog(conf, 7, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7));
        storages.put(6L, TestCluster.storageWithLog(conf, 7, 1, 1, 1, 4, 4, 4, 4));
        storages.put(7L, TestCluster.storageWithLog(conf, 7, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3));
        TestCluster c = TestCluster.ofStorages(storages, b -> { });

        c.elect(1);
        assertThat(c.leader()).isEqualTo(1);
        assertThat(c.status(1).term()).isEqualTo(8);
        List<Long> expected = List.of(1L, 1L, 1L, 4L, 4L, 5L, 5L, 6L, 6L, 6L, 8L);
        for (long id = 1; id <= 7; id++) {
            assertThat(c.logTerms(id)).as("log of node %d", id).isEqualTo(expected);
            assertThat(c.status(id).commit()).isEqualTo(12);
        }
        long rejectionsFrom7 = c.sent(MessageType.APPEND_RESPONSE).stream()
                .filter(m -> m.from() == 7 && m.reject()).count();
        assertThat(rejectionsFrom7).as("term hints skip a whole term per round trip, not one entry")
                .isLessThanOrEqualTo(2);
    }

    /** Figure 8 of the Raft paper: a majority holding an old-term entry does not make it committed. */
    @Test
    void aLeaderCommitsOnlyEntriesOfItsOwnTermByCounting() {
        ConfState conf = ConfState.ofVoters(1L, 2L, 3L);
        MemoryStorage storage = TestCluster.storageWithLog(conf, 3, 2); // index 2 from term 2, uncommitted
        RawNode node = new RawNode(RaftConfig.builder(1).build(), storage, new SplittableRandom(1));
        becomeLeaderByVotesOf(node, 2);
        assertThat(node.status().term()).isEqualTo(4);
        assertThat(node.status().lastIndex()).as("the no-op of term 4").isEqualTo(3);
        drain(node, storage);

        node.step(Message.appendAccepted(2, 1, 4, 2)); // node 2 now holds index 2 (term 2): a majority
        drain(node, storage);
        assertThat(node.status().commit()).as("the term-2 entry is not committed by counting").isEqualTo(1);

        node.step(Message.appendAccepted(2, 1, 4, 3)); // node 2 holds the term-4 no-op too
        drain(node, storage);
        assertThat(node.status().commit()).as("committing the no-op commits what precedes it").isEqualTo(3);
    }

    private static void becomeLeaderByVotesOf(RawNode node, long voter) {
        node.campaign();
        long nextTerm = node.status().term() + 1;
        node.step(Message.voteResponse(MessageType.PRE_VOTE_RESPONSE, voter, node.id(), nextTerm, false));
        node.step(Message.voteResponse(MessageType.VOTE_RESPONSE, voter, node.id(), nextTerm, false));
        assertThat(node.status().role()).isEqualTo(Role.LEADER);
    }

    private static List<Message> drain(RawNode node, MemoryStorage storage) {
        List<Message> out = new java.util.ArrayList<>();
        while (node.hasReady()) {
            Ready rd = node.ready();
            storage.append(rd.entries());
            if (rd.hasHardState()) {
                storage.setHardState(rd.hardState());
            }
            out.addAll(rd.messages());
            node.advance(rd);
        }
        return out;
    }

    @Test
    void followersApplyTheSameEntriesInTheSameOrder() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        for (int i = 0; i < 20; i++) {
            assertThat(c.propose(1, "v" + i)).isInstanceOf(Submission.Accepted.class);
        }
        assertThat(c.member(2).appliedData()).hasSize(20).isEqualTo(c.member(1).appliedData())
                .isEqualTo(c.member(3).appliedData());
    }

    @Test
    void aFollowerRefusesProposalsAndNamesTheLeader() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        assertThat(c.node(2).propose("x".getBytes())).isEqualTo(new Submission.NotLeader(1));
    }

    @Test
    void aLaggingFollowerCatchesUpOnceReachableAgain() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(3);
        for (int i = 0; i < 30; i++) {
            c.propose(1, "v" + i);
        }
        assertThat(c.member(3).appliedData()).isEmpty();
        c.heal();
        c.tickAll(1);
        assertThat(c.member(3).appliedData()).hasSize(30);
    }

    @Test
    void inflightAppendsMaxBoundsThePipelineToAFollowerThatDoesNotAnswer() {
        TestCluster c = TestCluster.ofVoters(3, b -> b.inflightAppendsMax(3));
        c.elect(1);
        c.propose(1, "warm-up"); // follower 2 is now replicating
        c.clearSent();
        c.dropIf(m -> m.type() == MessageType.APPEND_RESPONSE && m.from() == 2);
        for (int i = 0; i < 10; i++) {
            c.propose(1, "v" + i);
        }
        assertThat(c.sent(MessageType.APPEND).stream().filter(m -> m.to() == 2 && !m.entries().isEmpty()))
                .as("appends carrying entries; empty ones only carry the commit index").hasSize(3);
        assertThat(c.sent(MessageType.APPEND).stream().filter(m -> m.to() == 3 && !m.entries().isEmpty()))
                .as("the answering follower is not held back").hasSize(10);
        assertThat(c.member(1).appliedData()).as("warm-up and ten more, committed with node 3").hasSize(11);

        c.heal();
        c.tickAll(1); // the heartbeat answer opens the window again; node 2 catches up
        assertThat(c.member(2).appliedData()).hasSize(11);
    }

    @Test
    void appendBytesMaxBoundsEntriesPerMessageButAlwaysLetsOneThrough() {
        int payload = 100;
        long entryBytes = payload + Entry.OVERHEAD_BYTES;
        assertThat(firstCatchUpAppendSize(2 * entryBytes)).as("at the limit").isEqualTo(2);
        assertThat(firstCatchUpAppendSize(2 * entryBytes - 1)).as("one byte short").isEqualTo(1);
        assertThat(firstCatchUpAppendSize(1)).as("an entry larger than the limit still travels").isEqualTo(1);
    }

    private static int firstCatchUpAppendSize(long appendBytesMax) {
        TestCluster c = TestCluster.ofVoters(3, b -> b.appendBytesMax(appendBytesMax));
        c.elect(1);
        c.isolate(3);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "x".repeat(100));
        }
        c.heal();
        c.clearSent();
        c.tickAll(1);
        return c.sent(MessageType.APPEND).stream().filter(m -> m.to() == 3 && !m.entries().isEmpty())
                .findFirst().orElseThrow().entries().size();
    }

    @Test
    void entryBytesMaxAcceptsAPayloadAtTheLimitAndDropsOneByteMore() {
        TestCluster c = TestCluster.ofVoters(1, b -> b.entryBytesMax(64));
        c.elect(1);
        assertThat(c.node(1).propose(new byte[64])).isInstanceOf(Submission.Accepted.class);
        assertThat(c.node(1).propose(new byte[65]))
                .isEqualTo(new Submission.Dropped(Submission.Reason.ENTRY_TOO_LARGE));
    }

    @Test
    void uncommittedBytesMaxAcceptsUpToTheLimitAndDropsBeyondUntilEntriesCommit() {
        TestCluster c = TestCluster.ofVoters(3, b -> b.entryBytesMax(50).uncommittedBytesMax(100));
        c.elect(1);
        c.isolate(1);
        assertThat(c.node(1).propose(new byte[50])).isInstanceOf(Submission.Accepted.class);
        assertThat(c.node(1).propose(new byte[50])).as("at the limit").isInstanceOf(Submission.Accepted.class);
        assertThat(c.node(1).propose(new byte[1]))
                .isEqualTo(new Submission.Dropped(Submission.Reason.UNCOMMITTED_LIMIT));
        c.heal();
        c.tickAll(1);
        assertThat(c.node(1).propose(new byte[50])).as("applied entries free the budget")
                .isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void duplicatedAndStaleAppendsDoNotTruncateAFollower() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.propose(1, "a");
        Message oldAppend = c.sent(MessageType.APPEND).stream().filter(m -> m.to() == 2 && !m.entries().isEmpty())
                .reduce((x, y) -> y).orElseThrow();
        c.propose(1, "b");
        c.propose(1, "c");
        long last = c.status(2).lastIndex();
        c.node(2).step(oldAppend); // arrives late, twice
        c.node(2).step(oldAppend);
        c.stabilize();
        assertThat(c.status(2).lastIndex()).isEqualTo(last);
        assertThat(c.member(2).appliedData()).containsExactly("a", "b", "c");
    }
}

package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReadIndexTest {

    @Test
    void theLeaderAnswersWithItsCommitIndexOnceAQuorumConfirmsItsLeadership() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.propose(1, "a");
        c.clearSent();
        assertThat(c.node(1).readIndex("r1".getBytes())).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.sent(MessageType.HEARTBEAT)).as("one confirmation round").hasSize(2);
        assertThat(c.member(1).readStates).containsExactly(new ReadState(c.status(1).commit(), "r1".getBytes()));
    }

    @Test
    void aFollowerForwardsToTheLeaderAndGetsTheLeadersCommitIndex() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.propose(1, "a");
        assertThat(c.node(2).readIndex("r2".getBytes())).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.member(2).readStates).containsExactly(new ReadState(c.status(1).commit(), "r2".getBytes()));
        assertThat(c.member(1).readStates).isEmpty();
    }

    @Test
    void anIsolatedLeaderCannotConfirmAReadAndStepsDownInstead() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(1);
        c.node(1).readIndex("r".getBytes());
        c.tick(1, TestCluster.ELECTION_TICKS + 1);
        assertThat(c.member(1).readStates).isEmpty();
        assertThat(c.status(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.node(1).readIndex("r2".getBytes())).isEqualTo(new Submission.NotLeader(0));
    }

    @Test
    void aNewLeaderDefersReadsUntilItHasCommittedAnEntryOfItsTerm() {
        ConfState conf = ConfState.ofVoters(1L, 2L, 3L);
        TreeMap<Long, MemoryStorage> storages = new TreeMap<>();
        storages.put(1L, TestCluster.storageWithLog(conf, 2, 2));
        storages.put(2L, TestCluster.storageWithLog(conf, 2));
        storages.put(3L, TestCluster.storageWithLog(conf, 2));
        TestCluster c = TestCluster.ofStorages(storages, b -> { });
        c.dropIf(m -> m.type() == MessageType.APPEND_RESPONSE);
        c.elect(1);
        assertThat(c.node(1).readIndex("early".getBytes())).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.member(1).readStates).as("commit index 1 may be stale").isEmpty();
        c.heal();
        c.tickAll(1);
        assertThat(c.member(1).readStates).singleElement()
                .satisfies(rs -> assertThat(rs.index()).isEqualTo(3));
    }

    @Test
    void readIndexPendingMaxAcceptsUpToTheLimitAndDropsOneMore() {
        TestCluster c = TestCluster.ofVoters(3, b -> b.readIndexPendingMax(2));
        c.elect(1);
        c.isolate(1);
        assertThat(c.node(1).readIndex("a".getBytes())).isInstanceOf(Submission.Accepted.class);
        assertThat(c.node(1).readIndex("b".getBytes())).as("at the limit").isInstanceOf(Submission.Accepted.class);
        assertThat(c.node(1).readIndex("c".getBytes()))
                .isEqualTo(new Submission.Dropped(Submission.Reason.READ_INDEX_QUEUE_FULL));
    }

    /**
     * A member's contexts may repeat after it restarts (a driver numbering its reads from 1 again). The leader's
     * answer to a read of the previous incarnation, delayed in the network, must not be taken for the answer to
     * the same context asked again: its index predates writes acknowledged before the new read began.
     */
    @Test
    void anAnswerToARequestFromBeforeARestartIsNotTakenForTheSameContextAskedAgain() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.propose(1, "a");
        c.dropIf(m -> m.type() == MessageType.READ_INDEX_RESPONSE);
        assertThat(c.node(2).readIndex("r".getBytes())).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        Message delayed = c.sent(MessageType.READ_INDEX_RESPONSE).get(0);
        c.heal();
        c.propose(1, "b"); // acknowledged before the next read begins
        long acknowledged = c.status(1).commit();
        assertThat(delayed.index()).isLessThan(acknowledged);

        c.restart(2);
        c.tick(1, TestCluster.ELECTION_TICKS); // heartbeats: the restarted member learns who leads
        c.clearSent();
        c.dropIf(m -> m.type() == MessageType.READ_INDEX_RESPONSE);
        assertThat(c.node(2).readIndex("r".getBytes())).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        Message answer = c.sent(MessageType.READ_INDEX_RESPONSE).get(0);
        c.heal();
        c.node(2).step(delayed);
        c.stabilize();
        assertThat(c.member(2).readStates).as("the previous incarnation's answer").isEmpty();
        c.node(2).step(answer);
        c.stabilize();
        assertThat(c.member(2).readStates).containsExactly(new ReadState(acknowledged, "r".getBytes()));
    }

    @Test
    void aSingleVoterAnswersAtOnce() {
        TestCluster c = TestCluster.ofVoters(1);
        c.elect(1);
        c.node(1).readIndex("solo".getBytes());
        c.stabilize();
        assertThat(c.member(1).readStates).containsExactly(new ReadState(2, "solo".getBytes()));
    }
}

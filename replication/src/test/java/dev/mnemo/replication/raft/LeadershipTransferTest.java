package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadershipTransferTest {

    @Test
    void anUpToDateFollowerTakesOverAtTheNextTerm() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        long term = c.status(1).term();
        assertThat(c.node(1).transferLeadership(2)).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.leader()).isEqualTo(2);
        assertThat(c.status(2).term()).isEqualTo(term + 1);
        assertThat(c.status(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.sent(MessageType.PRE_VOTE)).as("a transfer skips pre-vote").hasSize(2);
    }

    @Test
    void aLaggingTransfereeIsCaughtUpBeforeBeingToldToCampaign() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(3);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "v" + i);
        }
        c.heal();
        c.clearSent();
        c.node(1).transferLeadership(3);
        c.stabilize();
        assertThat(c.leader()).isEqualTo(3);
        Message timeoutNow = c.sent(MessageType.TIMEOUT_NOW).get(0);
        int timeoutAt = c.sent().indexOf(timeoutNow);
        assertThat(c.sent().subList(0, timeoutAt)).as("appends to node 3 come first")
                .anySatisfy(m -> {
                    assertThat(m.type()).isEqualTo(MessageType.APPEND);
                    assertThat(m.to()).isEqualTo(3);
                    assertThat(m.entries()).isNotEmpty();
                });
        assertThat(c.member(3).appliedData()).hasSize(5);
    }

    @Test
    void proposalsAreRefusedWhileATransferIsUnderWay() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(2);
        c.node(1).transferLeadership(2);
        assertThat(c.node(1).propose("x".getBytes()))
                .isEqualTo(new Submission.Dropped(Submission.Reason.LEADER_TRANSFER_IN_PROGRESS));
    }

    @Test
    void aTransferThatCannotCompleteLapsesAfterAnElectionTimeout() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(2);
        c.node(1).transferLeadership(2);
        assertThat(c.status(1).leadTransferee()).isEqualTo(2);
        c.tickAll(TestCluster.ELECTION_TICKS);
        assertThat(c.status(1).leadTransferee()).isZero();
        assertThat(c.status(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.node(1).propose("x".getBytes())).isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void onlyAnotherVoterCanBeTheTarget() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        Submission.Dropped invalid = new Submission.Dropped(Submission.Reason.TRANSFER_TARGET_INVALID);
        assertThat(c.node(1).transferLeadership(1)).isEqualTo(invalid);
        assertThat(c.node(1).transferLeadership(7)).isEqualTo(invalid);
        assertThat(c.node(2).transferLeadership(3)).isEqualTo(new Submission.NotLeader(1));
    }
}

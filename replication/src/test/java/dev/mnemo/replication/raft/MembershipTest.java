package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MembershipTest {

    private static TestCluster clusterWithLearner4() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(4))).isInstanceOf(Submission.Accepted.class);
        c.addMember(4, new MemoryStorage());
        c.stabilize();
        c.tickAll(2);
        return c;
    }

    @Test
    void anAddedLearnerReceivesTheWholeLogAndKnowsItIsALearner() {
        TestCluster c = clusterWithLearner4();
        c.propose(1, "hello");
        assertThat(c.member(4).appliedData()).containsExactly("hello");
        assertThat(c.status(4).confState().learners()).containsExactly(4L);
        assertThat(c.status(1).confState().voters()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aLearnerNeitherCountsForQuorumNorCampaigns() {
        TestCluster c = clusterWithLearner4();
        c.isolate(2);
        c.isolate(3);
        long commit = c.status(1).commit();
        c.propose(1, "needs-a-voter");
        assertThat(c.status(4).lastIndex()).as("the learner has the entry").isGreaterThan(commit);
        assertThat(c.status(1).commit()).as("but its copy does not count").isEqualTo(commit);

        c.heal();
        c.stabilize();
        c.isolate(4);
        long term = c.status(4).term();
        c.tick(4, 10 * TestCluster.ELECTION_TICKS);
        assertThat(c.status(4).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.status(4).term()).isEqualTo(term);
    }

    @Test
    void aPromotedLearnerCountsForQuorum() {
        TestCluster c = TestCluster.ofVoters(2);
        c.elect(1);
        c.node(1).proposeConfChange(ConfChange.addLearner(3));
        c.addMember(3, new MemoryStorage());
        c.stabilize();
        c.tickAll(2);
        c.isolate(2);
        long commit = c.status(1).commit();
        c.propose(1, "learner-acks-only");
        assertThat(c.status(1).commit()).isEqualTo(commit);

        c.heal();
        c.stabilize();
        assertThat(c.node(1).proposeConfChange(ConfChange.addVoter(3))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.status(1).confState().voters()).containsExactly(1L, 2L, 3L);
        c.isolate(2);
        c.propose(1, "voter-3-acks");
        assertThat(c.member(1).appliedData()).contains("voter-3-acks");
    }

    @Test
    void theLeaderTellsWhetherTheVotersLeftByARemovalStillHaveAnActiveQuorum() {
        TestCluster c = TestCluster.ofVoters(5);
        c.elect(1);
        c.isolate(4);
        c.isolate(5);
        c.tick(1, TestCluster.ELECTION_TICKS + 1);
        assertThat(c.node(1).quorumActive()).as("1, 2 and 3 of five answer").isTrue();
        assertThat(c.node(1).quorumActiveWithout(4)).as("1, 2 and 3 of 1, 2, 3, 5").isTrue();
        assertThat(c.node(1).quorumActiveWithout(2)).as("1 and 3 of 1, 3, 4, 5").isFalse();
        assertThat(c.node(2).quorumActiveWithout(4)).as("a follower cannot tell").isFalse();
    }

    @Test
    void withoutCheckQuorumALeaderCutOffKnowsItsVotersHaveNoActiveQuorum() {
        TestCluster c = TestCluster.ofVoters(3, b -> b.checkQuorum(false));
        c.elect(1);
        c.isolate(2);
        c.isolate(3);
        c.tick(1, TestCluster.ELECTION_TICKS + 1);
        assertThat(c.status(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.node(1).quorumActive()).isFalse();
        assertThat(c.node(1).quorumActiveWithout(3)).as("1 of 1, 2").isFalse();
    }

    @Test
    void aRemovedLeaderStepsDownAndTheOthersCarryOn() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(1))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.status(1).role()).as("applied its own removal").isEqualTo(Role.FOLLOWER);
        assertThat(c.status(2).confState().voters()).containsExactly(2L, 3L);

        c.tickAll(3 * TestCluster.ELECTION_TICKS);
        long leader = c.leader();
        assertThat(leader).isIn(2L, 3L);
        assertThat(c.status(1).role()).as("a removed node never campaigns").isEqualTo(Role.FOLLOWER);
        c.removeMember(1);
        assertThat(c.propose(leader, "two-voters")).isInstanceOf(Submission.Accepted.class);
        assertThat(c.member(2).appliedData()).containsExactly("two-voters");
    }

    @Test
    void aRemovedVoterThatComesBackWithItsOldLogLearnsItWasRemovedAndStopsCampaigning() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(3); // gone: it never hears of its removal
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(3))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.status(2).confState().voters()).containsExactly(1L, 2L);
        long term = c.status(1).term();
        assertThat(c.node(3).isRemoved()).as("not told yet").isFalse();

        c.heal(); // back, still counting itself a voter of three, it campaigns: a voter answers that it was removed
        c.tickAll(10 * TestCluster.ELECTION_TICKS);
        assertThat(c.status(3).confState().voters()).as("its log never had the removal").contains(3L);
        assertThat(c.node(3).isRemoved()).isTrue();
        assertThat(c.leader()).isEqualTo(1L);
        assertThat(c.status(1).term()).as("the others ignore its vote requests").isEqualTo(term);
        assertThat(c.status(2).term()).isEqualTo(term);
        c.clearSent();
        c.tick(3, 10 * TestCluster.ELECTION_TICKS);
        assertThat(c.sent()).as("it campaigns no more").noneMatch(m -> m.from() == 3L);
        assertThat(c.status(3).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.propose(1, "after")).isInstanceOf(Submission.Accepted.class);
        assertThat(c.member(2).appliedData()).containsExactly("after");
    }

    @Test
    void aVoterWhoseAdditionALaggingVoterMissedIsNeverToldItWasRemoved() {
        TestCluster c = clusterWithLearner4();
        c.isolate(3); // 3 will miss 4's promotion and 2's removal
        assertThat(c.node(1).proposeConfChange(ConfChange.addVoter(4))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(2))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.status(4).confState().voters()).containsExactly(1L, 3L, 4L);
        assertThat(c.status(3).confState().voters()).containsExactly(1L, 2L, 3L);
        c.heal();
        c.isolate(1);
        c.tickAll(10 * TestCluster.ELECTION_TICKS); // 4 campaigns and asks 3, whose configuration lacks it

        assertThat(c.node(4).isRemoved()).isFalse();
        assertThat(c.node(3).isRemoved()).isFalse();
        assertThat(c.leader()).isIn(3L, 4L);
    }

    @Test
    void aMemberThatAppliedItsOwnRemovalKnowsItAndItsIdIsNeverAddedAgain() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(3))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.node(3).isRemoved()).isTrue();
        assertThat(c.node(2).isRemoved()).isFalse();
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(3)))
                .as("a removed id would be taken for removed by whoever applied the removal")
                .isEqualTo(new Submission.Dropped(Submission.Reason.CONF_CHANGE_INVALID));
    }

    @Test
    void aVoterRestartedFromASnapshotPastARemovalStillTellsTheRemovedNodeAndNeverAddsItAgain() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(3); // gone: it never hears of its removal
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(3))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        c.snapshotAndCompact(1);
        c.snapshotAndCompact(2);
        assertThat(c.member(1).storage.firstIndex()).as("the removal is compacted away")
                .isGreaterThan(c.status(1).applied());
        c.restart(1);
        c.restart(2);
        assertThat(c.status(1).confState().removed()).containsExactly(3L);
        c.elect(1);

        c.heal(); // back, still counting itself a voter of three, it campaigns: a restarted voter says it was removed
        c.tickAll(10 * TestCluster.ELECTION_TICKS);
        assertThat(c.node(3).isRemoved()).isTrue();
        assertThat(c.leader()).isEqualTo(1L);
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(3)))
                .isEqualTo(new Submission.Dropped(Submission.Reason.CONF_CHANGE_INVALID));
    }

    @Test
    void aSnapshotInstalledPastARemovalCarriesTheRemovedIds() {
        TestCluster c = TestCluster.ofVoters(4);
        c.elect(1);
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(4))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        c.isolate(2);
        assertThat(c.propose(1, "while 2 is away")).isInstanceOf(Submission.Accepted.class);
        c.snapshotAndCompact(1); // 2 now needs the snapshot, which covers the removal
        c.propose(1, "after the snapshot");
        c.heal();
        c.tickAll(2);
        assertThat(c.member(2).lastSnapshot.index()).as("2 installed the snapshot").isPositive();
        c.snapshotAndCompact(2);
        c.restart(2);
        assertThat(c.node(2).hasRemoved(4)).isTrue();
    }

    @Test
    void aMemberRestartedFromASnapshotPastItsOwnRemovalKnowsItWasRemoved() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(3))).isInstanceOf(Submission.Accepted.class);
        c.stabilize();
        assertThat(c.node(3).isRemoved()).isTrue();
        c.snapshotAndCompact(3);
        c.restart(3);
        assertThat(c.node(3).isRemoved()).as("from its snapshot alone").isTrue();
        c.clearSent();
        c.tick(3, 10 * TestCluster.ELECTION_TICKS);
        assertThat(c.sent()).as("it campaigns no more").noneMatch(m -> m.from() == 3L);
    }

    @Test
    void membershipChangesGoOneAtATime() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(4))).isInstanceOf(Submission.Accepted.class);
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(5)))
                .isEqualTo(new Submission.Dropped(Submission.Reason.CONF_CHANGE_PENDING));
        c.stabilize();
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(5))).isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void aNewLeaderProposesNoChangeUntilTheEntriesOfEarlierTermsAreApplied() {
        ConfState conf = ConfState.ofVoters(1L, 2L, 3L);
        TreeMap<Long, MemoryStorage> storages = new TreeMap<>();
        storages.put(1L, TestCluster.storageWithLog(conf, 2, 2)); // an uncommitted entry from term 2
        storages.put(2L, TestCluster.storageWithLog(conf, 2));
        storages.put(3L, TestCluster.storageWithLog(conf, 2));
        TestCluster c = TestCluster.ofStorages(storages, b -> { });
        c.dropIf(m -> m.type() == MessageType.APPEND); // the no-op cannot commit
        c.elect(1);
        assertThat(c.status(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(4)))
                .isEqualTo(new Submission.Dropped(Submission.Reason.CONF_CHANGE_PENDING));
        c.heal();
        c.tickAll(1);
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(4))).isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void changesThatWouldDoNothingOrLeaveNoVoterAreRefused() {
        TestCluster c = TestCluster.ofVoters(1);
        c.elect(1);
        Submission.Dropped invalid = new Submission.Dropped(Submission.Reason.CONF_CHANGE_INVALID);
        assertThat(c.node(1).proposeConfChange(ConfChange.addVoter(1))).isEqualTo(invalid);
        assertThat(c.node(1).proposeConfChange(ConfChange.addLearner(1))).as("no demotion").isEqualTo(invalid);
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(1))).as("last voter").isEqualTo(invalid);
        assertThat(c.node(1).proposeConfChange(ConfChange.removeNode(9))).as("unknown node").isEqualTo(invalid);
    }

    @Test
    void aRestartedNodeReappliesConfChangesFromItsLog() {
        TestCluster c = clusterWithLearner4();
        c.restart(2);
        c.stabilize();
        assertThat(c.status(2).confState()).isEqualTo(ConfState.of(List.of(1L, 2L, 3L), List.of(4L)));
    }
}

package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ElectionTest {

    @Test
    void aSingleVoterElectsItselfOnCampaign() {
        TestCluster c = TestCluster.ofVoters(1);
        c.elect(1);
        assertThat(c.status(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.status(1).term()).isEqualTo(2);
        assertThat(c.status(1).commit()).as("its no-op commits at once").isEqualTo(2);
    }

    @Test
    void threeVotersElectOneLeaderAndAllFollowIt() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        assertThat(c.leader()).isEqualTo(1);
        for (long id = 1; id <= 3; id++) {
            assertThat(c.status(id).term()).isEqualTo(2);
            assertThat(c.status(id).leaderId()).isEqualTo(1);
            assertThat(c.status(id).commit()).as("the leader's no-op is committed everywhere").isEqualTo(2);
        }
        assertThat(c.sent(MessageType.PRE_VOTE)).as("pre-vote comes first").hasSize(2);
    }

    @Test
    void aFollowerCampaignsAfterItsRandomizedTimeoutWhichLiesInOneToTwoElectionTimeouts() {
        Set<Integer> seen = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            MemoryStorage storage = MemoryStorage.bootstrap(ConfState.ofVoters(1L));
            RawNode node = new RawNode(RaftConfig.builder(1).electionTicks(10).build(), storage,
                    new SplittableRandom(seed));
            int ticks = 0;
            while (node.status().role() != Role.LEADER) {
                node.tick();
                ticks++;
            }
            assertThat(ticks).isBetween(10, 19);
            seen.add(ticks);
        }
        assertThat(seen).as("the timeout is randomized by the seeded source").hasSizeGreaterThan(3);
    }

    @Test
    void preVotePreventsTermInflationByAPartitionedNode() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        long term = c.status(1).term();
        c.isolate(3);
        c.tickAll(20 * TestCluster.ELECTION_TICKS);
        assertThat(c.status(3).term()).as("the isolated node never raised its term").isEqualTo(term);
        assertThat(c.status(3).role()).isIn(Role.FOLLOWER, Role.PRE_CANDIDATE);

        c.heal();
        c.tickAll(3 * TestCluster.ELECTION_TICKS);
        assertThat(c.leader()).as("the healthy leader was not disrupted").isEqualTo(1);
        assertThat(c.status(1).term()).isEqualTo(term);
        assertThat(c.status(3).leaderId()).isEqualTo(1);
    }

    @Test
    void withoutPreVoteAReturningPartitionedNodeDisruptsTheLeader() {
        TestCluster c = TestCluster.ofVoters(3, b -> b.preVote(false).checkQuorum(false));
        c.elect(1);
        long term = c.status(1).term();
        c.isolate(3);
        c.tickAll(5 * TestCluster.ELECTION_TICKS);
        assertThat(c.status(3).term()).as("campaigning alone inflates the term").isGreaterThan(term + 2);

        c.heal();
        c.tickAll(2 * TestCluster.ELECTION_TICKS);
        assertThat(c.status(1).term()).as("the leader adopted the inflated term").isGreaterThan(term + 2);
    }

    @Test
    void checkQuorumMakesAnIsolatedLeaderStepDownOnTheFirstTickPastAnElectionTimeout() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(1);
        c.tick(1, TestCluster.ELECTION_TICKS);
        assertThat(c.status(1).role()).as("still within the election timeout").isEqualTo(Role.LEADER);
        c.tick(1, 1);
        assertThat(c.status(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.node(1).propose("x".getBytes()))
                .as("the minority side refuses writes").isEqualTo(new Submission.NotLeader(0));
    }

    @Test
    void theMajoritySideElectsANewLeaderWhileTheOldOneStepsDown() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(1);
        c.tickAll(3 * TestCluster.ELECTION_TICKS);
        assertThat(c.status(1).role()).isNotEqualTo(Role.LEADER);
        long leader = c.leader();
        assertThat(leader).isIn(2L, 3L);
        assertThat(c.propose(leader, "after-failover")).isInstanceOf(Submission.Accepted.class);
        assertThat(c.member(2).appliedData()).containsExactly("after-failover");
    }

    @Test
    void followersIgnoreVoteRequestsWhileTheyHearFromTheirLeader() {
        TestCluster c = TestCluster.ofVoters(3, b -> b.preVote(false));
        c.elect(1);
        long term = c.status(1).term();
        c.node(3).campaign(); // a disruptive campaign: term + 1, but nobody in the lease answers
        c.stabilize();
        assertThat(c.status(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.status(1).term()).isEqualTo(term);
        assertThat(c.sent(MessageType.VOTE_RESPONSE).stream().filter(m -> m.to() == 3)).isEmpty();
    }

    @Test
    void aCandidateWithAStaleLogIsDenied() {
        TestCluster c = TestCluster.ofVoters(3, b -> b.checkQuorum(false));
        c.elect(1);
        c.isolate(3);
        c.propose(1, "only-on-1-and-2");
        c.heal();
        c.isolate(1);
        c.clearSent();
        long term = c.status(2).term();
        c.node(3).campaign();
        c.stabilize();
        assertThat(c.sent(MessageType.PRE_VOTE_RESPONSE)).singleElement()
                .satisfies(m -> assertThat(m.reject()).as("node 2 has more entries").isTrue());
        assertThat(c.status(3).role()).as("still waiting for node 1, which is away").isEqualTo(Role.PRE_CANDIDATE);
        assertThat(c.status(3).term()).as("a pre-vote leaves the term alone").isEqualTo(term);

        c.node(2).campaign();
        c.stabilize();
        assertThat(c.leader()).as("the up-to-date node wins").isEqualTo(2);
    }

    @Test
    void aNodeVotesAtMostOncePerTerm() {
        TestCluster c = TestCluster.ofVoters(3, b -> b.preVote(false).checkQuorum(false));
        c.isolate(1);
        c.isolate(2);
        c.node(1).campaign();
        c.node(2).campaign(); // both at term 2
        c.heal();
        c.stabilize();
        assertThat(c.sent(MessageType.VOTE_RESPONSE).stream().filter(m -> m.from() == 3 && !m.reject()))
                .as("node 3 grants one of the two").hasSizeLessThanOrEqualTo(1);
        long leaders = c.sent(MessageType.VOTE_RESPONSE).stream().filter(m -> !m.reject()).count();
        assertThat(leaders).isLessThanOrEqualTo(1);
    }

    @Test
    void aLeaderBackFromAPartitionLearnsTheNewTermAndFollows() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(1);
        c.tickAll(3 * TestCluster.ELECTION_TICKS);
        long newLeader = c.leader();
        assertThat(newLeader).isNotEqualTo(1);
        c.heal();
        c.tickAll(2);
        assertThat(c.status(1).leaderId()).isEqualTo(newLeader);
        assertThat(c.status(1).term()).isEqualTo(c.status(newLeader).term());
    }
}

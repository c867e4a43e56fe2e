package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Inflights and Progress: the leader's per-follower flow control. */
class FlowControlTest {

    @Test
    void inflightsFillUpToTheCountLimitAndFreeInOrder() {
        Inflights in = new Inflights(3, Long.MAX_VALUE);
        in.add(5, 10);
        in.add(7, 10);
        assertThat(in.full()).isFalse();
        in.add(9, 10);
        assertThat(in.full()).as("at the limit").isTrue();
        assertThatThrownBy(() -> in.add(10, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full inflight window");
        in.freeLE(7);
        assertThat(in.count()).isEqualTo(1);
        assertThat(in.bytes()).isEqualTo(10);
        in.add(11, 1);
        in.add(12, 1); // wraps around the ring
        in.freeLE(100);
        assertThat(in.count()).isZero();
    }

    @Test
    void inflightsFillUpToTheByteLimit() {
        Inflights in = new Inflights(100, 30);
        in.add(1, 15);
        assertThat(in.full()).isFalse();
        in.add(2, 14);
        assertThat(in.full()).as("one byte below the limit").isFalse();
        in.add(3, 1);
        assertThat(in.full()).as("at the limit").isTrue();
        in.freeFirstOne();
        assertThat(in.full()).isFalse();
    }

    @Test
    void inflightIndexesMustIncrease() {
        Inflights in = new Inflights(4, Long.MAX_VALUE);
        in.add(5, 1);
        assertThatThrownBy(() -> in.add(5, 1)).hasMessageContaining("increasing");
    }

    @Test
    void aProbeSendsOneAppendThenWaits() {
        Progress pr = new Progress(6, false, new Inflights(4, Long.MAX_VALUE), 0);
        assertThat(pr.isPaused()).isFalse();
        pr.sentEntries(3, 30);
        assertThat(pr.isPaused()).isTrue();
        assertThat(pr.next()).as("a probe does not advance next").isEqualTo(6);
        pr.resumeProbe();
        assertThat(pr.isPaused()).isFalse();
    }

    @Test
    void replicationAdvancesNextOptimisticallyAndRejectionFallsBackToMatch() {
        Progress pr = new Progress(6, false, new Inflights(2, Long.MAX_VALUE), 0);
        pr.maybeUpdate(5);
        pr.becomeReplicate();
        pr.sentEntries(2, 20);
        pr.sentEntries(3, 30);
        assertThat(pr.next()).isEqualTo(11);
        assertThat(pr.isPaused()).isTrue();
        assertThat(pr.maybeDecrTo(4, 4)).as("a rejection at or below match is stale").isFalse();
        assertThat(pr.maybeDecrTo(7, 6)).isTrue();
        assertThat(pr.next()).isEqualTo(6);
    }

    @Test
    void aProbeRejectionUsesTheHintButNeverGoesBelowMatch() {
        Progress pr = new Progress(11, false, new Inflights(2, Long.MAX_VALUE), 0);
        pr.maybeUpdate(3);
        pr.becomeProbe();
        pr.maybeUpdate(3);
        assertThat(pr.maybeDecrTo(9, 6)).as("not the index we probed: stale").isFalse();
        assertThat(pr.maybeDecrTo(3, 1)).isTrue();
        assertThat(pr.next()).as("never below match + 1").isEqualTo(4);
        Progress fresh = new Progress(11, false, new Inflights(2, Long.MAX_VALUE), 0);
        assertThat(fresh.maybeDecrTo(10, 6)).isTrue();
        assertThat(fresh.next()).isEqualTo(7);
    }

    @Test
    void aSnapshotPausesUntilReportedThenProbesAfterIt() {
        Progress pr = new Progress(3, false, new Inflights(2, Long.MAX_VALUE), 0);
        pr.becomeSnapshot(20);
        assertThat(pr.isPaused()).isTrue();
        assertThatThrownBy(() -> pr.sentEntries(1, 1)).hasMessageContaining("snapshot is pending");
        pr.becomeProbe();
        assertThat(pr.next()).isEqualTo(21);
        pr.becomeSnapshot(20);
        pr.snapshotFailed();
        assertThat(pr.next()).as("a failed snapshot probes from match").isEqualTo(1);
    }

    @Test
    void quorumsCountVotersOnly() {
        java.util.Set<Long> voters = new java.util.TreeSet<>(java.util.List.of(1L, 2L, 3L, 4L, 5L));
        java.util.Map<Long, Long> match = java.util.Map.of(1L, 9L, 2L, 7L, 3L, 5L, 4L, 3L, 5L, 1L, 6L, 100L);
        assertThat(Quorum.committedIndex(voters, match::get)).isEqualTo(5);
        java.util.Map<Long, Boolean> votes = new java.util.TreeMap<>();
        votes.put(1L, true);
        votes.put(6L, true); // not a voter
        votes.put(2L, true);
        assertThat(Quorum.voteResult(voters, votes)).isEqualTo(Quorum.VoteResult.PENDING);
        votes.put(3L, false);
        votes.put(4L, false);
        votes.put(5L, false);
        assertThat(Quorum.voteResult(voters, votes)).isEqualTo(Quorum.VoteResult.LOST);
        votes.put(5L, true);
        assertThat(Quorum.voteResult(voters, votes)).as("three of five granted").isEqualTo(Quorum.VoteResult.WON);
    }

    @Test
    void inflightBytesMaxPausesReplicationToAFollowerThatDoesNotAnswer() {
        long entryBytes = 10 + Entry.OVERHEAD_BYTES;
        TestCluster c = TestCluster.ofVoters(3, b -> b.inflightBytesMax(2 * entryBytes));
        c.elect(1);
        c.propose(1, "warm-up-0"); // 9 bytes; node 2 is now replicating
        c.clearSent();
        c.dropIf(m -> m.type() == MessageType.APPEND_RESPONSE && m.from() == 2);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "0123456789");
        }
        assertThat(c.sent(MessageType.APPEND).stream().filter(m -> m.to() == 2 && !m.entries().isEmpty()))
                .as("two entries reach the byte limit").hasSize(2);
    }
}

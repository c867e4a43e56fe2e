package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    @Test
    void aFollowerThatNeedsCompactedEntriesReceivesTheSnapshotThenTheRest() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(3);
        for (int i = 0; i < 10; i++) {
            c.propose(1, "v" + i);
        }
        Snapshot snap = c.snapshotAndCompact(1);
        c.propose(1, "after-snapshot");
        c.heal();
        c.clearSent();
        c.tickAll(2);

        assertThat(c.sent(MessageType.SNAPSHOT)).singleElement()
                .satisfies(m -> assertThat(m.snapshot().index()).isEqualTo(snap.index()));
        assertThat(c.member(3).lastSnapshot).isEqualTo(snap);
        assertThat(c.member(3).storage.firstIndex()).isEqualTo(snap.index() + 1);
        assertThat(c.member(3).appliedData()).as("entries after the snapshot").containsExactly("after-snapshot");
        assertThat(c.status(3).commit()).isEqualTo(c.status(1).commit());
        assertThat(c.status(3).applied()).isEqualTo(c.status(1).applied());
    }

    @Test
    void theSnapshotCarriesTheConfigurationVotersAndLearners() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.node(1).proposeConfChange(ConfChange.addLearner(4));
        c.addMember(4, new MemoryStorage());
        c.stabilize();
        c.tickAll(1);
        Snapshot snap = c.snapshotAndCompact(1);
        assertThat(snap.metadata().confState()).isEqualTo(ConfState.of(java.util.List.of(1L, 2L, 3L),
                java.util.List.of(4L)));

        c.node(1).proposeConfChange(ConfChange.addLearner(5));
        c.addMember(5, new MemoryStorage()); // joins after the snapshot was taken
        c.stabilize();
        c.tickAll(2);
        assertThat(c.member(5).lastSnapshot).isEqualTo(snap);
        assertThat(c.status(5).confState()).as("the snapshot's configuration plus the entry that added node 5")
                .isEqualTo(ConfState.of(java.util.List.of(1L, 2L, 3L), java.util.List.of(4L, 5L)));
    }

    @Test
    void aStaleSnapshotIsIgnoredAndAnsweredWithTheCommitIndex() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "v" + i);
        }
        Snapshot old = c.member(2).storage.createSnapshot(3, c.node(2).confState(), new byte[0]);
        long commit = c.status(2).commit();
        c.clearSent();
        c.node(2).step(Message.installSnapshot(1, 2, c.status(1).term(), old));
        c.stabilize();
        assertThat(c.status(2).commit()).isEqualTo(commit);
        assertThat(c.sent(MessageType.APPEND_RESPONSE)).anySatisfy(m -> {
            assertThat(m.from()).isEqualTo(2);
            assertThat(m.index()).isEqualTo(commit);
        });
        assertThat(c.member(2).lastSnapshot.isEmpty()).isTrue();
    }

    @Test
    void aLostSnapshotIsResentOnceTheTransportReportsTheFailure() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        c.isolate(3);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "v" + i);
        }
        c.snapshotAndCompact(1);
        c.heal();
        c.dropIf(m -> m.type() == MessageType.SNAPSHOT);
        c.tickAll(2);
        assertThat(c.member(3).lastSnapshot.isEmpty()).isTrue();
        c.heal();
        c.clearSent();
        c.tickAll(3);
        assertThat(c.sent(MessageType.SNAPSHOT)).hasSize(1);
        assertThat(c.member(3).lastSnapshot.isEmpty()).isFalse();
        assertThat(c.status(3).applied()).isEqualTo(c.status(1).applied());
    }

    @Test
    void aRestartedNodeResumesFromItsSnapshotAndReappliesTheCommittedRest() {
        TestCluster c = TestCluster.ofVoters(3);
        c.elect(1);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "v" + i);
        }
        Snapshot snap = c.snapshotAndCompact(2);
        c.propose(1, "later");
        c.restart(2);
        c.stabilize();
        assertThat(c.status(2).applied()).isEqualTo(c.status(1).applied());
        assertThat(c.member(2).applied).allSatisfy(e -> assertThat(e.index()).isGreaterThan(snap.index()));
        assertThat(c.member(2).appliedData()).containsExactly("later");
    }

    @Test
    void memoryStorageRefusesToCompactBeyondItsSnapshot() {
        MemoryStorage s = MemoryStorage.bootstrap(ConfState.ofVoters(1L));
        RawNode node = new RawNode(RaftConfig.builder(1).build(), s, new SplittableRandom(1));
        node.campaign();
        Ready rd = node.ready();
        s.append(rd.entries());
        node.advance(rd);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.compact(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the snapshot");
    }
}

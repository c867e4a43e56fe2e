package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Ready/advance contract. */
class RawNodeTest {

    private static RawNode singleVoter(MemoryStorage storage) {
        return new RawNode(RaftConfig.builder(1).build(), storage, new SplittableRandom(1));
    }

    @Test
    void aCampaignYieldsOneReadyToPersistSendAndApply() {
        MemoryStorage storage = MemoryStorage.bootstrap(ConfState.ofVoters(1L));
        RawNode node = singleVoter(storage);
        assertThat(node.hasReady()).isFalse();
        node.campaign();
        assertThat(node.hasReady()).isTrue();
        Ready rd = node.ready();
        assertThat(rd.softState()).isEqualTo(new SoftState(1, Role.LEADER));
        assertThat(rd.hardState()).isEqualTo(new HardState(2, 1, 2));
        assertThat(rd.entries()).containsExactly(Entry.empty(2, 2));
        assertThat(rd.committedEntries()).as("persist first, then apply").containsExactly(Entry.empty(2, 2));
        assertThat(rd.mustSync()).isTrue();
        storage.append(rd.entries());
        storage.setHardState(rd.hardState());
        node.advance(rd);
        assertThat(node.hasReady()).isFalse();
        assertThat(node.status().applied()).isEqualTo(2);
    }

    @Test
    void anUnchangedHardStateIsReportedEmpty() {
        MemoryStorage storage = MemoryStorage.bootstrap(ConfState.ofVoters(1L, 2L));
        RawNode node = new RawNode(RaftConfig.builder(1).build(), storage, new SplittableRandom(1));
        node.campaign(); // pre-vote: messages only
        Ready rd = node.ready();
        assertThat(rd.hasHardState()).isFalse();
        assertThat(rd.mustSync()).isFalse();
        assertThat(rd.messages()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(MessageType.PRE_VOTE);
            assertThat(m.term()).as("asks about the next term").isEqualTo(2);
        });
        node.advance(rd);
    }

    @Test
    void onlyOneReadyMayBeOutstanding() {
        RawNode node = singleVoter(MemoryStorage.bootstrap(ConfState.ofVoters(1L)));
        node.campaign();
        Ready rd = node.ready();
        assertThatThrownBy(node::ready).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one Ready at a time");
        node.advance(rd);
        assertThatThrownBy(() -> node.advance(rd)).hasMessageContaining("advance() follows ready()");
    }

    @Test
    void malformedMessagesAreRefused() {
        RawNode node = singleVoter(MemoryStorage.bootstrap(ConfState.ofVoters(1L)));
        assertThatThrownBy(() -> node.step(Message.heartbeat(2, 3, 1, 0, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.step(Message.heartbeat(1, 1, 1, 0, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.step(Message.heartbeat(2, 1, 0, 0, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a term");
    }

    @Test
    void aNodeRestartsFromItsStorage() {
        MemoryStorage storage = MemoryStorage.bootstrap(ConfState.ofVoters(1L));
        RawNode node = singleVoter(storage);
        node.campaign();
        Ready rd = node.ready();
        storage.append(rd.entries());
        storage.setHardState(rd.hardState());
        node.advance(rd);
        node.propose("x".getBytes());
        rd = node.ready();
        storage.append(rd.entries());
        storage.setHardState(rd.hardState());
        node.advance(rd);

        RawNode restarted = singleVoter(storage);
        assertThat(restarted.status().term()).isEqualTo(2);
        assertThat(restarted.status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(restarted.status().commit()).isEqualTo(3);
        Ready replay = restarted.ready();
        assertThat(replay.committedEntries()).as("committed entries are applied again")
                .extracting(Entry::index).containsExactly(2L, 3L);
        assertThat(replay.hasHardState()).isFalse();
    }

    /**
     * A log that keeps entries behind its snapshot (so that lagging followers catch up without one) holds conf
     * changes the snapshot's configuration already includes. Replaying them on top of it is not idempotent: here
     * 4 is added, 2 removed and re-added, 4 removed, 2 promoted and 3 removed, leaving 2 the only voter; replayed
     * from {2}, removing 4 finds it the only voter and is ignored, so 2 would wait forever for 4's vote.
     */
    @Test
    void aRestartStartsFromTheSnapshotAndReappliesNoMembershipChangeItCovers() {
        MemoryStorage storage = MemoryStorage.bootstrap(ConfState.of(List.of(2L, 3L), List.of(4L)));
        List<ConfChange> changes = List.of(ConfChange.addVoter(4), ConfChange.removeNode(2), ConfChange.addLearner(2),
                ConfChange.removeNode(4), ConfChange.addVoter(2), ConfChange.removeNode(3));
        List<Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            entries.add(Entry.confChange(1, 2 + i, changes.get(i)));
        }
        storage.append(entries);
        long last = 1 + changes.size();
        storage.setHardState(new HardState(1, 0, last));
        storage.createSnapshot(last, ConfState.ofVoters(2L), new byte[0]); // entries stay: no compaction

        RawNode node = new RawNode(RaftConfig.builder(2).build(), storage, new SplittableRandom(1));
        List<Entry> handedOut = new java.util.ArrayList<>();
        while (node.hasReady()) { // a driver applying whatever the restarted node hands out
            Ready rd = node.ready();
            handedOut.addAll(rd.committedEntries());
            node.advance(rd);
        }
        assertThat(node.confState()).isEqualTo(ConfState.ofVoters(2L));
        assertThat(node.campaign()).isTrue();
        assertThat(node.status().role()).as("the only voter elects itself").isEqualTo(Role.LEADER);
        assertThat(handedOut).as("nothing the snapshot covers is applied again").isEmpty();
    }

    @Test
    void aStorageWhoseTermIsBehindItsLogIsRefused() {
        MemoryStorage storage = new MemoryStorage();
        storage.append(List.of(Entry.normal(3, 1, new byte[0])));
        storage.setHardState(new HardState(2, 0, 0));
        assertThatThrownBy(() -> singleVoter(storage)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("term is at least the last log term");
    }

    @Test
    void aConfChangeTakesEffectWhenTheApplicationHasAppliedIt() {
        MemoryStorage storage = MemoryStorage.bootstrap(ConfState.ofVoters(1L));
        RawNode node = singleVoter(storage);
        node.campaign();
        Ready rd = node.ready();
        storage.append(rd.entries());
        node.advance(rd);
        node.proposeConfChange(ConfChange.addLearner(2));
        rd = node.ready();
        assertThat(rd.committedEntries()).extracting(Entry::type).containsExactly(EntryType.CONF_CHANGE);
        assertThat(node.confState().learners()).as("not before advance").isEmpty();
        storage.append(rd.entries());
        node.advance(rd);
        assertThat(node.confState().learners()).containsExactly(2L);
    }
}

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

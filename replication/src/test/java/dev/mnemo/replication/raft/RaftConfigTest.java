package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RaftConfigTest {

    private static RaftConfig build(UnaryOperator<RaftConfig.Builder> f) {
        return f.apply(RaftConfig.builder(1)).build();
    }

    private static void rejects(UnaryOperator<RaftConfig.Builder> f, String name) {
        assertThatThrownBy(() -> build(f)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @Test
    void defaultsAreValid() {
        RaftConfig c = build(b -> b);
        assertThat(c.preVote()).isTrue();
        assertThat(c.checkQuorum()).isTrue();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void idMustBePositive() {
        rejects(b -> b.id(0), "id");
    }

    @Test
    void electionTicksAcceptsItsBoundsAndRejectsBeyond() {
        assertThat(build(b -> b.electionTicks(2)).electionTicks()).isEqualTo(2);
        rejects(b -> b.electionTicks(1), "electionTicks");
        assertThat(build(b -> b.electionTicks(RaftConfig.ELECTION_TICKS_MAX)).electionTicks())
                .isEqualTo(RaftConfig.ELECTION_TICKS_MAX);
        rejects(b -> b.electionTicks(RaftConfig.ELECTION_TICKS_MAX + 1), "electionTicks");
    }

    @Test
    void heartbeatTicksMustStayBelowElectionTicks() {
        assertThat(build(b -> b.electionTicks(5).heartbeatTicks(4)).heartbeatTicks()).isEqualTo(4);
        rejects(b -> b.electionTicks(5).heartbeatTicks(5), "heartbeatTicks");
        rejects(b -> b.heartbeatTicks(0), "heartbeatTicks");
    }

    @Test
    void inflightAppendsMaxAcceptsItsBoundsAndRejectsBeyond() {
        assertThat(build(b -> b.inflightAppendsMax(1)).inflightAppendsMax()).isEqualTo(1);
        rejects(b -> b.inflightAppendsMax(0), "inflightAppendsMax");
        assertThat(build(b -> b.inflightAppendsMax(RaftConfig.INFLIGHT_APPENDS_MAX)).inflightAppendsMax())
                .isEqualTo(RaftConfig.INFLIGHT_APPENDS_MAX);
        rejects(b -> b.inflightAppendsMax(RaftConfig.INFLIGHT_APPENDS_MAX + 1), "inflightAppendsMax");
    }

    @Test
    void readIndexPendingMaxAcceptsItsBoundsAndRejectsBeyond() {
        assertThat(build(b -> b.readIndexPendingMax(RaftConfig.READ_INDEX_PENDING_MAX)).readIndexPendingMax())
                .isEqualTo(RaftConfig.READ_INDEX_PENDING_MAX);
        rejects(b -> b.readIndexPendingMax(RaftConfig.READ_INDEX_PENDING_MAX + 1), "readIndexPendingMax");
        rejects(b -> b.readIndexPendingMax(0), "readIndexPendingMax");
    }

    @Test
    void everyByteLimitAcceptsOneAndBytesMaxAndRejectsZeroAndBeyond() {
        long max = RaftConfig.BYTES_MAX;
        assertThat(build(b -> b.appendBytesMax(max)).appendBytesMax()).isEqualTo(max);
        rejects(b -> b.appendBytesMax(max + 1), "appendBytesMax");
        rejects(b -> b.appendBytesMax(0), "appendBytesMax");
        assertThat(build(b -> b.inflightBytesMax(1)).inflightBytesMax()).isEqualTo(1);
        rejects(b -> b.inflightBytesMax(max + 1), "inflightBytesMax");
        assertThat(build(b -> b.readyCommittedBytesMax(1)).readyCommittedBytesMax()).isEqualTo(1);
        rejects(b -> b.readyCommittedBytesMax(0), "readyCommittedBytesMax");
        assertThat(build(b -> b.uncommittedBytesMax(max)).uncommittedBytesMax()).isEqualTo(max);
        rejects(b -> b.uncommittedBytesMax(max + 1), "uncommittedBytesMax");
        assertThat(build(b -> b.entryBytesMax(1)).entryBytesMax()).isEqualTo(1);
        rejects(b -> b.entryBytesMax(0), "entryBytesMax");
    }

    @Test
    void aSingleEntryMustFitTheUncommittedBudget() {
        assertThat(build(b -> b.entryBytesMax(100).uncommittedBytesMax(100)).entryBytesMax()).isEqualTo(100);
        rejects(b -> b.entryBytesMax(101).uncommittedBytesMax(100), "entryBytesMax");
    }
}

package dev.mnemo.replication.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.replication.log.MemoryLogStore;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A member that restarts knows the term its log stored before anything happens in it. */
class RestartedTermTest {
    @Test
    void aRestartedMemberStartsInTheTermItsLogStored() {
        // As a follower leaves it: a leader of term 7 is followed, and stays the leader while this one is down.
        MemoryLogStore store = new MemoryLogStore();
        store.save(new HardState(7, 2, 0), List.of(), Snapshot.EMPTY);
        try (DriverHarness member = DriverHarness.joiner(3, "c@127.0.0.1:1", store)) {
            // A leader heard again in the same term changes no hard state: the term it is announced with is this.
            assertThat(member.driver().term()).isEqualTo(7);
        }
    }
}

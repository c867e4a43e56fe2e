package dev.mnemo.replication.cluster;

import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.Role;
import dev.mnemo.replication.raft.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a member reports of itself in the Raft turn where its role changes: the core's role, leader and term, not the
 * copy its driver publishes only once the turn has handled the core's output.
 */
class MemberAdminTest {
    private static final long SELF = 1;
    private static final long NEW_LEADER = 2;

    /** What the driver and the status said, read in one Raft turn. */
    private record Turn(Role driverRole, long driverTerm, ClusterStatus status) {
    }

    /** What a test reads in the Raft turn where the member stops leading. */
    @FunctionalInterface
    private interface InTurn<T> {
        T read(RaftDriver driver, MemberAdmin admin, RawNode core);
    }

    /**
     * Founds a member and lets it lead; then, in one Raft turn, steps its core with a heartbeat from {@link
     * #NEW_LEADER} in the next term (so that it stops leading) and returns what {@code then} reads right after.
     */
    private static <T> T whenALaterLeaderIsHeard(InTurn<T> then) {
        String name = "a@127.0.0.1:" + FreePorts.next();
        try (DriverHarness member = DriverHarness.founder(SELF, name)) {
            RaftDriver driver = member.driver();
            DriverHarness.awaitTrue(() -> driver.role() == Role.LEADER, "the founder to lead");
            MemberAdmin admin = new MemberAdmin(driver, ClusterConfig.builder(name, DriverHarness.COOKIE)
                    .tick(Duration.ofMillis(20)).build());
            return driver.askCore(core -> {
                core.step(new Message(MessageType.HEARTBEAT, NEW_LEADER, SELF, core.status().term() + 1, 0, 0,
                        List.of(), 0, Snapshot.EMPTY, false, 0, new byte[0]));
                return then.read(driver, admin, core);
            }, Duration.ofSeconds(5).toNanos()).orElseThrow();
        }
    }

    @Test
    void aLeaderThatHearsOfALaterTermReportsItselfFollowerInThatSameTurn() {
        Turn turn = whenALaterLeaderIsHeard((driver, admin, core) -> new Turn(driver.role(), driver.term(),
                admin.status(core)));

        assertThat(turn.driverRole()).as("the driver's copy still says leader within the turn").isEqualTo(Role.LEADER);
        ClusterStatus status = turn.status();
        assertThat(status.isLeader()).isFalse();
        assertThat(status.leader()).isEqualTo("#" + NEW_LEADER);
        assertThat(status.term()).isEqualTo(turn.driverTerm() + 1);
        assertThat(status.members()).filteredOn(ClusterStatus.Member::self).extracting(ClusterStatus.Member::role)
                .containsExactly(ClusterStatus.Role.FOLLOWER);
    }

    @Test
    void aRemovalAskedInTheTurnWhereTheLeaderStepsDownIsRefusedAsNotLeader() {
        Throwable refused = whenALaterLeaderIsHeard((driver, admin, core) -> {
            try {
                admin.proposeRemoval(core, "b");
                return null;
            } catch (MembershipChangeException e) {
                return e;
            }
        });

        assertThat(refused).isInstanceOfSatisfying(MembershipChangeException.class, e -> assertThat(e.reason())
                .isEqualTo(MembershipChangeException.Reason.NOT_LEADER))
                .hasMessageContaining("is not the leader; ask #" + NEW_LEADER);
    }
}

package dev.mnemo.replication.cluster;

import static dev.mnemo.replication.cluster.DriverHarness.awaitTrue;
import static dev.mnemo.replication.cluster.DriverHarness.deadline;
import static dev.mnemo.replication.cluster.DriverHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.replication.cluster.DriverHarness.Source;
import dev.mnemo.replication.cluster.DriverHarness.Write;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A follower whose engine holds its applies while the leader sends it a snapshot, entries on top of it, then a
 * newer snapshot: saving the newer one deletes the older one's file before the apply thread gets to it. The
 * entries queued between the two belong on top of a state the follower never had; they must be skipped, not
 * applied to the state from before, and the newer snapshot installed instead. The leader is the test itself: it
 * keeps the database of record and steps the follower's real driver with the messages a leader sends.
 */
class SupersededSnapshotTest {
    private static final long LEADER = 1;
    private static final long FOLLOWER = 2;
    private static final ConfState CONF = ConfState.of(List.of(LEADER), List.of(FOLLOWER));

    private final String leaderName = "a@127.0.0.1:" + FreePorts.next();
    private final String followerName = "b@127.0.0.1:" + FreePorts.next();
    private final Map<Long, String> members = Map.of(LEADER, leaderName, FOLLOWER, followerName);

    @Test
    void entriesBetweenAReplacedSnapshotAndItsSuccessorAreSkippedAndTheFollowerEndsWithTheLeadersRows()
            throws Exception {
        try (DriverHarness follower = DriverHarness.joiner(FOLLOWER, followerName); Source leader = new Source()) {
            RaftDriver driver = follower.driver();
            leader.db().createTable(TableDef.named("account").column("id", ColumnType.BIGINT).notNull()
                    .column("balance", ColumnType.BIGINT).notNull().primaryKey("id").kind(TableKind.ORDERED_SET));
            leader.write(5, k -> insert(k, 100L));
            driver.onRaftMessage(leaderName, snapshot(leader, driver, 10));
            driver.awaitApplied(10, deadline());
            assertThat(follower.db().size("account")).isEqualTo(5);

            try (AutoCloseable hold = follower.holdApplies()) {
                driver.onRaftMessage(leaderName, leader.append(LEADER, FOLLOWER, leader.write(3, k -> add(1L, 1))));
                leader.write(7, k -> insert(5 + k, 50L)); // rows 6..12: only the first snapshot carries them
                Message first = snapshot(leader, driver, 20);
                Path firstFile = SnapshotRef.decode(first.snapshot().data()).file();
                driver.onRaftMessage(leaderName, first);
                // Each reads row 6, which the state before the first snapshot does not hold.
                List<CommitRecord> superseded = leader.write(3, k -> tx -> {
                    add(6L, 1).run(tx);
                    tx.insert("account", Row.of(100L + k, k));
                });
                driver.onRaftMessage(leaderName, leader.append(LEADER, FOLLOWER, superseded));
                leader.write(7, k -> insert(12 + k, 70L)); // rows 13..19: only the newer snapshot carries them
                driver.onRaftMessage(leaderName, snapshot(leader, driver, 30));
                driver.onRaftMessage(leaderName, leader.append(LEADER, FOLLOWER, leader.write(3, k -> tx -> {
                    add(6L, 10).run(tx);
                    add(1L, 10).run(tx);
                    tx.insert("account", Row.of(200L + k, k));
                })));

                // All of it logged and committed, the first snapshot's file gone, and nothing applied yet.
                awaitTrue(() -> follower.store().lastIndex() == 33 && follower.store().hardState().commit() == 33,
                        "the follower to log and commit index 33");
                awaitTrue(() -> !Files.exists(firstFile), "the newer snapshot to replace the first one's file");
                assertThat(driver.appliedIndex()).isEqualTo(10);
                assertThat(follower.applied()).isEmpty();
            }
            driver.awaitApplied(33, deadline());

            assertThat(driver.isRunning()).as("the follower still serves").isTrue();
            // Applied: the entries before the first snapshot and after the newer one; never those in between.
            assertThat(leader.entriesOf(follower.applied())).containsExactly(11L, 12L, 13L, 31L, 32L, 33L);
            assertThat(follower.verdicts()).extracting(Outcome::status).containsOnly(Outcome.Status.COMMITTED);
            // The leader's rows, each once, with the leader's balances, at the leader's commit version.
            assertThat(rows(follower.db(), "account")).containsExactlyElementsOf(rows(leader.db(), "account"));
            assertThat(follower.db().size("account")).isEqualTo(5 + 7 + 3 + 7 + 3);
            assertThat(follower.db().dirtyRead("account", 6L).getLong("balance")).isEqualTo(50L + 3 + 30);
            assertThat(follower.db().dirtyRead("account", 1L).getLong("balance")).isEqualTo(100L + 3 + 30);
            assertThat(follower.db().version()).isEqualTo(leader.db().version());
        }
    }

    private Message snapshot(Source leader, RaftDriver follower, long index) throws IOException {
        return leader.snapshot(LEADER, follower, FOLLOWER, index, CONF, members);
    }

    private static Write insert(long id, long balance) {
        return tx -> tx.insert("account", Row.of(id, balance));
    }

    private static Write add(long id, long amount) {
        return tx -> {
            Row row = tx.read("account", id);
            tx.write("account", row.with("balance", row.getLong("balance") + amount));
        };
    }
}

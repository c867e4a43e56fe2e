package dev.mnemo.replication.cluster;

import static dev.mnemo.replication.cluster.DriverHarness.awaitTrue;
import static dev.mnemo.replication.cluster.DriverHarness.deadline;
import static dev.mnemo.replication.cluster.DriverHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.replication.cluster.DriverHarness.Source;
import dev.mnemo.replication.log.FileLogOptions;
import dev.mnemo.replication.log.FileLogStore;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member's apply thread takes a snapshot of its own and then compacts its log behind it; a leader's newer
 * snapshot may be saved by the Raft thread in between. The compaction then asks for entries the log no longer holds:
 * that is a compaction already done, and the member goes on, its data whole.
 */
class SnapshotCompactionRaceTest {
    private static final long LEADER = 1;
    private static final long FOLLOWER = 2;
    private static final ConfState CONF = ConfState.of(List.of(LEADER), List.of(FOLLOWER));
    /** More than the driver keeps behind its snapshot (2048), so that its snapshot is followed by a compaction. */
    private static final int ENTRIES = 2200;

    @TempDir
    Path dir;

    @Test
    void aLeadersSnapshotSavedBetweenTheMembersSnapshotAndItsCompactionDoesNotStopTheMember() throws Exception {
        String leaderName = "a@127.0.0.1:" + FreePorts.next();
        String followerName = "b@127.0.0.1:" + FreePorts.next();
        Map<Long, String> members = Map.of(LEADER, leaderName, FOLLOWER, followerName);
        AtomicLong overtakenAt = new AtomicLong();
        try (Source leader = new Source()) {
            leader.db().createTable(TableDef.named("account").column("id", ColumnType.BIGINT).notNull()
                    .column("balance", ColumnType.BIGINT).notNull().primaryKey("id"));
            leader.write(3, k -> tx -> tx.insert("account", Row.of(k, 100L)));
            OvertakenCompaction store = new OvertakenCompaction(FileLogStore.open(dir, FileLogOptions.defaults()));
            try (DriverHarness follower = DriverHarness.joiner(FOLLOWER, followerName, store, ENTRIES - 100)) {
                RaftDriver driver = follower.driver();
                store.beforeFirstCompaction = () -> {
                    // The Raft thread saves a leader's snapshot beyond everything the member holds.
                    leader.write(5, k -> tx -> tx.insert("account", Row.of(100_000 + k, k)));
                    long index = leader.records().size() + 1000L;
                    try {
                        driver.onRaftMessage(leaderName, leader.snapshot(LEADER, driver, FOLLOWER, index, CONF,
                                members));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    awaitTrue(() -> store.snapshot().index() == index, "the leader's snapshot saved");
                    overtakenAt.set(index);
                };
                driver.onRaftMessage(leaderName, leader.snapshot(LEADER, driver, FOLLOWER, 5, CONF, members));
                driver.onRaftMessage(leaderName, leader.append(LEADER, FOLLOWER,
                        leader.write(ENTRIES, k -> tx -> tx.insert("account", Row.of(10 + k, k)))));

                awaitTrue(() -> overtakenAt.get() > 0 || !driver.isRunning(), "the member's own compaction");
                assertThat(driver.broken()).as("what stopped the member").isNull();
                driver.awaitApplied(overtakenAt.get(), deadline());
                assertThat(driver.isRunning()).isTrue();
                assertThat(rows(follower.db(), "account")).containsExactlyElementsOf(rows(leader.db(), "account"));
            }
        }
        try (FileLogStore reopened = FileLogStore.open(dir, FileLogOptions.defaults())) {
            assertThat(reopened.snapshot().index()).as("the snapshot the log restarts from")
                    .isEqualTo(overtakenAt.get());
        }
    }

    /** A log store that runs a hook on the member's first compaction, before the compaction itself. */
    private static final class OvertakenCompaction extends ForwardingLogStore {
        volatile Runnable beforeFirstCompaction;
        private boolean compacted;

        OvertakenCompaction(FileLogStore inner) {
            super(inner);
        }

        @Override
        public void compact(long index) {
            if (!compacted) {
                compacted = true;
                beforeFirstCompaction.run();
            }
            super.compact(index);
        }
    }
}

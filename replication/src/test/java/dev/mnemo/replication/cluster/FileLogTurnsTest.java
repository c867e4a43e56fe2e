package dev.mnemo.replication.cluster;

import static dev.mnemo.replication.cluster.DriverHarness.deadline;
import static dev.mnemo.replication.cluster.DriverHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.replication.cluster.DriverHarness.Source;
import dev.mnemo.replication.log.FileLogOptions;
import dev.mnemo.replication.log.FileLogStore;
import dev.mnemo.replication.log.LogStore;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.Snapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a file log, only the Raft thread appends and syncs: a network thread that delivers a leader's entries
 * queues them and returns, so it never holds its event loop (and every connection on it) through a sync.
 */
class FileLogTurnsTest {
    private static final long LEADER = 1;
    private static final long FOLLOWER = 2;
    private static final ConfState CONF = ConfState.of(List.of(LEADER), List.of(FOLLOWER));

    @TempDir
    Path dir;

    @Test
    void aFollowersFileLogIsWrittenOnlyByItsRaftThread() throws Exception {
        String leaderName = "a@127.0.0.1:" + FreePorts.next();
        String followerName = "b@127.0.0.1:" + FreePorts.next();
        WriterThreads store = new WriterThreads(FileLogStore.open(dir, FileLogOptions.defaults()));
        try (DriverHarness follower = DriverHarness.joiner(FOLLOWER, followerName, store);
             Source leader = new Source()) {
            RaftDriver driver = follower.driver();
            leader.db().createTable(TableDef.named("account").column("id", ColumnType.BIGINT).notNull()
                    .column("balance", ColumnType.BIGINT).notNull().primaryKey("id"));
            leader.write(3, k -> tx -> tx.insert("account", Row.of(k, 100L)));
            Message snapshot = leader.snapshot(LEADER, driver, FOLLOWER, 5, CONF,
                    Map.of(LEADER, leaderName, FOLLOWER, followerName));
            Message append = leader.append(LEADER, FOLLOWER, leader.write(4, k -> tx -> tx.insert("account",
                    Row.of(10 + k, k))));

            Thread network = new Thread(() -> {
                driver.onRaftMessage(leaderName, snapshot);
                driver.onRaftMessage(leaderName, append);
            }, "network-stand-in");
            network.start();
            network.join();
            driver.awaitApplied(9, deadline());

            assertThat(rows(follower.db(), "account")).containsExactlyElementsOf(rows(leader.db(), "account"));
            assertThat(store.lastIndex()).isEqualTo(9);
            assertThat(store.writers).as("the threads that saved or synced the follower's log").isNotEmpty()
                    .allMatch(name -> name.startsWith("mnemo-raft-"));
        }
    }

    /** A log store that notes which threads save to it or sync it. */
    private static final class WriterThreads extends ForwardingLogStore {
        final Set<String> writers = ConcurrentHashMap.newKeySet();

        WriterThreads(LogStore inner) {
            super(inner);
        }

        @Override
        public void save(HardState hardState, List<Entry> entries, Snapshot snapshot) {
            writers.add(Thread.currentThread().getName());
            super.save(hardState, entries, snapshot);
        }

        @Override
        public void sync() {
            writers.add(Thread.currentThread().getName());
            super.sync();
        }
    }
}

package dev.mnemo.replication.cluster;

import static dev.mnemo.replication.cluster.DriverHarness.awaitTrue;
import static dev.mnemo.replication.cluster.DriverHarness.deadline;
import static dev.mnemo.replication.cluster.DriverHarness.rows;
import static dev.mnemo.replication.cluster.RaftDriver.APPLY_QUEUE_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.RecordCodec;
import dev.mnemo.replication.cluster.DriverHarness.Source;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on the apply backlog while the engine holds its applies (a long reader): past half of
 * {@link RaftDriver#APPLY_QUEUE_MAX} queued Readies the leader refuses new records ("the leader's apply backlog
 * is full"), which writers retry, so its backlog stops growing; past all of it (a follower, fed by a leader that
 * does not know) a network thread no longer takes Raft turns and the Raft thread waits for the apply thread.
 * Either way nothing is lost or reordered, and everything lands once applies resume.
 */
class ApplyBacklogTest {
    private static final long LEADER = 1;
    private static final long FOLLOWER = 2;
    /** Records submitted after the first refusal, all while applies are still held. */
    private static final int REFUSED_MORE = 100;
    /** Entries sent to a follower after its backlog is full, all while applies are still held. */
    private static final int PAST_FULL = 200;

    private final ExecutorService side = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopSide() {
        side.shutdownNow();
    }

    @Test
    void aLeaderWhoseEngineHoldsAppliesRefusesWritesPastHalfTheBacklogAndCatchesUpInOrder() throws Exception {
        try (DriverHarness member = DriverHarness.founder(LEADER, "a@127.0.0.1:" + FreePorts.next());
                Source source = new Source()) {
            RaftDriver driver = member.driver();
            awaitTrue(() -> driver.role() == Role.LEADER, "a lone voter to elect itself");
            // Records made elsewhere and submitted here as the replicated log does, without waiting for each verdict
            // (as many writers at once would): each inserts its own row and sets row 0 to its number.
            source.db().createTable(accounts());
            source.write(APPLY_QUEUE_MAX / 2 + 1 + REFUSED_MORE, n -> tx -> {
                tx.insert("account", Row.of(n, n));
                tx.write("account", Row.of(0L, n));
            });
            List<CommitRecord> records = source.records();
            assertThat(verdict(driver, driver.newPending(RecordCodec.encode(records.get(0)))).isCommitted()).isTrue();

            List<Pending> submitted = new ArrayList<>();
            List<Pending> refused = new ArrayList<>();
            int backlogMax = 0;
            Future<?> user;
            try (AutoCloseable hold = member.holdApplies()) {
                for (int n = 1; n < records.size(); n++) {
                    Pending p = driver.newPending(RecordCodec.encode(records.get(n)));
                    submitted.add(p);
                    if (appendedOrRefused(driver, p)) {
                        assertThat(refused).as("a record appended after one was refused").isEmpty();
                    } else {
                        refused.add(p);
                        assertThat(p.retryReason()).isEqualTo("the leader's apply backlog is full");
                    }
                    backlogMax = Math.max(backlogMax, driver.applyBacklog());
                }
                assertThat(refused).as("records refused while applies were held").hasSize(REFUSED_MORE);
                // One Ready per entry, and the check comes before the entry: half the bound, and one more.
                assertThat(backlogMax).isEqualTo(APPLY_QUEUE_MAX / 2 + 1);
                assertThat(submitted.size() - refused.size()).isEqualTo(APPLY_QUEUE_MAX / 2 + 1);

                // A writer through the database meanwhile is refused too, and retries: it waits, it does not fail.
                user = side.submit(() -> member.db().dirtyWrite("account", Row.of(-1L, -1L)));
                RaftDriver.pause(TimeUnit.MILLISECONDS.toNanos(300));
                assertThat(user).isNotDone();
                assertThat(driver.applyBacklog()).isEqualTo(backlogMax);
            }
            user.get(15, TimeUnit.SECONDS);
            // Every record lands once, the refused ones retried after the appended ones, in the order submitted.
            List<Long> versions = new ArrayList<>();
            for (Pending p : submitted) {
                Outcome outcome = verdict(driver, p);
                assertThat(outcome.isCommitted()).as("record %d: %s", p.sequence, outcome).isTrue();
                versions.add(outcome.version());
            }
            assertThat(versions).doesNotHaveDuplicates().isSorted();
            assertThat(driver.isRunning()).isTrue();
            assertThat(driver.applyBacklog()).isZero();
            assertThat(member.db().size("account")).isEqualTo(submitted.size() + 2); // row 0 and the writer's
            assertThat(member.db().dirtyRead("account", 0L).getLong("balance")).isEqualTo(submitted.size());
            assertThat(member.db().dirtyRead("account", -1L).getLong("balance")).isEqualTo(-1L);
            // One commit each: the table, every record, the writer's row.
            assertThat(member.db().version()).isEqualTo(1 + submitted.size() + 1);
        }
    }

    @Test
    void aFollowerWhoseEngineHoldsAppliesStopsAtTheFullBacklogWithoutBlockingTheNetworkAndCatchesUp()
            throws Exception {
        String leaderName = "a@127.0.0.1:" + FreePorts.next();
        String followerName = "b@127.0.0.1:" + FreePorts.next();
        try (DriverHarness follower = DriverHarness.joiner(FOLLOWER, followerName); Source leader = new Source()) {
            RaftDriver driver = follower.driver();
            leader.db().createTable(accounts());
            ConfState conf = ConfState.of(List.of(LEADER), List.of(FOLLOWER));
            driver.onRaftMessage(leaderName, leader.snapshot(LEADER, driver, FOLLOWER, 10, conf,
                    Map.of(LEADER, leaderName, FOLLOWER, followerName)));
            driver.awaitApplied(10, deadline());

            int sent;
            AtomicInteger backlogMax = new AtomicInteger();
            try (AutoCloseable hold = follower.holdApplies()) {
                // A leader that does not know the follower's backlog sends one committed entry per message, each a
                // Ready for the apply thread, until the backlog is full and then some more; the thread delivering
                // them stands for the network's, which must never wait for applies.
                Future<Integer> delivering = side.submit(() -> {
                    int count = 0;
                    while (driver.applyBacklog() < APPLY_QUEUE_MAX) {
                        assertThat(count).as("entries sent before the backlog filled").isLessThan(2 * APPLY_QUEUE_MAX);
                        deliver(leader, driver, leaderName, ++count);
                    }
                    for (int more = 0; more < PAST_FULL; more++) {
                        deliver(leader, driver, leaderName, ++count);
                        backlogMax.accumulateAndGet(driver.applyBacklog(), Math::max);
                    }
                    return count;
                });
                sent = delivering.get(60, TimeUnit.SECONDS);
                RaftDriver.pause(TimeUnit.MILLISECONDS.toNanos(300)); // the Raft thread's ticks come and go
                backlogMax.accumulateAndGet(driver.applyBacklog(), Math::max);
                // Full, and no further, whatever arrives: only a turn begun just before it filled may still hand on
                // its Ready (one each for the network's thread and the Raft thread, of at most two Readies).
                assertThat(backlogMax.get()).isBetween(APPLY_QUEUE_MAX, APPLY_QUEUE_MAX + 4);
                assertThat(driver.appliedIndex()).isEqualTo(10);
                assertThat(follower.applied()).isEmpty();
            }
            driver.awaitApplied(10 + sent, deadline());

            assertThat(driver.isRunning()).isTrue();
            assertThat(leader.entriesOf(follower.applied()))
                    .containsExactlyElementsOf(LongStream.rangeClosed(11, 10 + sent).boxed().toList());
            assertThat(follower.verdicts()).extracting(Outcome::status).containsOnly(Outcome.Status.COMMITTED);
            assertThat(rows(follower.db(), "account")).containsExactlyElementsOf(rows(leader.db(), "account"));
            assertThat(follower.db().dirtyRead("account", 0L).getLong("balance")).isEqualTo(sent);
            assertThat(follower.db().version()).isEqualTo(leader.db().version());
        }
    }

    /** The leader writes record {@code n} and sends it to the follower as the next entry, committed. */
    private static void deliver(Source leader, RaftDriver follower, String leaderName, long n) {
        List<CommitRecord> written = leader.write(1, k -> tx -> {
            tx.insert("account", Row.of(n, n));
            tx.write("account", Row.of(0L, n));
        });
        follower.onRaftMessage(leaderName, leader.append(LEADER, FOLLOWER, written));
    }

    private static TableDef accounts() {
        return TableDef.named("account").column("id", ColumnType.BIGINT).notNull()
                .column("balance", ColumnType.BIGINT).notNull().primaryKey("id").kind(TableKind.ORDERED_SET);
    }

    /**
     * Submits {@code p} and waits until the leader has taken it into the log (true) or refused it (false); while
     * applies are held it gets no verdict either way.
     */
    private static boolean appendedOrRefused(RaftDriver driver, Pending p) {
        driver.submit(p);
        long deadline = deadline();
        while (!p.maybeInLog()) {
            if (p.await(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1)) == Pending.Wake.RETRY) {
                return false;
            }
            assertThat(System.nanoTime() - deadline).as("record %d neither appended nor refused", p.sequence)
                    .isNegative();
        }
        return true;
    }

    /** The verdict on {@code p}, submitting it again while it is refused, as the replicated log does. */
    private static Outcome verdict(RaftDriver driver, Pending p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        if (!p.maybeInLog()) {
            p.resetForRetry();
            driver.submit(p);
        }
        while (true) {
            switch (p.await(deadline)) {
                case DONE -> {
                    driver.forget(p);
                    return p.result();
                }
                case RETRY -> {
                    p.resetForRetry();
                    RaftDriver.pause(TimeUnit.MILLISECONDS.toNanos(5));
                    driver.submit(p);
                }
                case TIMEOUT -> throw new AssertionError("no verdict on record " + p.sequence + " in time");
            }
        }
    }
}

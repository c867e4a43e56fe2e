package dev.mnemo.replication.cluster;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.DuplicateKeyException;
import dev.mnemo.engine.ExplicitTransaction;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.ForeignKeyViolationException;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.replication.transport.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Members in one JVM on loopback, over the real gRPC transport: forming, replicating, failing over, rejoining. */
class ClusterNodeTest {
    private static final Cookie COOKIE = Cookie.of("cluster-node-test-cookie");

    @TempDir
    Path dir;

    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (ClusterNode n : nodes) {
            n.close();
        }
    }

    private ClusterNode start(String name, int port, Path data, String... seeds) {
        ClusterConfig config = ClusterConfig.builder(name + "@127.0.0.1:" + port, COOKIE).dataDir(data).join(seeds)
                .tick(Duration.ofMillis(20)).writeTimeout(Duration.ofSeconds(4)).snapshotEntries(200).build();
        ClusterNode node = ClusterNode.start(config);
        nodes.add(node);
        return node;
    }

    private List<ClusterNode> threeMembers(boolean disc) {
        int pa = FreePorts.next();
        int pb = FreePorts.next();
        int pc = FreePorts.next();
        ClusterNode a = start("a", pa, disc ? dir.resolve("a") : null);
        a.awaitReady(Duration.ofSeconds(10));
        ClusterNode b = start("b", pb, disc ? dir.resolve("b") : null, "127.0.0.1:" + pa);
        ClusterNode c = start("c", pc, disc ? dir.resolve("c") : null, "a@127.0.0.1:" + pa);
        b.awaitReady(Duration.ofSeconds(20));
        c.awaitReady(Duration.ofSeconds(20));
        awaitVoters(a, 3);
        return List.of(a, b, c);
    }

    private static void awaitVoters(ClusterNode n, int voters) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (n.nodes().stream().filter(ClusterNode.MemberInfo::voter).count() < voters) {
            assertThat(System.nanoTime() - deadline).as("voters of " + n.nodes()).isNegative();
            RaftDriver.pause(20_000_000);
        }
    }

    private static void createAccounts(Mnemo db, Storage storage) {
        db.createTable(TableDef.named("account").column("id", ColumnType.BIGINT).notNull()
                .column("balance", ColumnType.BIGINT).notNull().primaryKey("id").kind(TableKind.ORDERED_SET)
                .storage(storage));
    }

    /** Accounts 1..20 with 100 each (2,000 in all), on every member before this returns. */
    private static void openTwentyAccounts(List<ClusterNode> members, Storage storage) {
        Mnemo first = members.get(0).db();
        createAccounts(first, storage);
        first.transaction(tx -> {
            for (long i = 1; i <= 20; i++) {
                tx.insert("account", Row.of(i, 100L));
            }
            return null;
        });
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
        }
    }

    @Test
    void threeMembersReplicateEveryWriteAndEveryMemberReadsItLocally() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode follower = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        createAccounts(follower.db(), Storage.RAM);
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5)); // reads are local: each member sees the table first
        }
        for (long i = 1; i <= 100; i++) {
            long id = i;
            members.get((int) (i % 3)).db().transaction(tx -> {
                tx.insert("account", Row.of(id, 1000L));
                return null;
            });
        }
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
            assertThat(n.db().size("account")).as(n.name()).isEqualTo(100);
            assertThat(n.db().dirtyRead("account", 77L).getLong("balance")).isEqualTo(1000L);
        }
        // A rule broken on a follower comes back as the engine's typed error, through the leader.
        assertThatThrownBy(() -> follower.db().transaction(tx -> {
            tx.insert("account", Row.of(5L, 1L));
            return null;
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(members.get(0).nodes()).extracting(ClusterNode.MemberInfo::voter).containsOnly(true);
    }

    /**
     * A walk over part of an ordered_set is checked on every member by what that part holds: a commit elsewhere in
     * the table leaves it valid, one inside makes it conflict, and every member comes to the same verdict.
     */
    @Test
    void aRangeReadConflictsOnlyWithCommitsInsideItOnEveryMember() {
        List<ClusterNode> members = threeMembers(false);
        openTwentyAccounts(members, Storage.RAM);
        Mnemo here = members.get(1).db();
        Mnemo there = members.get(2).db();
        ExplicitTransaction outside = here.begin();
        long sum = outside.select("account", KeyRange.all().from(true, 1L).to(true, 10L)).stream()
                .mapToLong(r -> r.getLong("balance")).sum();
        outside.write("account", Row.of(100L, sum));
        there.dirtyWrite("account", Row.of(15L, 0L));
        outside.commit();
        ExplicitTransaction inside = here.begin();
        inside.select("account", KeyRange.all().from(true, 1L).to(true, 10L));
        inside.write("account", Row.of(101L, 0L));
        there.dirtyWrite("account", Row.of(5L, 0L));
        assertThatThrownBy(inside::commit).isInstanceOf(TransactionConflictException.class);
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
            assertThat(n.db().dirtyRead("account", 100L).getLong("balance")).as(n.name()).isEqualTo(1000L);
            assertThat(n.db().dirtyRead("account", 101L)).as(n.name()).isNull();
            assertThat(n.db().dirtyRead("account", 15L).getLong("balance")).as(n.name()).isZero();
        }
    }

    /**
     * A member that reloaded its tables from a snapshot judges a transaction that read a whole table as the others do,
     * though that table last changed well before the snapshot was taken: each member's verdict rests on what the
     * table holds, not on when this member happened to load it.
     */
    @Test
    void aWholeTableReadIsJudgedAlikeByAMemberThatReloadedFromASnapshot() {
        List<ClusterNode> members = threeMembers(false);
        createAccounts(members.get(0).db(), Storage.RAM);
        members.get(0).db().createTable(TableDef.named("flag").column("id", ColumnType.BIGINT).notNull()
                .primaryKey("id"));
        members.get(0).db().dirtyWrite("flag", Row.of(1L));
        members.get(1).awaitLinearizable(Duration.ofSeconds(5));
        for (long i = 1; i <= 250; i++) { // past snapshotEntries: a member joining now loads a snapshot
            members.get(1).db().dirtyWrite("account", Row.of(i, i));
        }
        ClusterNode c = members.get(2);
        int cPort = c.config().name().port();
        c.close();
        nodes.remove(c);
        ClusterNode again = start("c", cPort, null, members.get(0).name());
        again.awaitReady(Duration.ofSeconds(20));
        awaitVoters(members.get(0), 3);
        List<ClusterNode> now = List.of(members.get(0), members.get(1), again);
        for (ClusterNode n : now) {
            n.awaitLinearizable(Duration.ofSeconds(5));
        }
        long id = 1000;
        for (ClusterNode origin : now) {
            long written = ++id;
            origin.db().transaction(tx -> {
                tx.readLockTable("flag");
                tx.write("account", Row.of(written, 0L));
                return null;
            });
            for (ClusterNode n : now) {
                n.awaitLinearizable(Duration.ofSeconds(5));
                assertThat(n.db().dirtyRead("account", written)).as(n.name() + " after a commit from " + origin.name())
                        .isNotNull();
            }
        }
    }

    /**
     * Parents whose keys change on one member while the others insert children of them: every member applies the
     * same ON UPDATE CASCADE (children moved, including those whose own key holds the parent's) and ends with the
     * same children, each referencing a parent that exists.
     */
    @Test
    void concurrentKeyChangesAndChildInsertsLeaveEveryMemberWithTheSameChildren() throws Exception {
        List<ClusterNode> members = threeMembers(false);
        Mnemo first = members.get(0).db();
        first.createTable(TableDef.named("parent").column("id", ColumnType.BIGINT).primaryKey("id"));
        ForeignKeyDef toParent = ForeignKeyDef.on("parent_id").references("parent")
                .onDelete(ForeignKeyAction.CASCADE).onUpdate(ForeignKeyAction.CASCADE);
        first.createTable(TableDef.named("item").column("id", ColumnType.BIGINT).column("parent_id", ColumnType.BIGINT)
                .primaryKey("id").foreignKey(toParent));
        first.createTable(TableDef.named("slot").column("parent_id", ColumnType.BIGINT).column("no", ColumnType.BIGINT)
                .primaryKey("parent_id", "no").kind(TableKind.ORDERED_SET).foreignKey(toParent));
        first.transaction(tx -> {
            for (long p = 1; p <= 5; p++) {
                tx.insert("parent", Row.of(p));
            }
            return null;
        });
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5)); // reads are local: each member sees the parents first
        }
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            Mnemo db = members.get(m).db();
            int member = m;
            clients.add(new Thread(() -> {
                java.util.SplittableRandom r = new java.util.SplittableRandom(member);
                for (int k = 0; k < 40; k++) {
                    long id = member * 1000L + k;
                    try {
                        db.transaction(tx -> {
                            List<Row> parents = tx.select("parent", KeyRange.all());
                            Row p = parents.get(r.nextInt(parents.size()));
                            if (member == 0) { // UPDATE parent SET id = <new> WHERE id = p
                                Row moved = Row.of(p.getLong("id") + 100);
                                tx.moved("parent", p, moved);
                                tx.delete("parent", p.getLong("id"));
                                return tx.insert("parent", moved);
                            }
                            tx.insert("item", Row.of(id, p.getLong("id")));
                            return tx.insert("slot", Row.of(p.getLong("id"), id));
                        });
                    } catch (ForeignKeyViolationException | DuplicateKeyException e) {
                        // a parent moved between the read and the apply: refused on every member alike
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            }));
        }
        clients.forEach(Thread::start);
        for (Thread c : clients) {
            c.join(60_000);
        }
        assertThat(errors).isEmpty();
        members.get(2).db().transaction(tx -> { // UPDATE parent SET id = id + 10000, from a third member
            for (Row p : tx.select("parent", KeyRange.all())) {
                Row moved = Row.of(p.getLong("id") + 10_000);
                tx.moved("parent", p, moved);
                tx.delete("parent", p.getLong("id"));
                tx.insert("parent", moved);
            }
            return null;
        });
        List<String> expected = null;
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(10));
            List<String> rows = n.db().transaction(tx -> {
                Set<Long> parents = new HashSet<>();
                tx.select("parent", KeyRange.all()).forEach(p -> parents.add(p.getLong("id")));
                List<String> out = new ArrayList<>();
                for (String table : List.of("item", "slot")) {
                    for (Row c : tx.select(table, KeyRange.all())) {
                        assertThat(parents).as(n.name() + " " + c).contains(c.getLong("parent_id"));
                        assertThat(c.getLong("parent_id")).as(n.name() + " " + c).isGreaterThan(10_000L);
                        out.add(table + " " + c);
                    }
                }
                out.sort(null);
                return out;
            });
            assertThat(rows).as(n.name()).hasSizeGreaterThan(20);
            if (expected == null) {
                expected = rows;
            }
            assertThat(rows).as(n.name()).isEqualTo(expected);
        }
        assertThat(members.get(1).db().version()).isEqualTo(members.get(0).db().version());
    }

    @Test
    void aMemberWhoseEngineHoldsAppliesKeepsTheLogOrderAndCatchesUpWhenReleased() throws Exception {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode held = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        createAccounts(leader.db(), Storage.RAM);
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
        }
        // A snapshot holds the follower's applies while it writes: its stream blocks until the test lets it go.
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.io.OutputStream blocking = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
        };
        java.util.concurrent.ExecutorService side = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Long> snapshot = side.submit(() -> held.db().snapshot(blocking));
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (long i = 1; i <= 50; i++) {
                long id = i;
                leader.db().transaction(tx -> {
                    tx.insert("account", Row.of(id, id));
                    return null;
                }); // the leader and the other follower form the quorum
            }
            java.util.concurrent.Future<?> ownWrite = side.submit(() -> held.db().transaction(tx -> {
                tx.insert("account", Row.of(1000L, 7L));
                return null;
            }));
            RaftDriver.pause(200_000_000);
            // Committed but not applied here: the entries wait for the engine, and the member's own write with them.
            assertThat(held.db().size("account")).isZero();
            assertThat(ownWrite).isNotDone();
            release.countDown();
            snapshot.get(10, java.util.concurrent.TimeUnit.SECONDS);
            ownWrite.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            release.countDown();
            side.shutdownNow();
        }
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
            assertThat(n.db().size("account")).as(n.name()).isEqualTo(51);
            for (long i = 1; i <= 50; i++) {
                assertThat(n.db().dirtyRead("account", i).getLong("balance")).isEqualTo(i);
            }
            assertThat(n.db().dirtyRead("account", 1000L).getLong("balance")).isEqualTo(7L);
        }
    }

    @Test
    void manyWritersOnAFollowerEachSeeTheirOwnRecordLand() throws Exception {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode follower = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        createAccounts(leader.db(), Storage.RAM);
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
        }
        // Many writers on one follower at once, their forwarded records grouped into shared entries by the leader:
        // each writer gets its own verdict (the duplicate-key refusals included) and every record lands once.
        int writers = 24;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long id = writer * 1000L + i;
                        follower.db().transaction(tx -> {
                            tx.insert("account", Row.of(id, id));
                            return null;
                        });
                        try {
                            follower.db().transaction(tx -> {
                                tx.insert("account", Row.of(id, -1L));
                                return null;
                            });
                        } catch (DuplicateKeyException expected) {
                            duplicates.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).hasValue(writers * each);
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
            assertThat(n.db().size("account")).as(n.name()).isEqualTo(writers * each);
            assertThat(n.db().dirtyRead("account", 23_024L).getLong("balance")).isEqualTo(23_024L);
        }
    }

    @Test
    void transfersKeepTheirTotalAcrossALeaderFailover() throws Exception {
        List<ClusterNode> members = threeMembers(true);
        openTwentyAccounts(members, Storage.DISC);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        List<ClusterNode> survivors = members.stream().filter(n -> n != leader).toList();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong acknowledged = new java.util.concurrent.atomic.AtomicLong();
        for (int t = 0; t < 2; t++) {
            Mnemo db = survivors.get(t).db();
            int seed = t;
            Thread client = new Thread(() -> {
                java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                for (int k = 0; k < 150; k++) {
                    long from = 1 + r.nextInt(20);
                    long to = 1 + r.nextInt(20);
                    try {
                        db.transaction(tx -> {
                            Row a = tx.read("account", from);
                            Row b = tx.read("account", to);
                            tx.write("account", a.with("balance", a.getLong("balance") - 1));
                            tx.write("account", tx.read("account", to).with("balance",
                                    (from == to ? a.getLong("balance") - 1 : b.getLong("balance")) + 1));
                            return null;
                        });
                        acknowledged.incrementAndGet();
                    } catch (NoQuorumException | CommitUnknownException e) {
                        // the failover window: typed, bounded, and the total must still hold
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            });
            clients.add(client);
            client.start();
        }
        Thread.sleep(150);
        leader.close();
        for (Thread c : clients) {
            c.join(60_000);
        }
        assertThat(errors).isEmpty();
        assertThat(acknowledged.get()).isPositive();
        for (ClusterNode n : survivors) {
            n.awaitLinearizable(Duration.ofSeconds(10));
            long total = n.db().transaction(tx -> {
                long sum = 0;
                for (Row row : tx.select("account", dev.mnemo.engine.KeyRange.all())) {
                    sum += row.getLong("balance");
                }
                return sum;
            });
            assertThat(total).as(n.name()).isEqualTo(2000L);
        }
        assertThat(survivors.get(0).db().version()).isEqualTo(survivors.get(1).db().version());
    }

    /**
     * Asynchronous transactions across a leader failover (the leader cut off): many in flight from both other
     * members, each transfer with a receipt row. Every transfer whose future completed is on every survivor; one
     * refused (NoQuorumException, or conflicts past the retries) is on none; the total holds either way.
     */
    @Test
    void asyncTransfersInFlightAcrossALeaderCutOffLoseNoAcknowledgedOne() throws Exception {
        List<ClusterNode> members = threeMembers(false);
        members.get(0).db().createTable(TableDef.named("receipt").column("id", ColumnType.BIGINT).notNull()
                .primaryKey("id"));
        openTwentyAccounts(members, Storage.RAM);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        List<ClusterNode> survivors = members.stream().filter(n -> n != leader).toList();
        Map<Long, CompletableFuture<Long>> sent = new ConcurrentHashMap<>();
        List<Thread> launchers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Mnemo db = survivors.get(t).db();
            long base = 1_000_000L * (t + 1);
            launchers.add(new Thread(() -> {
                Semaphore window = new Semaphore(8);
                java.util.SplittableRandom r = new java.util.SplittableRandom(base);
                for (long k = 0; k < 2_000; k++) {
                    long receipt = base + k;
                    long from = 1 + r.nextInt(20);
                    long to = 1 + (from + r.nextInt(19)) % 20;
                    window.acquireUninterruptibly();
                    CompletableFuture<Long> f = db.transactionAsync(tx -> {
                        Row a = tx.read("account", from);
                        Row b = tx.read("account", to);
                        tx.write("account", a.with("balance", a.getLong("balance") - 1));
                        tx.write("account", b.with("balance", b.getLong("balance") + 1));
                        tx.insert("receipt", Row.of(receipt));
                        return receipt;
                    });
                    sent.put(receipt, f);
                    f.whenComplete((v, e) -> window.release());
                }
            }));
        }
        launchers.forEach(Thread::start);
        Thread.sleep(150);
        // The leader is cut off mid-stream: forwards in flight to it are lost or answered late.
        leader.cutOff(Set.of(survivors.get(0).name(), survivors.get(1).name()));
        for (ClusterNode n : survivors) {
            n.cutOff(Set.of(leader.name()));
        }
        for (Thread l : launchers) {
            l.join(60_000);
        }
        Set<Long> acknowledged = new HashSet<>();
        Set<Long> refused = new HashSet<>();
        List<Throwable> unexpected = new ArrayList<>();
        for (Map.Entry<Long, CompletableFuture<Long>> e : sent.entrySet()) {
            try {
                acknowledged.add(e.getValue().get(60, TimeUnit.SECONDS));
            } catch (ExecutionException x) {
                if (x.getCause() instanceof NoQuorumException
                        || x.getCause() instanceof dev.mnemo.engine.TransactionConflictException) {
                    refused.add(e.getKey()); // both mean the transfer committed nowhere
                } else if (!(x.getCause() instanceof CommitUnknownException)) {
                    unexpected.add(x.getCause());
                }
            }
        }
        System.out.printf("async transfers across a failover: %d acknowledged, %d refused, %d unknown%n",
                acknowledged.size(), refused.size(), sent.size() - acknowledged.size() - refused.size());
        assertThat(unexpected).isEmpty();
        assertThat(acknowledged).isNotEmpty();
        for (ClusterNode n : survivors) {
            n.awaitLinearizable(Duration.ofSeconds(10));
            Set<Long> receipts = new HashSet<>();
            long total = n.db().transaction(tx -> {
                receipts.clear();
                tx.select("receipt", dev.mnemo.engine.KeyRange.all()).forEach(row -> receipts.add(row.getLong("id")));
                return tx.select("account", dev.mnemo.engine.KeyRange.all()).stream()
                        .mapToLong(row -> row.getLong("balance")).sum();
            });
            assertThat(total).as(n.name()).isEqualTo(2000L);
            assertThat(receipts).as("every acknowledged transfer on " + n.name()).containsAll(acknowledged);
            assertThat(refused).as("no refused transfer on " + n.name()).doesNotContainAnyElementsOf(receipts);
        }
        assertThat(survivors.get(0).db().version()).isEqualTo(survivors.get(1).db().version());
    }

    /** A member closed with asynchronous writes in flight answers every one of them, and its timer stops. */
    @Test
    void closingAMemberWithAsyncWritesInFlightAnswersEveryOne() throws Exception {
        List<ClusterNode> members = threeMembers(false);
        openTwentyAccounts(members, Storage.RAM);
        ClusterNode follower = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        List<CompletableFuture<Object>> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread launcher = new Thread(() -> {
            for (long n = 0; n < 20_000; n++) {
                long id = 1 + n % 20;
                try {
                    sent.add(follower.db().transactionAsync(tx -> {
                        tx.write("account", Row.of(id, id));
                        return null;
                    }));
                } catch (dev.mnemo.engine.DatabaseClosedException e) {
                    return;
                }
            }
        });
        launcher.start();
        while (sent.size() < 500 && launcher.isAlive()) {
            Thread.sleep(1);
        }
        follower.close();
        launcher.join(60_000);
        for (CompletableFuture<Object> f : List.copyOf(sent)) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(dev.mnemo.engine.MnemoException.class);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("mnemo-commit-timer"))) {
            assertThat(System.nanoTime() - deadline).as("the commit timer stops after the close").isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void anAsyncWriteOnAMemberCutOffFailsWithNoQuorumWithinTheTimeoutAndSucceedsOnceHealed() throws Exception {
        List<ClusterNode> members = threeMembers(false);
        createAccounts(members.get(0).db(), Storage.RAM);
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
        }
        ClusterNode lone = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        List<ClusterNode> others = members.stream().filter(n -> n != lone).toList();
        lone.cutOff(Set.of(others.get(0).name(), others.get(1).name()));
        for (ClusterNode n : others) {
            n.cutOff(Set.of(lone.name()));
        }
        CompletableFuture<Object> write = lone.db().transactionAsync(tx -> {
            tx.write("account", Row.of(2L, 2L));
            return null;
        });
        assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(NoQuorumException.class);
        lone.cutOff(Set.of());
        for (ClusterNode n : others) {
            n.cutOff(Set.of());
        }
        lone.awaitReady(Duration.ofSeconds(10));
        lone.db().transactionAsync(tx -> {
            tx.write("account", Row.of(4L, 4L));
            return null;
        }).get(10, TimeUnit.SECONDS);
        others.get(0).awaitLinearizable(Duration.ofSeconds(5));
        assertThat(others.get(0).db().dirtyRead("account", 4L)).isNotNull();
        assertThat(others.get(0).db().dirtyRead("account", 2L)).as("the refused write is nowhere").isNull();
    }

    @Test
    void everyMemberReportsOneLeaderAndTwoFollowersAndTheLeaderTracksEach() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        for (ClusterNode n : members) {
            ClusterStatus s = n.status();
            assertThat(s.self()).isEqualTo(n.name());
            assertThat(s.leader()).as(n.name()).isEqualTo(leader.name());
            assertThat(s.term()).isPositive();
            assertThat(s.appliedIndex()).isPositive().isLessThanOrEqualTo(s.commitIndex());
            assertThat(s.members()).extracting(ClusterStatus.Member::role).containsExactlyInAnyOrder(
                    ClusterStatus.Role.LEADER, ClusterStatus.Role.FOLLOWER, ClusterStatus.Role.FOLLOWER);
            assertThat(s.members()).filteredOn(ClusterStatus.Member::self).extracting(ClusterStatus.Member::name)
                    .containsExactly(n.name());
        }
        ClusterStatus seen = leader.status();
        assertThat(seen.isLeader()).isTrue();
        assertThat(seen.members()).allSatisfy(m -> {
            assertThat(m.reach()).as(m.name()).isEqualTo(ClusterStatus.Reach.YES);
            assertThat(m.matchIndex()).as(m.name()).isPositive();
            assertThat(m.sinceContact()).as(m.name()).isLessThan(Duration.ofSeconds(1));
        });
        ClusterNode follower = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        assertThat(follower.status().members()).allSatisfy(m -> assertThat(m.matchIndex()).isEqualTo(-1));
    }

    @Test
    void aSurvivorReportsTheLeaderAndTheKilledMemberUnreachable() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode killed = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        killed.close();
        Duration timeout = leader.config().tick().multipliedBy(leader.config().electionTicks());
        RaftDriver.pause(timeout.multipliedBy(3).toNanos());
        ClusterStatus s = leader.status();
        assertThat(s.leader()).isEqualTo(leader.name());
        ClusterStatus.Member gone = s.members().stream().filter(m -> m.name().equals(killed.name())).findFirst()
                .orElseThrow();
        assertThat(gone.reach()).isEqualTo(ClusterStatus.Reach.NO);
        assertThat(gone.sinceContact()).isGreaterThan(timeout);
        ClusterNode other = members.stream().filter(n -> n != leader && n != killed).findFirst().orElseThrow();
        assertThat(other.status().leader()).isEqualTo(leader.name());
    }

    @Test
    void aKilledMemberRemovedByNameLeavesTwoVotersThatStillCommit() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode killed = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        ClusterNode other = members.stream().filter(n -> n != leader && n != killed).findFirst().orElseThrow();
        killed.close();
        leader.removeMember(killed.name().substring(0, killed.name().indexOf('@')));

        assertThat(leader.nodes()).extracting(ClusterNode.MemberInfo::name)
                .containsExactlyInAnyOrder(leader.name(), other.name());
        assertThat(leader.status().members()).filteredOn(ClusterStatus.Member::voter).hasSize(2);
        createAccounts(other.db(), Storage.RAM);
        other.db().transaction(tx -> {
            tx.insert("account", Row.of(1L, 5L));
            return null;
        });
        leader.awaitLinearizable(Duration.ofSeconds(5));
        assertThat(leader.db().dirtyRead("account", 1L).getLong("balance")).isEqualTo(5L);
        other.awaitLinearizable(Duration.ofSeconds(5));
        assertThat(other.nodes()).hasSize(2);
    }

    @Test
    void aRemovalThatALeaderCutOffCannotCommitHasAnUnknownOutcome40003() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        List<ClusterNode> followers = members.stream().filter(n -> n != leader).toList();
        leader.cutOff(Set.of(followers.get(0).name(), followers.get(1).name()));
        for (ClusterNode n : followers) {
            n.cutOff(Set.of(leader.name()));
        }
        // The entry is in the cut-off leader's log: a new leader may still commit it, so nothing is "not committed".
        assertThatThrownBy(() -> leader.removeMember(followers.get(0).name()))
                .isInstanceOfSatisfying(CommitUnknownException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("40003");
                    assertThat(e.getMessage()).contains("may still take effect", "mnemo status");
                });
    }

    @Test
    void removingAnUnknownNameTheLeaderOrOnAFollowerIsRefusedWithItsReason() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode follower = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        assertRefused(() -> leader.removeMember("nobody"), MembershipChangeException.Reason.UNKNOWN_MEMBER,
                "no member named nobody");
        assertRefused(() -> leader.removeMember(leader.name()), MembershipChangeException.Reason.LEADER_ITSELF,
                "it is the leader", "leave");
        assertRefused(() -> follower.removeMember(leader.name()), MembershipChangeException.Reason.NOT_LEADER,
                "ask " + leader.name());
        assertThat(leader.nodes()).hasSize(3);
    }

    @Test
    void removingALiveFollowerWhileAnotherIsDownIsRefusedForWantOfAnActiveMajority() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        List<ClusterNode> followers = members.stream().filter(n -> n != leader).toList();
        followers.get(0).close();
        RaftDriver.pause(leader.config().tick().multipliedBy(leader.config().electionTicks() * 3L).toNanos());
        // The two voters left would be the leader and the member that is down: the change could never commit.
        assertRefused(() -> leader.removeMember(followers.get(1).name()),
                MembershipChangeException.Reason.NO_ACTIVE_QUORUM, "cannot remove " + followers.get(1).name(),
                "majority");
        assertThat(leader.nodes()).hasSize(3);
        assertThat(leader.isLeader()).isTrue();
    }

    @Test
    void aSecondMemberUnderATakenShortNameIsRefusedAndNeverBecomesReady42710() {
        int pa = FreePorts.next();
        ClusterNode a = start("a", pa, null);
        a.awaitReady(Duration.ofSeconds(10));
        ClusterNode twin = start("a", FreePorts.next(), dir.resolve("twin"), "127.0.0.1:" + pa);
        assertThatThrownBy(() -> twin.awaitReady(Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(MembershipChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MembershipChangeException.Reason.NAME_TAKEN);
                    assertThat(e.sqlState()).isEqualTo("42710");
                })
                .hasMessageContaining(twin.name() + " cannot join").hasMessageContaining("name a is taken by "
                        + a.name());
        assertThat(a.nodes()).extracting(ClusterNode.MemberInfo::name).containsExactly(a.name());
    }

    @Test
    void theLastVoterCannotBeRemoved() {
        ClusterNode a = start("a", FreePorts.next(), null);
        a.awaitReady(Duration.ofSeconds(10));
        assertRefused(() -> a.removeMember("a"), MembershipChangeException.Reason.LAST_VOTER, "last voter");
        assertThat(a.nodes()).hasSize(1);
    }

    private static void assertRefused(Runnable removal, MembershipChangeException.Reason reason, String... words) {
        assertThatThrownBy(removal::run).isInstanceOfSatisfying(MembershipChangeException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(words);
            assertThat(e.sqlState()).isEqualTo(switch (reason) {
                case UNKNOWN_MEMBER -> "42704";
                case AMBIGUOUS_MEMBER -> "42725";
                case CHANGE_PENDING -> "55006";
                default -> "55000";
            });
        });
    }

    @Test
    void aMemberWithADataDirectoryRestartsAndCatchesUp() {
        List<ClusterNode> members = threeMembers(true);
        createAccounts(members.get(0).db(), Storage.DISC);
        ClusterNode c = members.get(2);
        String cName = c.name();
        int cPort = c.config().name().port();
        for (long i = 1; i <= 300; i++) { // past snapshotEntries: c restarts from a snapshot plus the log
            members.get(0).db().dirtyWrite("account", Row.of(i, i));
        }
        c.close();
        nodes.remove(c);
        members.get(1).awaitLinearizable(Duration.ofSeconds(5));
        for (long i = 301; i <= 400; i++) {
            members.get(1).db().dirtyWrite("account", Row.of(i, i));
        }
        ClusterNode again = start(cName.substring(0, 1), cPort, dir.resolve("c"));
        assertThat(again.id()).isEqualTo(c.id());
        again.awaitReady(Duration.ofSeconds(20));
        assertThat(again.db().size("account")).isEqualTo(400);
        assertThat(again.db().dirtyRead("account", 350L).getLong("balance")).isEqualTo(350L);
    }

    @Test
    void aMemberRemovedWhileDownLearnsItAfterARestartAndRefusesWritesWithAdviceToRejoin() {
        List<ClusterNode> members = threeMembers(true);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode gone = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        ClusterNode other = members.stream().filter(n -> n != leader && n != gone).findFirst().orElseThrow();
        String goneName = gone.name().substring(0, gone.name().indexOf('@'));
        Path goneDir = gone.config().dataDir();
        createAccounts(leader.db(), Storage.DISC);
        gone.awaitLinearizable(Duration.ofSeconds(5));
        gone.close();
        nodes.remove(gone);
        leader.removeMember(goneName);
        long term = leader.status().term();
        assertThat(other.isRemoved()).isFalse();

        ClusterNode back = start(goneName, gone.config().name().port(), goneDir);
        assertThat(back.id()).isEqualTo(gone.id());
        assertThatThrownBy(() -> back.awaitReady(Duration.ofSeconds(10)))
                .isInstanceOf(MemberRemovedException.class).hasMessageContaining("was removed from the cluster")
                .hasMessageContaining("empty its data directory " + goneDir);
        assertThat(back.isRemoved()).isTrue();
        ClusterStatus.Member self = back.status().members().stream().filter(ClusterStatus.Member::self)
                .findFirst().orElseThrow();
        assertThat(self.role()).isEqualTo(ClusterStatus.Role.REMOVED);
        assertThatThrownBy(() -> back.db().dirtyWrite("account", Row.of(1L, 1L)))
                .isInstanceOf(MemberRemovedException.class).hasMessageContaining("takes no writes");

        RaftDriver.pause(Duration.ofSeconds(1).toNanos()); // several election timeouts: it asks for no more votes
        assertThat(leader.isLeader()).isTrue();
        assertThat(leader.status().term()).isEqualTo(term);
        assertThat(other.isRemoved()).isFalse();
        other.db().dirtyWrite("account", Row.of(2L, 2L));
        assertThat(leader.status().members()).extracting(ClusterStatus.Member::name)
                .containsExactlyInAnyOrder(leader.name(), other.name());
    }

    @Test
    void aMemberRefusedForGoodStopsJoiningAndIsNeverReady() throws Exception {
        List<ClusterNode> members = threeMembers(true);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode gone = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        String goneName = gone.name().substring(0, gone.name().indexOf('@'));
        Path goneDir = gone.config().dataDir();
        gone.close();
        nodes.remove(gone);
        leader.removeMember(goneName);
        // Its log is lost but its id file is kept: it asks to join again under its removed id.
        try (var files = Files.walk(goneDir.resolve("raft"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        ClusterNode back = start(goneName, gone.config().name().port(), goneDir, leader.name());
        assertThat(back.id()).isEqualTo(gone.id());
        assertThatThrownBy(() -> back.awaitReady(Duration.ofSeconds(10)))
                .isInstanceOf(MembershipChangeException.class).hasMessageContaining("was removed from the cluster")
                .satisfies(e -> assertThat(((MembershipChangeException) e).reason())
                        .isEqualTo(MembershipChangeException.Reason.JOIN_REFUSED));
        assertThatThrownBy(() -> back.connect(leader.name())).isInstanceOf(MembershipChangeException.class)
                .hasMessageContaining("cannot return under the same id");
    }

    @Test
    void aMemberRemovedWhileUpReportsItselfRemoved() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode removed = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        createAccounts(leader.db(), Storage.RAM);
        removed.awaitLinearizable(Duration.ofSeconds(5));
        leader.removeMember(removed.name());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!removed.isRemoved()) {
            assertThat(System.nanoTime() - deadline).as("removed learns of its removal").isNegative();
            RaftDriver.pause(20_000_000);
        }
        assertThat(removed.status().members()).filteredOn(ClusterStatus.Member::self)
                .extracting(ClusterStatus.Member::role).containsExactly(ClusterStatus.Role.REMOVED);
        assertThatThrownBy(() -> removed.db().dirtyWrite("account", Row.of(1L, 1L)))
                .isInstanceOf(MemberRemovedException.class);
    }

    @Test
    void aMemberWithoutDiskRejoinsUnderANewIdAndReloadsFromAPeer() {
        List<ClusterNode> members = threeMembers(false);
        createAccounts(members.get(0).db(), Storage.RAM);
        members.get(1).awaitLinearizable(Duration.ofSeconds(5)); // reads are local: see the new table first
        for (long i = 1; i <= 250; i++) {
            members.get(1).db().dirtyWrite("account", Row.of(i, i));
        }
        ClusterNode c = members.get(2);
        int cPort = c.config().name().port();
        long oldId = c.id();
        c.close();
        nodes.remove(c);
        ClusterNode again = start("c", cPort, null, members.get(0).name());
        again.awaitReady(Duration.ofSeconds(20));
        assertThat(again.id()).isNotEqualTo(oldId);
        assertThat(again.db().size("account")).isEqualTo(250);
        awaitVoters(members.get(0), 3);
        assertThat(members.get(0).nodes()).extracting(ClusterNode.MemberInfo::id).doesNotContain(oldId);
    }

    @Test
    void aMemberCutOffRefusesWritesWithinTheTimeoutAndHealsByItself() {
        List<ClusterNode> members = threeMembers(false);
        createAccounts(members.get(0).db(), Storage.RAM);
        members.get(0).db().dirtyWrite("account", Row.of(1L, 1L));
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
        }
        ClusterNode lone = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        List<ClusterNode> others = members.stream().filter(n -> n != lone).toList();
        lone.cutOff(java.util.Set.of(others.get(0).name(), others.get(1).name()));
        for (ClusterNode n : others) {
            n.cutOff(java.util.Set.of(lone.name()));
        }
        long started = System.nanoTime();
        assertThatThrownBy(() -> lone.db().dirtyWrite("account", Row.of(2L, 2L)))
                .isInstanceOf(NoQuorumException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> lone.awaitLinearizable(Duration.ofMillis(500)))
                .isInstanceOf(NoQuorumException.class);
        // The majority goes on; the member cut off still answers local reads from what it has.
        others.get(1).db().dirtyWrite("account", Row.of(3L, 3L));
        assertThat(lone.db().dirtyRead("account", 1L)).isNotNull();
        assertThat(lone.db().dirtyRead("account", 3L)).isNull();
        // Heal: it catches up and takes writes again, with no operator action.
        lone.cutOff(java.util.Set.of());
        for (ClusterNode n : others) {
            n.cutOff(java.util.Set.of());
        }
        lone.awaitReady(Duration.ofSeconds(10));
        assertThat(lone.db().dirtyRead("account", 3L)).isNotNull();
        lone.db().dirtyWrite("account", Row.of(4L, 4L));
        others.get(0).awaitLinearizable(Duration.ofSeconds(5));
        assertThat(others.get(0).db().size("account")).isEqualTo(3);
        assertThat(lone.db().version()).isEqualTo(others.get(0).db().version());
    }

    @Test
    void aWrongCookieNeverJoins() {
        int pa = FreePorts.next();
        ClusterNode a = start("a", pa, null);
        a.awaitReady(Duration.ofSeconds(10));
        ClusterConfig intruder = ClusterConfig.builder("x@127.0.0.1:" + FreePorts.next(), Cookie.of("not-the-cookie"))
                .join("127.0.0.1:" + pa).tick(Duration.ofMillis(20)).build();
        ClusterNode x = ClusterNode.start(intruder);
        nodes.add(x);
        assertThatThrownBy(() -> x.awaitReady(Duration.ofSeconds(2))).isInstanceOf(NoQuorumException.class);
        assertThat(a.nodes()).hasSize(1);
    }

    @Test
    void connectEventsAndAGracefulLeave() {
        ClusterNode a = start("a", FreePorts.next(), null);
        a.awaitReady(Duration.ofSeconds(10));
        List<ClusterEvent> seen = new CopyOnWriteArrayList<>();
        a.addListener(seen::add);
        // b starts with a seed nobody answers at, then connects to a explicitly.
        ClusterNode b = start("b", FreePorts.next(), null, "127.0.0.1:" + FreePorts.next());
        b.connect(a.name());
        b.awaitReady(Duration.ofSeconds(20));
        awaitVoters(a, 2);
        assertThatThrownBy(() -> b.connect(a.name())).isInstanceOf(IllegalStateException.class);
        b.leave();
        nodes.remove(b);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (a.nodes().size() > 1 && System.nanoTime() < deadline) {
            RaftDriver.pause(20_000_000);
        }
        assertThat(a.nodes()).extracting(ClusterNode.MemberInfo::name).containsExactly(a.name());
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen.stream().noneMatch(e -> e instanceof ClusterEvent.NodeDown) && System.nanoTime() < deadline) {
            RaftDriver.pause(20_000_000);
        }
        assertThat(seen).contains(new ClusterEvent.NodeUp(b.name()),
                new ClusterEvent.MembershipChanged(b.name(), ClusterEvent.Change.ADDED_LEARNER),
                new ClusterEvent.MembershipChanged(b.name(), ClusterEvent.Change.PROMOTED_TO_VOTER),
                new ClusterEvent.MembershipChanged(b.name(), ClusterEvent.Change.REMOVED),
                new ClusterEvent.NodeDown(b.name()));
        // The remaining member still takes writes on its own.
        createAccounts(a.db(), Storage.RAM);
        a.db().dirtyWrite("account", Row.of(1L, 1L));
        assertThat(a.db().size("account")).isEqualTo(1);
    }

    @Test
    void aDataDirectoryBelongsToOneMember() {
        int port = FreePorts.next();
        ClusterNode a = start("a", port, dir.resolve("a"));
        a.awaitReady(Duration.ofSeconds(10));
        a.close();
        nodes.remove(a);
        assertThat(ClusterNode.memberOf(dir.resolve("a"))).as("what a launcher reads first").contains(a.name());
        assertThat(ClusterNode.memberOf(dir.resolve("unused"))).isEmpty();
        assertThatThrownBy(() -> start("z", port, dir.resolve("a"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to member a@127.0.0.1:" + port);
    }

    @Test
    void anEmptyOrDamagedMemberIdFileStopsTheMemberWithAClearMessageAndTheRestoredFileStartsItAgain()
            throws IOException {
        int port = FreePorts.next();
        Path data = dir.resolve("a");
        ClusterNode a = start("a", port, data);
        a.awaitReady(Duration.ofSeconds(10));
        createAccounts(a.db(), Storage.DISC);
        a.db().dirtyWrite("account", Row.of(1L, 1L));
        long id = a.id();
        a.close();
        nodes.remove(a);
        Path idFile = data.resolve("member-id");
        byte[] original = Files.readAllBytes(idFile);
        String name = "a@127.0.0.1:" + port;
        for (String damaged : List.of("", "\n", "\0\0\0\0", id + "", "x" + id + " " + name, "-1 " + name)) {
            Files.writeString(idFile, damaged);
            assertThatThrownBy(() -> start("a", port, data)).as("member id file holding '%s'", damaged)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("member id file " + idFile + " is " + (damaged.isBlank() ? "empty"
                            : "damaged"))
                    .hasMessageContaining("'<id> " + name + "'");
        }
        Files.write(idFile, original);
        ClusterNode restored = start("a", port, data);
        restored.awaitReady(Duration.ofSeconds(10));
        assertThat(restored.id()).isEqualTo(id);
        assertThat(restored.db().size("account")).isEqualTo(1);
    }

    @Test
    void aMemberWhoseIdFileIsGoneRefusesToStartUnderANewIdentity() throws IOException {
        int port = FreePorts.next();
        Path data = dir.resolve("a");
        ClusterNode a = start("a", port, data);
        a.awaitReady(Duration.ofSeconds(10));
        long id = a.id();
        a.close();
        nodes.remove(a);
        Path idFile = data.resolve("member-id");
        byte[] original = Files.readAllBytes(idFile);
        Files.delete(idFile);
        assertThatThrownBy(() -> start("a", port, data)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a member's Raft log but no member-id file");
        assertThat(idFile).as("no new identity written").doesNotExist();
        Files.write(idFile, original);
        ClusterNode restored = start("a", port, data);
        restored.awaitReady(Duration.ofSeconds(10));
        assertThat(restored.id()).isEqualTo(id);
    }

    @Test
    void eachMemberRunsItsNetworkOnThreadsOfItsOwnAndStopsThemWhenItCloses() throws Exception {
        int pa = FreePorts.next();
        ClusterNode a = start("a", pa, null);
        a.awaitReady(Duration.ofSeconds(10));
        ClusterConfig twoThreads = ClusterConfig.builder("b@127.0.0.1:" + FreePorts.next(), COOKIE)
                .join("a@127.0.0.1:" + pa).tick(Duration.ofMillis(20))
                .transport(TransportOptions.defaults().withNetworkThreads(2)).build();
        ClusterNode b = ClusterNode.start(twoThreads);
        nodes.add(b);
        b.awaitReady(Duration.ofSeconds(20));
        createAccounts(b.db(), Storage.RAM);
        for (long i = 1; i <= 20; i++) { // b works on its two threads (both start with its server)
            long id = i;
            b.db().transaction(tx -> {
                tx.insert("account", Row.of(id, 1L));
                return null;
            });
        }
        assertThat(networkThreads(a)).as("a's default").hasSize(1);
        assertThat(networkThreads(b)).as("b's, as configured").hasSize(2);

        b.close();
        nodes.remove(b);
        awaitNoNetworkThreads(b.name());
        assertThat(networkThreads(a)).as("a's threads are a's alone").hasSize(1);

        // A member that cannot start (its port taken by a) stops the threads it made.
        ClusterConfig clash = ClusterConfig.builder("c@127.0.0.1:" + pa, COOKIE).join(a.name()).build();
        assertThatThrownBy(() -> ClusterNode.start(clash)).hasMessageContaining("cannot listen");
        awaitNoNetworkThreads("c@127.0.0.1:" + pa);
    }

    private static List<Thread> networkThreads(ClusterNode n) {
        return networkThreads(n.name());
    }

    /** The live threads of a member's network event loop. */
    private static List<Thread> networkThreads(String member) {
        String prefix = "mnemo-net-" + member + "-";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
    }

    /** Waits for a closed member's network threads to end (close waits for them; the JVM takes a moment). */
    private static void awaitNoNetworkThreads(String member) throws InterruptedException {
        for (Thread t : networkThreads(member)) {
            t.join(Duration.ofSeconds(5).toMillis());
            assertThat(t.isAlive()).as(t.getName() + " still running").isFalse();
        }
    }

    @Test
    void aMemberJoinsThroughASeedThatIsNotTheLeader() {
        int pa = FreePorts.next();
        ClusterNode a = start("a", pa, null);
        a.awaitReady(Duration.ofSeconds(10));
        ClusterNode b = start("b", FreePorts.next(), null, "a@127.0.0.1:" + pa);
        b.awaitReady(Duration.ofSeconds(20));
        assertThat(b.isLeader()).isFalse();
        ClusterNode c = start("c", FreePorts.next(), null, b.name()); // only the follower is named
        c.awaitReady(Duration.ofSeconds(20));
        awaitVoters(a, 3);
        assertThat(c.nodes()).extracting(ClusterNode.MemberInfo::name).contains(a.name(), b.name(), c.name());
    }

    @Test
    void aTransactionTooLargeForOneLogEntryFailsAtOnceAndHarmsNothing() {
        List<ClusterNode> members = threeMembers(false);
        ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElseThrow();
        ClusterNode follower = members.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        leader.db().createTable(TableDef.named("blob").column("id", ColumnType.BIGINT).notNull()
                .column("data", ColumnType.varbinary(1_000_000)).primaryKey("id"));
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
        }
        byte[] big = new byte[900_000];
        for (ClusterNode n : List.of(leader, follower)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> n.db().transaction(tx -> {
                for (long i = 1; i <= 6; i++) { // ~5.4 MB: more than one transport frame (4 MiB)
                    tx.write("blob", Row.of(i, big));
                }
                return null;
            })).isInstanceOf(dev.mnemo.engine.MnemoException.class)
                    .extracting(e -> ((dev.mnemo.engine.MnemoException) e).sqlState()).isEqualTo("54000");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(n.name()).isLessThan(Duration.ofSeconds(3));
            n.db().dirtyWrite("blob", Row.of(100L, new byte[] {1}));
        }
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
            assertThat(n.db().size("blob")).isEqualTo(1);
        }
    }

    /**
     * A nemesis cuts the network again and again while clients on every member run transfers: a member isolated
     * (sometimes the leader), or two members cut from each other while both still reach the third. Each transfer
     * also inserts a ledger row under an id of its own, so every acknowledged transfer can be looked for after
     * healing. Then: every acknowledged transfer is on every member, none that was refused is, each balance is
     * its opening balance plus the ledger's transfers (no half-applied transaction), and the members hold the
     * same rows. Any failure prints the cuts made, in order, and the seed they were drawn from (which cut a round
     * makes also depends on which member led at that moment).
     */
    @Test
    void repeatedPartitionsLoseNoAcknowledgedTransfer() throws Exception {
        long seed = System.nanoTime();
        java.util.SplittableRandom faults = new java.util.SplittableRandom(seed);
        List<ClusterNode> members = threeMembers(true);
        Mnemo first = members.get(0).db();
        createAccounts(first, Storage.DISC);
        first.createTable(TableDef.named("ledger").column("id", ColumnType.BIGINT).notNull()
                .column("src", ColumnType.BIGINT).notNull().column("dst", ColumnType.BIGINT).notNull()
                .primaryKey("id").kind(TableKind.ORDERED_SET).storage(Storage.DISC)); // rows compared in key order
        int accounts = 10;
        long opening = 1_000;
        first.transaction(tx -> {
            for (long i = 1; i <= accounts; i++) {
                tx.insert("account", Row.of(i, opening));
            }
            return null;
        });
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(5));
        }
        java.util.Set<Long> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<Long> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong unknown = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            Mnemo db = members.get(c).db();
            long client = c;
            Thread t = new Thread(() -> {
                java.util.SplittableRandom r = new java.util.SplittableRandom(seed + client);
                for (long k = 0; !stop.get(); k++) {
                    long id = client << 32 | k;
                    long src = 1 + r.nextInt(accounts);
                    long dst = 1 + (src + r.nextInt(accounts - 1)) % accounts; // never src
                    try {
                        db.transaction(tx -> {
                            Row from = tx.read("account", src);
                            Row to = tx.read("account", dst);
                            tx.write("account", from.with("balance", from.getLong("balance") - 1));
                            tx.write("account", to.with("balance", to.getLong("balance") + 1));
                            tx.insert("ledger", Row.of(id, src, dst));
                            return null;
                        });
                        acknowledged.add(id);
                    } catch (NoQuorumException | dev.mnemo.engine.TransactionConflictException e) {
                        refused.add(id); // nothing was committed
                    } catch (CommitUnknownException e) {
                        unknown.incrementAndGet(); // may or may not be in: the checks below hold either way
                    } catch (Throwable e) {
                        errors.add(e);
                        return;
                    }
                }
            }, "nemesis-client-" + c);
            clients.add(t);
            t.start();
        }
        String schedule = "";
        try {
            for (int round = 0; round < 8; round++) {
                Thread.sleep(150 + faults.nextInt(250));
                ClusterNode leader = members.stream().filter(ClusterNode::isLeader).findFirst().orElse(null);
                // Round 3 always isolates a member, and for longer than the write timeout: its client must be refused
                // or left unknowing, which also shows that the cuts take effect.
                int fault = round == 3 ? 1 : faults.nextInt(3);
                ClusterNode x = fault == 0 && leader != null ? leader : members.get(faults.nextInt(members.size()));
                List<ClusterNode> rest = members.stream().filter(n -> n != x).toList();
                if (fault == 2) { // x and one other cannot talk; both still reach the third
                    ClusterNode y = rest.get(faults.nextInt(rest.size()));
                    x.cutOff(java.util.Set.of(y.name()));
                    y.cutOff(java.util.Set.of(x.name()));
                    schedule += " " + x.name() + "|" + y.name();
                } else {
                    x.cutOff(java.util.Set.of(rest.get(0).name(), rest.get(1).name()));
                    for (ClusterNode n : rest) {
                        n.cutOff(java.util.Set.of(x.name()));
                    }
                    schedule += " " + x.name() + (x == leader ? "(leader)" : "") + "|all";
                }
                Thread.sleep(round == 3 ? 4_500 : 300 + faults.nextInt(900));
                for (ClusterNode n : members) {
                    n.cutOff(java.util.Set.of());
                }
            }
        } finally {
            stop.set(true);
            for (ClusterNode n : members) {
                n.cutOff(java.util.Set.of());
            }
            for (Thread t : clients) {
                t.join(30_000);
                if (t.isAlive()) {
                    t.interrupt();
                }
            }
        }
        assertThat(clients).as("clients still writing after 30 s").noneMatch(Thread::isAlive);
        String context = "seed " + seed + ", cuts" + schedule + "; " + acknowledged.size() + " acknowledged, "
                + refused.size() + " refused, " + unknown.get() + " unknown";
        System.out.println("partition nemesis: " + context);
        assertThat(errors).as(context).isEmpty();
        assertThat(acknowledged).as(context).isNotEmpty();
        assertThat(refused.size() + unknown.get()).as("writes refused or unknown; " + context).isPositive();
        long version = -1;
        List<List<Row>> firstTables = null;
        for (ClusterNode n : members) {
            n.awaitLinearizable(Duration.ofSeconds(20)); // the clients have stopped: every member catches up
        }
        for (ClusterNode n : members) {
            List<List<Row>> tables = n.db().transaction(tx -> List.of(
                    tx.select("account", dev.mnemo.engine.KeyRange.all()),
                    tx.select("ledger", dev.mnemo.engine.KeyRange.all())));
            java.util.Map<Long, Long> expected = new java.util.HashMap<>();
            java.util.Set<Long> ledger = new java.util.HashSet<>();
            for (Row row : tables.get(1)) {
                ledger.add(row.getLong("id"));
                expected.merge(row.getLong("src"), -1L, Long::sum);
                expected.merge(row.getLong("dst"), 1L, Long::sum);
            }
            long total = 0;
            for (Row row : tables.get(0)) {
                long id = row.getLong("id");
                assertThat(row.getLong("balance")).as("%s: account %d; %s", n.name(), id, context)
                        .isEqualTo(opening + expected.getOrDefault(id, 0L));
                total += row.getLong("balance");
            }
            assertThat(total).as(n.name() + "; " + context).isEqualTo(accounts * opening);
            assertThat(ledger).as(n.name() + ": acknowledged transfers; " + context).containsAll(acknowledged);
            for (long id : refused) {
                assertThat(ledger).as(n.name() + ": a refused transfer; " + context).doesNotContain(id);
            }
            if (firstTables == null) {
                firstTables = tables;
                version = n.db().version();
            } else {
                assertThat(n.db().version()).as(n.name() + "; " + context).isEqualTo(version);
                assertThat(tables).as(n.name() + " holds what " + members.get(0).name() + " holds; " + context)
                        .isEqualTo(firstTables);
            }
        }
    }
}

package dev.mnemo.benchmarks.cluster;

import dev.mnemo.benchmarks.JvmFlags;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.Storage;
import dev.mnemo.replication.cluster.ClusterNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Three Mnemo members in this JVM on loopback (real gRPC, a port each), with the Raft log in memory or in files
 * ({@code log} = {@code memory} / {@code file}), and {@value Accounts#ROWS} accounts: a one-row read-modify-write
 * transaction from one client (average time per transaction) and from 64 clients spread over the members
 * (transactions per second). {@link HazelcastBenchmarks} is the baseline, run in the same run.
 *
 * <p>Where the time of one write goes is bracketed by more figures from the same run: the same transaction on a
 * single engine with no cluster ({@link #localEngineRmw}: the transaction and the apply), on a cluster of one
 * member ({@link #rmwOnSoloMember}: plus the Raft driver's hand-offs between threads, no network), one appended
 * record made durable on this disk ({@link #fsyncAppend}: what the file log adds at least once per write), and
 * the three-member memory-log cluster (plus the round trip to a follower over loopback gRPC).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClusterBenchmarks extends JvmFlags {
    /** The clients of the throughput benchmarks, as the issue asks for. */
    public static final int CLIENTS = 64;
    /** Transactions per invocation of {@link #rmw64AsyncClients}: the tail, as the last ones drain, stays small. */
    static final int ASYNC_ROUND = 8_192;

    /** Three members with the accounts loaded, through the leader, before any measurement. */
    @State(Scope.Benchmark)
    public static class Cluster {
        /** Where the members keep their Raft log: memory, or files in a temporary directory (fsync per batch). */
        @Param({"memory", "file"})
        public String log;

        LoopbackCluster cluster;
        Path dir;
        /** Leader and follower as at the start; should leadership move, writes on either are still correct. */
        Mnemo leader;
        Mnemo follower;
        Mnemo[] members;
        AsyncClients asyncClients;

        @Setup(Level.Trial)
        public void start() throws IOException {
            boolean file = log.equals("file");
            dir = file ? Files.createTempDirectory("mnemo-cluster-bench") : null;
            cluster = LoopbackCluster.start(3, dir);
            Accounts.load(cluster.leader().db(), file ? Storage.DISC : Storage.RAM);
            for (ClusterNode n : cluster.members()) {
                n.awaitLinearizable(LoopbackCluster.FORM_TIMEOUT);
            }
            leader = cluster.leader().db();
            follower = cluster.follower().db();
            members = cluster.members().stream().map(ClusterNode::db).toArray(Mnemo[]::new);
            asyncClients = AsyncClients.mnemo(members, CLIENTS);
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            cluster.close();
            if (dir != null) {
                TempDirs.delete(dir);
            }
        }
    }

    /**
     * A cluster of one member: every write still goes through the Raft driver, its log and its apply thread, but
     * commits without a network round trip, which isolates what the three-member figures add for the network.
     */
    @State(Scope.Benchmark)
    public static class Solo {
        /** As {@link Cluster#log}. */
        @Param({"memory", "file"})
        public String log;

        LoopbackCluster cluster;
        Path dir;
        Mnemo db;

        @Setup(Level.Trial)
        public void start() throws IOException {
            boolean file = log.equals("file");
            dir = file ? Files.createTempDirectory("mnemo-solo-bench") : null;
            cluster = LoopbackCluster.start(1, dir);
            db = cluster.leader().db();
            Accounts.load(db, file ? Storage.DISC : Storage.RAM);
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            cluster.close();
            if (dir != null) {
                TempDirs.delete(dir);
            }
        }
    }

    /** One benchmark thread's random account ids and the member it is a client of (threads round-robin). */
    @State(Scope.Thread)
    public static class Client {
        private long x;
        int memberIndex;

        @Setup(Level.Trial)
        public void seed(ThreadParams thread) {
            x = 0x9E3779B97F4A7C15L * (thread.getThreadIndex() + 1);
            memberIndex = thread.getThreadIndex() % 3;
        }

        long nextId() {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            return 1 + Math.floorMod(x, (long) Accounts.ROWS);
        }
    }

    /** The accounts on a single engine with its in-process commit log: no cluster at all. */
    @State(Scope.Benchmark)
    public static class Local {
        Mnemo db;

        @Setup(Level.Trial)
        public void open() {
            db = Mnemo.inMemory();
            Accounts.load(db, Storage.RAM);
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    /** A file that grows by one small record at a time, each forced to disk as the file log forces a batch. */
    @State(Scope.Thread)
    public static class LogFile {
        Path dir;
        FileChannel channel;
        final ByteBuffer record = ByteBuffer.allocateDirect(128);

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("mnemo-fsync-bench");
            channel = FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
            TempDirs.delete(dir);
        }
    }

    /** One client on the leader: the write's path without forwarding. */
    @Benchmark
    @Threads(1)
    public long rmwOnLeader(Cluster c, Client client) {
        return Accounts.addOne(c.leader, client.nextId());
    }

    /** One client on a follower: its commit is forwarded to the leader over gRPC first. */
    @Benchmark
    @Threads(1)
    public long rmwOnFollower(Cluster c, Client client) {
        return Accounts.addOne(c.follower, client.nextId());
    }

    /** One client on the leader writing one row without reading it (the counterpart of Hazelcast's put). */
    @Benchmark
    @Threads(1)
    public void dirtyWriteOnLeader(Cluster c, Client client) {
        long id = client.nextId();
        c.leader.dirtyWrite(Accounts.TABLE, Row.of(id, id));
    }

    /** {@value #CLIENTS} clients, a third on each member: the leader groups their commits into shared entries. */
    @Benchmark
    @Threads(CLIENTS)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long rmw64Clients(Cluster c, Client client) {
        return Accounts.addOne(c.members[client.memberIndex], client.nextId());
    }

    /**
     * {@value #CLIENTS} clients spread over the members as in {@link #rmw64Clients}, each with one transaction in
     * flight through the asynchronous API ({@link AsyncClients}) instead of a blocked thread each: one benchmark
     * invocation runs {@value #ASYNC_ROUND} transactions, so the score is transactions per second.
     */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ASYNC_ROUND)
    public void rmw64AsyncClients(Cluster c) throws InterruptedException {
        c.asyncClients.run(ASYNC_ROUND);
    }

    /**
     * {@value #CLIENTS} clients all on the leader: no record is forwarded, so set against {@link #rmw64Clients}
     * it shows what forwarding two thirds of the records costs.
     */
    @Benchmark
    @Threads(CLIENTS)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long rmw64ClientsOnLeader(Cluster c, Client client) {
        return Accounts.addOne(c.leader, client.nextId());
    }

    /** One client of a one-member cluster: the Raft driver's own cost, with no network in the commit. */
    @Benchmark
    @Threads(1)
    public long rmwOnSoloMember(Solo solo, Client client) {
        return Accounts.addOne(solo.db, client.nextId());
    }

    /** The same transaction on one engine with no cluster: what is left when replication costs nothing. */
    @Benchmark
    @Threads(1)
    public long localEngineRmw(Local local, Client client) {
        return Accounts.addOne(local.db, client.nextId());
    }

    /** Appends 128 bytes and forces them to disk: the least one durable Raft append costs on this machine. */
    @Benchmark
    @Threads(1)
    public long fsyncAppend(LogFile file) throws IOException {
        file.record.clear();
        int written = file.channel.write(file.record);
        file.channel.force(false);
        return written;
    }
}

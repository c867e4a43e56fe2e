package dev.mnemo.benchmarks.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.mnemo.benchmarks.JvmFlags;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of {@link ClusterBenchmarks}: three Hazelcast members embedded in one JVM on loopback, an IMap of
 * the same {@value Accounts#ROWS} accounts (id → balance) with two synchronous backups, and the same clients: one
 * (average time per operation) and 64 spread over the members (operations per second). The read-modify-write is
 * an entry processor run on the key's owner and its backups, Hazelcast's way of changing one entry atomically.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class HazelcastBenchmarks extends JvmFlags {
    private static final String MAP = "account";

    /** Three members with the accounts loaded. */
    @State(Scope.Benchmark)
    public static class Members {
        HazelcastCluster cluster;
        IMap<Long, Long>[] maps;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void start() {
            cluster = HazelcastCluster.start(3);
            maps = new IMap[cluster.size()];
            for (int i = 0; i < maps.length; i++) {
                maps[i] = cluster.map(i, MAP);
            }
            Map<Long, Long> batch = new HashMap<>();
            for (long id = 1; id <= Accounts.ROWS; id++) {
                batch.put(id, Accounts.OPENING_BALANCE);
                if (batch.size() == 1_000 || id == Accounts.ROWS) {
                    maps[0].putAll(batch);
                    batch.clear();
                }
            }
            if (maps[0].size() != Accounts.ROWS) {
                throw new IllegalStateException("loaded " + maps[0].size() + " accounts, expected " + Accounts.ROWS);
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            cluster.close();
        }
    }

    /** Adds one to a balance where the entry lives (on its owner, then its backups); returns the new balance. */
    static final class AddOne implements EntryProcessor<Long, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<Long, Long> entry) {
            long balance = entry.getValue() + 1;
            entry.setValue(balance);
            return balance;
        }
    }

    private static final AddOne ADD_ONE = new AddOne();

    /** One client writing one entry (the counterpart of ClusterBenchmarks.dirtyWriteOnLeader). */
    @Benchmark
    @Threads(1)
    public void hzPut(Members m, ClusterBenchmarks.Client client) {
        long id = client.nextId();
        m.maps[0].set(id, id);
    }

    /** One client's read-modify-write of one entry (the counterpart of ClusterBenchmarks.rmwOnLeader). */
    @Benchmark
    @Threads(1)
    public Long hzExecuteOnKey(Members m, ClusterBenchmarks.Client client) {
        return m.maps[0].executeOnKey(client.nextId(), ADD_ONE);
    }

    /** 64 clients, a third on each member, writing one entry each time. */
    @Benchmark
    @Threads(ClusterBenchmarks.CLIENTS)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void hzPut64Clients(Members m, ClusterBenchmarks.Client client) {
        long id = client.nextId();
        m.maps[client.memberIndex].set(id, id);
    }

    /** 64 clients, a third on each member, each a read-modify-write (the counterpart of rmw64Clients). */
    @Benchmark
    @Threads(ClusterBenchmarks.CLIENTS)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Long hzExecuteOnKey64Clients(Members m, ClusterBenchmarks.Client client) {
        return m.maps[client.memberIndex].executeOnKey(client.nextId(), ADD_ONE);
    }
}

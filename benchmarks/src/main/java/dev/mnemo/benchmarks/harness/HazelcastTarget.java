package dev.mnemo.benchmarks.harness;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.mnemo.benchmarks.cluster.HazelcastCluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replicated baseline of the key/value workloads: three Hazelcast members embedded in this JVM on loopback,
 * the usertable an IMap from key to its fields with two synchronous backups. Sessions take the members in turn.
 * A read is a {@code get}; an update and a read-modify-write are an entry processor that sets one field where the
 * entry lives (the read-modify-write also returns the old record to the client).
 */
final class HazelcastTarget implements Target {
    static final int MEMBERS = 3;

    private final HazelcastCluster cluster;
    private final AtomicInteger sessions = new AtomicInteger();

    HazelcastTarget() {
        this.cluster = HazelcastCluster.start(MEMBERS);
    }

    /** Whether the workload is one Hazelcast runs here: no scans, no multi-key transactions, no empty table. */
    static boolean runs(Workload workload) {
        return workload == Workload.A || workload == Workload.B || workload == Workload.C || workload == Workload.F;
    }

    @Override
    public String label() {
        return TargetChoice.HAZELCAST;
    }

    @Override
    public List<String> notes() {
        return List.of("Hazelcast " + cluster.version() + ": " + MEMBERS + " members embedded in this JVM on loopback "
                        + "(TCP-IP join), IMap with " + HazelcastCluster.BACKUPS + " synchronous backups",
                "sessions take the members in turn; read = get, update = entry processor setting one field, "
                        + "read-modify-write = entry processor returning the old record");
    }

    private IMap<String, String[]> map(int member) {
        return cluster.map(member, Tables.USERTABLE);
    }

    @Override
    public void createTables(Workload workload) {
        if (!runs(workload)) {
            throw new IllegalArgumentException("the hazelcast target does not run workload " + workload.cliName());
        }
        map(0).clear();
    }

    @Override
    public void recreateUserTable() {
        map(0).clear();
    }

    @Override
    public void loadAccounts(long accounts, long balance) {
        throw new UnsupportedOperationException("the hazelcast target does not run the bank workload");
    }

    @Override
    public Session openSession() {
        return new HazelcastSession(map(sessions.getAndIncrement() % MEMBERS));
    }

    @Override
    public BankCheck.Totals bankTotals() {
        throw new UnsupportedOperationException("the hazelcast target does not run the bank workload");
    }

    @Override
    public long internalRetries() {
        return -1;
    }

    @Override
    public void close() {
        cluster.close();
    }

    /**
     * Sets one field of a record where it lives; returns null if there is no record, else the old record when asked
     * for it (a read-modify-write) or an empty array (an update, which sends nothing back).
     */
    static final class SetField implements EntryProcessor<String, String[], String[]> {
        private static final long serialVersionUID = 1L;
        private static final String[] DONE = new String[0];
        private final int field;
        private final String value;
        private final boolean returnOld;

        SetField(int field, String value, boolean returnOld) {
            this.field = field;
            this.value = value;
            this.returnOld = returnOld;
        }

        @Override
        public String[] process(Map.Entry<String, String[]> entry) {
            String[] old = entry.getValue();
            if (old == null) {
                return null;
            }
            String[] changed = old.clone();
            changed[field] = value;
            entry.setValue(changed);
            return returnOld ? old : DONE;
        }
    }

    /** One worker's view through one member. */
    private record HazelcastSession(IMap<String, String[]> map) implements Session {
        @Override
        public boolean read(String key) {
            return map.get(key) != null;
        }

        @Override
        public boolean update(String key, int field, String value) {
            return map.executeOnKey(key, new SetField(field, value, false)) != null;
        }

        @Override
        public int scan(String startKey, int rows) {
            throw new UnsupportedOperationException("the hazelcast target does not scan");
        }

        @Override
        public void insert(String key, String[] values) {
            map.set(key, values);
        }

        @Override
        public void insertBatch(String[] keys, String[][] values) {
            Map<String, String[]> batch = new HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                batch.put(keys[i], values[i]);
            }
            map.putAll(batch);
        }

        @Override
        public boolean readModifyWrite(String key, int field, String value) {
            String[] old = map.executeOnKey(key, new SetField(field, value, true));
            return old != null && old.length > field;
        }

        @Override
        public boolean transfer(long from, long to, long amount) {
            throw new UnsupportedOperationException("the hazelcast target does not run the bank workload");
        }

        @Override
        public void close() {
            // The map belongs to the member, which the target closes.
        }
    }
}

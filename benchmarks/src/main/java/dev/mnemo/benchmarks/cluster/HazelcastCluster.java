package dev.mnemo.benchmarks.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.mnemo.engine.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The replicated baseline: Hazelcast members embedded in this JVM on loopback (TCP-IP join over fixed free ports, no
 * multicast, no auto-detection), whose maps keep {@value #BACKUPS} synchronous backups, so that with three members
 * every write is on all three before it returns, as a Mnemo write is on a majority.
 */
public final class HazelcastCluster implements AutoCloseable {
    /** Synchronous backups of every map entry: all members of a three-member cluster hold each entry. */
    public static final int BACKUPS = 2;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(60);

    private final List<HazelcastInstance> members = new ArrayList<>();

    private HazelcastCluster() {
    }

    /** Starts {@code size} members that find each other on loopback, and waits until each sees all of them. */
    public static HazelcastCluster start(int size) {
        HazelcastCluster cluster = new HazelcastCluster();
        String name = "mnemo-bench-" + UUID.randomUUID();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(LoopbackCluster.freePort());
        }
        try {
            for (int port : ports) {
                cluster.members.add(Hazelcast.newHazelcastInstance(config(name, port, ports)));
            }
            cluster.awaitSize(size);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    static Config config(String clusterName, int port, List<Integer> ports) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig net = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(ports.stream().map(p -> "127.0.0.1:" + p).toList());
        config.addMapConfig(new MapConfig("*").setBackupCount(BACKUPS).setAsyncBackupCount(0));
        return config;
    }

    private void awaitSize(int size) {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        for (HazelcastInstance m : members) {
            while (m.getCluster().getMembers().size() < size) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Hazelcast members saw " + m.getCluster().getMembers()
                            + ", not " + size + " members, after " + Durations.format(FORM_TIMEOUT));
                }
                LoopbackCluster.pauseMillis(20);
            }
        }
    }

    public int size() {
        return members.size();
    }

    /** Member {@code i}'s view of the map {@code name} (every member's view is of the same, partitioned map). */
    public <K, V> IMap<K, V> map(int i, String name) {
        return members.get(i).getMap(name);
    }

    /** The Hazelcast version the members run. */
    public String version() {
        return members.get(0).getCluster().getLocalMember().getVersion().toString();
    }

    /** Stops every member at once, without migrating its partitions: the data is a benchmark's, thrown away. */
    @Override
    public void close() {
        for (HazelcastInstance m : members) {
            m.getLifecycleService().terminate();
        }
        members.clear();
    }
}

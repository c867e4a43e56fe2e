package dev.mnemo.benchmarks.cluster;

import dev.mnemo.engine.Durations;
import dev.mnemo.replication.cluster.ClusterConfig;
import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.replication.transport.Cookie;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Mnemo cluster members in this JVM on loopback, each with its own port and the real gRPC transport: what the
 * cluster benchmarks measure. With a data directory every member keeps its Raft log in {@code dir/<name>} (one
 * fsync per appended batch); without one the log is in memory.
 */
public final class LoopbackCluster implements AutoCloseable {
    /** How long forming the cluster or adding a member may take before the benchmark gives up. */
    public static final Duration FORM_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How long a write may wait for the cluster: longer than the default 5 s, because on a loaded machine the first
     * table's creation (Chronicle Map's start-up in each member's apply thread) has been seen to take longer.
     */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Cookie COOKIE = Cookie.of("mnemo-cluster-benchmarks");

    private final Path dir;
    private final UnaryOperator<ClusterConfig.Builder> tuning;
    private final List<ClusterNode> members = new ArrayList<>();

    private LoopbackCluster(Path dir, UnaryOperator<ClusterConfig.Builder> tuning) {
        this.dir = dir;
        this.tuning = tuning;
    }

    /**
     * Starts {@code size} voting members (the first founds the cluster, the others join it) and waits until all of
     * them vote. {@code dir} null keeps every log in memory; {@code tuning} adjusts each member's settings.
     */
    public static LoopbackCluster start(int size, Path dir, UnaryOperator<ClusterConfig.Builder> tuning) {
        LoopbackCluster cluster = new LoopbackCluster(dir, tuning);
        try {
            for (int i = 0; i < size; i++) {
                cluster.add().awaitReady(FORM_TIMEOUT);
            }
            cluster.awaitVoters(Math.min(size, 3));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts {@code size} members with the default settings. */
    public static LoopbackCluster start(int size, Path dir) {
        return start(size, dir, UnaryOperator.identity());
    }

    /**
     * Starts one more member that joins through the existing ones and returns it at once (not yet ready), so that
     * a caller can time its joining.
     */
    public ClusterNode add() {
        String name = "m" + (members.size() + 1);
        ClusterConfig.Builder b = ClusterConfig.builder(name + "@127.0.0.1:" + freePort(), COOKIE)
                .dataDir(dir == null ? null : dir.resolve(name));
        if (!members.isEmpty()) {
            b.join(members.stream().map(ClusterNode::name).toArray(String[]::new));
        }
        ClusterNode node = ClusterNode.start(tuning.apply(b.writeTimeout(WRITE_TIMEOUT)).build());
        members.add(node);
        return node;
    }

    public List<ClusterNode> members() {
        return List.copyOf(members);
    }

    /** The member that leads now. */
    public ClusterNode leader() {
        return members.stream().filter(ClusterNode::isLeader).findFirst()
                .orElseThrow(() -> new IllegalStateException("no member leads: " + members.get(0).nodes()));
    }

    /** A member that does not lead now. */
    public ClusterNode follower() {
        return members.stream().filter(n -> !n.isLeader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("every member leads?"));
    }

    private void awaitVoters(int voters) {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        ClusterNode first = members.get(0);
        while (first.nodes().stream().filter(ClusterNode.MemberInfo::voter).count() < voters
                || first.leader().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("fewer than " + voters + " voters after " + Durations.format(FORM_TIMEOUT) + ": "
                        + first.nodes());
            }
            first.awaitLinearizable(FORM_TIMEOUT);
            pauseMillis(20);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = members.size() - 1; i >= 0; i--) {
            try {
                members.get(i).close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        members.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** A TCP port on loopback that is free now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on loopback", e);
        }
    }

    static void pauseMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

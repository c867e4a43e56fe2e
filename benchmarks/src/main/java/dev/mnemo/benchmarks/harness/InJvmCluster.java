package dev.mnemo.benchmarks.harness;

import dev.mnemo.benchmarks.cluster.LoopbackCluster;
import dev.mnemo.replication.cluster.ClusterNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local cluster target for asynchronous clients: {@code transactionAsync} is an API of the members' own
 * databases, which the member processes of {@link ClusterTarget} do not offer over the wire, so the load generator
 * starts the N members in its own JVM instead (each with its own port and the real gRPC transport between them, as
 * the cluster benchmarks do) and the workers' sessions go to the members in turn.
 */
final class InJvmCluster {
    private InJvmCluster() {
    }

    /** Starts the members a resolved cluster spec names, the leader first, as one target. */
    static EmbeddedTarget start(String spec, BenchConfig config, Progress progress) throws Exception {
        int size = TargetChoice.clusterSize(spec);
        boolean disc = TargetChoice.clusterDisc(spec);
        Path dir = disc ? Files.createTempDirectory("mnemo-bench-cluster") : null;
        progress.message("mnemo bench: starting " + size + " members in this JVM ...");
        LoopbackCluster cluster = null;
        try {
            cluster = LoopbackCluster.start(size, dir);
            return target(spec, config, cluster, dir);
        } catch (RuntimeException e) {
            try {
                if (cluster != null) {
                    cluster.close();
                }
            } finally {
                deleteDir(dir);
            }
            throw e;
        }
    }

    private static EmbeddedTarget target(String spec, BenchConfig config, LoopbackCluster cluster, Path dir) {
        List<ClusterNode> nodes = new ArrayList<>(cluster.members());
        ClusterNode leader = cluster.leader();
        nodes.remove(leader);
        nodes.add(0, leader);
        EmbeddedTarget.Members members = new EmbeddedTarget.Members(nodes.stream().map(ClusterNode::db).toList(),
                i -> nodes.get(i).awaitLinearizable(LoopbackCluster.WRITE_TIMEOUT), () -> {
                    try {
                        cluster.close();
                    } finally {
                        deleteDir(dir);
                    }
                });
        EmbeddedTarget target = new EmbeddedTarget(spec, members, config.fields(), config.fieldChars(),
                config.tableKind(), config.inFlight());
        target.addNote(0, nodes.size() + " members in this JVM on loopback (gRPC between them), Raft log "
                + (dir != null ? "on disk (fsync per batch) in " + dir + " (removed at the end of the run)"
                : "in memory") + "; the asynchronous clients of each thread call one member's own database, "
                + "the threads' members in turn (the followers forward their commits to the leader); reads are local");
        return target;
    }

    private static void deleteDir(Path dir) throws IOException {
        if (dir != null) {
            ClusterTarget.deleteTree(dir);
        }
    }
}

package dev.mnemo.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets a command line asks for, resolved: {@code embedded}, a JDBC URL, {@code hazelcast} (three embedded
 * Hazelcast members, key/value workloads only) or a local cluster of member processes, written
 * {@code cluster:N} or {@code cluster:N:disc}. {@code --cluster N} alone makes the cluster the target; with
 * {@code -t} or {@code --compare} naming {@code cluster} it sets that cluster's size.
 *
 * @param target  the subject's spec
 * @param compare the baseline's spec, or null
 */
record TargetChoice(String target, String compare) {
    static final String EMBEDDED = "embedded";
    static final String CLUSTER = "cluster";
    static final String HAZELCAST = "hazelcast";
    static final int CLUSTER_SIZE_DEFAULT = 3;
    /** The most members a local cluster may have: Raft's voters are capped at nine (ClusterConfig.votersWanted). */
    static final int CLUSTER_SIZE_MAX = 9;
    private static final String DISC_SUFFIX = ":disc";

    /**
     * Resolves the options as given.
     *
     * @param targetGiven whether {@code -t} was on the command line (rather than its default)
     * @param clusterSize {@code --cluster N}, or null
     * @param disc        {@code --cluster-disc}: the members keep their Raft log on disk
     * @throws IllegalArgumentException with the usage error, in words
     */
    static TargetChoice resolve(String target, boolean targetGiven, String compare, Integer clusterSize,
                                boolean disc) {
        boolean compareIsCluster = compare != null && isCluster(compare);
        String t = clusterSize != null && !targetGiven && !compareIsCluster ? CLUSTER : target;
        boolean anyCluster = isCluster(t) || compareIsCluster;
        if (clusterSize != null && !anyCluster) {
            throw new IllegalArgumentException("--cluster " + clusterSize + " sizes the target 'cluster': leave out "
                    + "-t, or name it with -t cluster or --compare cluster");
        }
        if (disc && !anyCluster) {
            throw new IllegalArgumentException("--cluster-disc applies to the target 'cluster' only");
        }
        int size = clusterSize == null ? CLUSTER_SIZE_DEFAULT : clusterSize;
        if (size < 1 || size > CLUSTER_SIZE_MAX) {
            throw new IllegalArgumentException("--cluster must be 1.." + CLUSTER_SIZE_MAX + " members, got " + size);
        }
        String clusterSpec = CLUSTER + ":" + size + (disc ? DISC_SUFFIX : "");
        return new TargetChoice(spec(t, clusterSpec), compare == null ? null : spec(compare, clusterSpec));
    }

    private static boolean isCluster(String spec) {
        return spec.toLowerCase(Locale.ROOT).equals(CLUSTER);
    }

    private static String spec(String given, String clusterSpec) {
        String name = given.toLowerCase(Locale.ROOT);
        if (name.equals(CLUSTER)) {
            return clusterSpec;
        }
        if (name.equals(EMBEDDED) || name.equals(HAZELCAST)) {
            return name;
        }
        if (!name.startsWith("jdbc:")) {
            throw new IllegalArgumentException("unknown target '" + given + "': use embedded, cluster, hazelcast or a "
                    + "JDBC URL (jdbc:mnemo:mem:NAME, jdbc:mnemo://HOST:PORT, jdbc:h2:mem:NAME, ...)");
        }
        return given;
    }

    /** The specs in order, subject first. */
    List<String> specs() {
        List<String> out = new ArrayList<>(List.of(target));
        if (compare != null) {
            out.add(compare);
        }
        return out;
    }

    /** Whether {@code spec} (as resolved) is a local cluster. */
    static boolean isClusterSpec(String spec) {
        return spec.startsWith(CLUSTER + ":");
    }

    /** The members of a resolved cluster spec. */
    static int clusterSize(String spec) {
        String rest = spec.substring(CLUSTER.length() + 1);
        return Integer.parseInt(rest.endsWith(DISC_SUFFIX) ? rest.substring(0, rest.length() - DISC_SUFFIX.length())
                : rest);
    }

    /** Whether a resolved cluster spec keeps the members' logs on disk. */
    static boolean clusterDisc(String spec) {
        return spec.endsWith(DISC_SUFFIX);
    }

    /**
     * Why these targets cannot have asynchronous clients ({@code --in-flight}), or null if they can: the engine
     * and the local cluster (whose members' {@code Mnemo.transactionAsync} the clients call) can; a JDBC
     * connection runs one statement at a time and the Hazelcast target makes blocking calls.
     */
    String asyncProblem() {
        for (String spec : specs()) {
            if (!spec.equals(EMBEDDED) && !isClusterSpec(spec)) {
                return "--in-flight (asynchronous clients) needs a target with an asynchronous API, embedded or "
                        + "cluster; " + spec + (spec.equals(HAZELCAST) ? " is driven through blocking IMap calls"
                        : " is a JDBC connection, which runs one statement at a time: use --threads");
            }
        }
        return null;
    }

    /** Every usage problem of these targets with {@code workload}, in words (Hazelcast has no SQL, no scans). */
    List<String> problems(Workload workload) {
        List<String> out = new ArrayList<>();
        if (specs().contains(HAZELCAST) && !HazelcastTarget.runs(workload)) {
            out.add("the hazelcast target runs the key/value workloads a, b, c and f only, not " + workload.cliName());
        }
        return out;
    }
}

package dev.mnemo.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which targets a command line names: --cluster, cluster, hazelcast, embedded and JDBC URLs, and their clashes. */
class TargetChoiceTest {
    @Test
    void theClusterSizeAloneMakesTheClusterTheTarget() {
        TargetChoice c = TargetChoice.resolve("embedded", false, null, 5, false);
        assertThat(c.target()).isEqualTo("cluster:5");
        assertThat(c.compare()).isNull();
        assertThat(TargetChoice.isClusterSpec(c.target())).isTrue();
        assertThat(TargetChoice.clusterSize(c.target())).isEqualTo(5);
        assertThat(TargetChoice.clusterDisc(c.target())).isFalse();
    }

    @Test
    void theClusterSizeSizesAClusterNamedAsTheBaseline() {
        TargetChoice c = TargetChoice.resolve("hazelcast", true, "cluster", 3, true);
        assertThat(c.specs()).containsExactly("hazelcast", "cluster:3:disc");
        assertThat(TargetChoice.clusterSize(c.compare())).isEqualTo(3);
        assertThat(TargetChoice.clusterDisc(c.compare())).isTrue();
        TargetChoice withoutT = TargetChoice.resolve("embedded", false, "CLUSTER", 4, false);
        assertThat(withoutT.specs()).as("-t left at its default stays embedded").containsExactly("embedded",
                "cluster:4");
    }

    @Test
    void aNamedClusterWithoutASizeHasThreeMembers() {
        assertThat(TargetChoice.resolve("cluster", true, "hazelcast", null, false).specs())
                .containsExactly("cluster:3", "hazelcast");
        assertThat(TargetChoice.resolve("embedded", false, "jdbc:h2:mem:x", null, false).specs())
                .containsExactly("embedded", "jdbc:h2:mem:x");
    }

    @Test
    void clusterOptionsWithoutAClusterTargetAreRefused() {
        assertThatThrownBy(() -> TargetChoice.resolve("jdbc:h2:mem:x", true, null, 3, false))
                .hasMessageContaining("--cluster 3 sizes the target 'cluster'");
        assertThatThrownBy(() -> TargetChoice.resolve("embedded", false, null, null, true))
                .hasMessageContaining("--cluster-disc applies to the target 'cluster' only");
    }

    @Test
    void theClusterSizeIsOneToNine() {
        assertThat(TargetChoice.resolve("cluster", true, null, 1, false).target()).isEqualTo("cluster:1");
        assertThat(TargetChoice.resolve("cluster", true, null, 9, false).target()).isEqualTo("cluster:9");
        assertThatThrownBy(() -> TargetChoice.resolve("cluster", true, null, 0, false))
                .hasMessageContaining("--cluster must be 1..9 members, got 0");
        assertThatThrownBy(() -> TargetChoice.resolve("cluster", true, null, 10, false))
                .hasMessageContaining("--cluster must be 1..9 members, got 10");
    }

    @Test
    void unknownTargetsAreRefusedByName() {
        assertThatThrownBy(() -> TargetChoice.resolve("postgres", true, null, null, false))
                .hasMessageContaining("unknown target 'postgres'");
        assertThatThrownBy(() -> TargetChoice.resolve("embedded", false, "cluster2", null, false))
                .hasMessageContaining("unknown target 'cluster2'");
    }

    @Test
    void hazelcastTakesTheKeyValueWorkloadsOnly() {
        TargetChoice c = TargetChoice.resolve("cluster", true, "hazelcast", null, false);
        for (Workload w : Workload.values()) {
            boolean keyValue = w == Workload.A || w == Workload.B || w == Workload.C || w == Workload.F;
            assertThat(c.problems(w)).as(w.cliName()).hasSize(keyValue ? 0 : 1);
        }
        assertThat(TargetChoice.resolve("cluster", true, "embedded", null, false).problems(Workload.BANK)).isEmpty();
    }

    @Test
    void clusterSessionsStartAtEachMemberInTurn() {
        List<Integer> ports = List.of(7001, 7002, 7003);
        assertThat(ClusterTarget.memberUrl(ports, 0)).isEqualTo("jdbc:mnemo://127.0.0.1:7001,127.0.0.1:7002,"
                + "127.0.0.1:7003");
        assertThat(ClusterTarget.memberUrl(ports, 2)).isEqualTo("jdbc:mnemo://127.0.0.1:7003,127.0.0.1:7001,"
                + "127.0.0.1:7002");
        Path cookie = Path.of("/tmp/x/cookie");
        assertThat(ClusterTarget.properties(cookie, "local")).isEqualTo("?cookieFile=" + cookie);
        assertThat(ClusterTarget.properties(cookie, "linearizable"))
                .isEqualTo("?cookieFile=" + cookie + "&consistency=linearizable");
    }
}

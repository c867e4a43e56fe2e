package dev.mnemo.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --cluster 3 --compare hazelcast}, briefly: three member processes started, loaded and measured over the
 * remote driver beside three embedded Hazelcast members, then stopped with their directory removed; and
 * {@code --cluster 3 --in-flight 8}: asynchronous clients on three members in this JVM. Tiny data and one-second
 * rounds: this proves the wiring, not any number.
 */
class ClusterSmokeTest {
    @Test
    void aLocalClusterOfThreeProcessesRunsBesideHazelcastAndIsStoppedAfterwards() {
        Cli r = Cli.run("-w", "f", "--cluster", "3", "--compare", "hazelcast", "-r", "200", "--threads", "3",
                "--duration", "1s", "--warmup", "200ms", "--rounds", "1", "-q");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(BenchCommand.EXIT_OK);
        assertThat(r.out()).contains("verdict: OK")
                .contains("subject   cluster:3")
                .contains("3 member processes on loopback, Raft log in memory")
                .contains("IMap with 2 synchronous backups");
        for (String target : new String[] {"cluster:3", "hazelcast"}) {
            for (String op : new String[] {"read", "rmw"}) {
                assertThat(r.out()).as(target + " " + op)
                        .containsPattern("(?m)^  " + op + " +" + target + " +[1-9]\\S* .* 0$");
            }
        }
        Matcher dir = Pattern.compile("member logs in (\\S+)").matcher(r.out());
        assertThat(dir.find()).isTrue();
        assertThat(Files.exists(Path.of(dir.group(1)))).as("the members' directory is removed at the end").isFalse();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("MnemoCli")))
                .as("no member process outlives the run").isEmpty();
    }

    @Test
    void asynchronousClientsRunTheBankOnThreeMembersInThisJvmAndKeepItsTotal() throws Exception {
        long asyncThreadsBefore = SmokeTest.liveThreads("mnemo-async");
        Cli r = Cli.run("-w", "bank", "--cluster", "3", "--in-flight", "8", "--accounts", "50", "--threads", "3",
                "--duration", "1s", "--warmup", "200ms", "-q");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(BenchCommand.EXIT_OK);
        assertThat(r.out()).contains("verdict: OK")
                .contains("subject   cluster:3")
                .contains("3 members in this JVM on loopback (gRPC between them), Raft log in memory")
                .contains("24 asynchronous clients (3 threads × 8 in flight)")
                .contains("each operation is one Mnemo.transactionAsync")
                .contains("bank: invariant holds: 50 accounts, total balance 50,000 unchanged")
                .containsPattern("(?m)^  transfer +cluster:3 +[1-9]\\S* .* 0$");
        assertThat(SmokeTest.liveThreads("bench-")).as("every worker thread has ended").isZero();
        assertThat(SmokeTest.liveThreads("mnemo-async")).as("the members' callback threads are stopped")
                .isEqualTo(asyncThreadsBefore);
    }
}

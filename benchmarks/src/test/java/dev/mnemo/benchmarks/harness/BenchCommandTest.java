package dev.mnemo.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What the command refuses, and how: nothing that does not exist is ever measured under its name. */
class BenchCommandTest {
    /** How every duration option of bin/mnemo is written, as its help and errors say. */
    private static final String DURATION_SYNTAX = "seconds (5, 0.5) or with units (500ms, 5s, 2m, 1h, 1m30s)";

    @Test
    void theClusterSizeNeedsTheClusterTarget() {
        Cli r = Cli.run("--cluster", "3", "-t", "embedded");
        assertThat(r.exitCode()).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(r.err()).contains("--cluster 3 sizes the target 'cluster'");
        assertThat(r.out()).isEmpty();
        assertThat(Cli.run("--cluster", "10").err()).contains("--cluster must be 1..9 members, got 10");
    }

    @Test
    void hazelcastRunsTheKeyValueWorkloadsOnly() {
        for (String w : new String[] {"e", "bank", "insert"}) {
            Cli r = Cli.run("-w", w, "--compare", "hazelcast");
            assertThat(r.exitCode()).as(w).isEqualTo(BenchCommand.EXIT_USAGE);
            assertThat(r.err()).contains("the hazelcast target runs the key/value workloads a, b, c and f only, not "
                    + w);
        }
    }

    @Test
    void linearizableReadsNeedTheClusterTarget() {
        Cli r = Cli.run("--consistency", "linearizable");
        assertThat(r.exitCode()).isEqualTo(BenchCommand.EXIT_NOT_AVAILABLE);
        assertThat(r.err()).contains("'linearizable' is available with the cluster target only (--cluster N)");
    }

    @Test
    void asynchronousClientsAreRefusedBeforeAnythingStartsByTargetsWithoutAnAsynchronousApi() {
        Cli jdbc = Cli.run("--in-flight", "8", "-t", "jdbc:h2:mem:async_refused");
        assertThat(jdbc.exitCode()).isEqualTo(BenchCommand.EXIT_NOT_AVAILABLE);
        assertThat(jdbc.err()).contains("--in-flight (asynchronous clients) needs a target with an asynchronous API, "
                + "embedded or cluster; jdbc:h2:mem:async_refused is a JDBC connection");
        assertThat(jdbc.out()).isEmpty();
        Cli hazelcast = Cli.run("--in-flight", "8", "--compare", "hazelcast");
        assertThat(hazelcast.exitCode()).isEqualTo(BenchCommand.EXIT_NOT_AVAILABLE);
        assertThat(hazelcast.err()).contains("hazelcast is driven through blocking IMap calls")
                .doesNotContain("starting");
        Cli linearizable = Cli.run("--in-flight", "8", "--cluster", "3", "--consistency", "linearizable");
        assertThat(linearizable.exitCode()).isEqualTo(BenchCommand.EXIT_NOT_AVAILABLE);
        assertThat(linearizable.err()).contains("'linearizable' is not available with --in-flight");
    }

    @Test
    void theClientsInFlightPerThreadAreOneToTheirMaximum() {
        for (String bad : new String[] {"0", "-2", String.valueOf(BenchConfig.IN_FLIGHT_MAX + 1)}) {
            Cli r = Cli.run("--in-flight", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(BenchCommand.EXIT_USAGE);
            assertThat(r.err()).contains("--in-flight must be 1.." + BenchConfig.IN_FLIGHT_MAX + ", got " + bad);
        }
        assertThat(Cli.run("--in-flight", "many").exitCode()).isEqualTo(BenchCommand.EXIT_USAGE);
        BenchCommand cmd = new BenchCommand();
        new picocli.CommandLine(cmd).parseArgs("-w", "bank", "--threads", "2", "--in-flight", "16");
        BenchConfig c = cmd.config(new TargetChoice("embedded", null));
        assertThat(c.inFlight()).isEqualTo(16);
        assertThat(c.clients()).isEqualTo(32);
        assertThat(c.problems()).isEmpty();
        assertThat(c.driver()).startsWith("32 asynchronous clients (2 threads × 16 in flight), closed loop");
        BenchCommand blocking = new BenchCommand();
        new picocli.CommandLine(blocking).parseArgs("--threads", "2");
        assertThat(blocking.config(new TargetChoice("embedded", null)).inFlight()).isZero();
    }

    @Test
    void aRemoteMnemoUrlWithNobodyListeningFailsTheSetupClearly() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli r = Cli.run("-t", "jdbc:mnemo://127.0.0.1:" + port + "?cookie=x&connectTimeout=2000", "-r", "10",
                "--duration", "1s", "-q");
        assertThat(r.exitCode()).isEqualTo(BenchCommand.EXIT_FAILED);
        assertThat(r.err()).contains("127.0.0.1:" + port);
    }

    @Test
    void badUsageIsRefusedBeforeAnythingRuns() {
        assertThat(Cli.run("-t", "postgres").exitCode()).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(Cli.run("-w", "d").err()).contains("unknown workload 'd'");
        assertThat(Cli.run("--threads", "0").err()).contains("--threads must be 1..");
        assertThat(Cli.run("--duration", "soon").exitCode()).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(Cli.run("--consistency", "eventual").exitCode()).isEqualTo(BenchCommand.EXIT_USAGE);
        Cli same = Cli.run("-t", "embedded", "--compare", "embedded");
        assertThat(same.exitCode()).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(same.err()).contains("--compare needs a target other than --target");
    }

    @Test
    void durationsAreWrittenAsEveryDurationOfTheCommandLine() {
        BenchCommand cmd = new BenchCommand();
        new picocli.CommandLine(cmd).parseArgs("--duration", "5", "--warmup", "1m30s");
        assertThat(cmd.duration).isEqualTo(Duration.ofSeconds(5));
        assertThat(cmd.warmup).isEqualTo(Duration.ofSeconds(90));
        new picocli.CommandLine(cmd).parseArgs("--duration", "0.5", "--warmup", "500ms");
        assertThat(cmd.duration).isEqualTo(Duration.ofMillis(500));
        assertThat(cmd.warmup).isEqualTo(Duration.ofMillis(500));
        assertThat(Cli.run("--help").out().replaceAll("\\s+", " ")).contains(DURATION_SYNTAX);
    }

    @Test
    void aMalformedDurationIsAUsageErrorOfOneLine() {
        for (String option : new String[] {"--duration", "--warmup"}) {
            for (String bad : new String[] {"5x", "-1"}) {
                Cli r = Cli.run(option, bad);
                assertThat(r.exitCode()).as(option + " " + bad).isEqualTo(BenchCommand.EXIT_USAGE);
                assertThat(r.err()).isEqualTo("mnemo bench: Invalid value for option '" + option + "': '" + bad
                        + "' is not a duration: write " + DURATION_SYNTAX + System.lineSeparator());
                assertThat(r.out()).isEmpty();
            }
        }
    }

    @Test
    void insertWithoutALengthLoadsTheRecordsAndACompareRunsThreeRounds() {
        BenchCommand cmd = new BenchCommand();
        new picocli.CommandLine(cmd).parseArgs("-w", "insert", "-r", "5000", "--compare", "jdbc:h2:mem:x");
        BenchConfig c = cmd.config(new TargetChoice("embedded", "jdbc:h2:mem:x"));
        assertThat(c.opsMax()).isEqualTo(5_000);
        assertThat(c.duration()).isNull();
        assertThat(c.rounds()).isEqualTo(3);
        BenchCommand other = new BenchCommand();
        new picocli.CommandLine(other).parseArgs("-w", "a");
        TargetChoice alone = new TargetChoice("embedded", null);
        assertThat(other.config(alone).duration()).isEqualTo(BenchConfig.DEFAULT_DURATION);
        assertThat(other.config(alone).rounds()).isEqualTo(1);
    }
}

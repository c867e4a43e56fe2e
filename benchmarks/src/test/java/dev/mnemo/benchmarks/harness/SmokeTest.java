package dev.mnemo.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every workload, briefly, against the engine and against H2 over JDBC: the run is valid, every operation type of
 * the mix succeeded, and the bank's invariant was checked. Tiny data and half-second rounds: this proves the
 * wiring, not any number.
 */
class SmokeTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static Cli bench(Workload w, String target, String... more) {
        String[] base = {"-w", w.cliName(), "-t", target, "-r", "300", "--accounts", "50", "--threads", "2",
            "--duration", "400ms", "--warmup", "150ms", "-q"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    private static void assertValid(Workload w, Cli r) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(BenchCommand.EXIT_OK);
        assertThat(r.out()).contains("verdict: OK");
        for (OpType op : w.opTypes()) {
            assertThat(r.out()).as(op.label()).containsPattern("(?m)^  " + op.label() + " +\\S+ +[1-9][0-9,]* ");
        }
        if (w.isBank()) {
            assertThat(r.out()).contains("bank: invariant holds: 50 accounts, total balance 50,000 unchanged");
        }
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void everyWorkloadRunsOnTheEngine(Workload w) {
        assertValid(w, bench(w, "embedded"));
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void everyWorkloadRunsOnH2(Workload w) {
        String url = "jdbc:h2:mem:smoke_" + w.cliName() + DATABASES.incrementAndGet();
        Cli r = bench(w, url);
        assertValid(w, r);
        assertThat(r.out()).contains("H2 2.");
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void everyWorkloadRunsOnTheEngineWithAsynchronousClients(Workload w) throws Exception {
        Cli r = bench(w, "embedded", "--in-flight", "8");
        assertValid(w, r);
        assertThat(r.out()).contains("16 asynchronous clients (2 threads × 8 in flight)")
                .contains("each operation is one Mnemo.transactionAsync");
        assertThat(liveThreads("bench-")).as("every worker thread has ended").isZero();
    }

    @Test
    void anAsynchronousRunSaysHowManyClientsWereInFlightInEveryReport(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        Cli r = bench(Workload.A, "embedded", "--in-flight", "4", "--json", json.toString(), "--html",
                html.toString());

        assertValid(Workload.A, r);
        Object parsed = MiniJson.parse(Files.readString(json));
        assertThat(MiniJson.at(parsed, "config", "inFlight")).isEqualTo(4.0);
        assertThat(MiniJson.at(parsed, "config", "clients")).isEqualTo(8.0);
        assertThat(MiniJson.at(parsed, "config", "clientKind")).isEqualTo("asynchronous");
        assertThat(MiniJson.at(parsed, "config", "latencyFrom")).isEqualTo("submit");
        assertThat(Files.readString(html)).contains("Closed loop of 8 asynchronous clients")
                .contains("8 asynchronous clients (2 threads × 4 in flight)");
    }

    /** Live threads whose name starts with {@code prefix}, after giving those that are ending a moment. */
    static long liveThreads(String prefix) throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                t.join(2_000);
            }
        }
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void theMnemoDriverGetsAnOrderedTableForScans() {
        Cli r = bench(Workload.E, "jdbc:mnemo:mem:smoke_e" + DATABASES.incrementAndGet());
        assertValid(Workload.E, r);
        assertThat(r.out()).contains("WITH (kind = 'ordered_set')").contains("isolation SERIALIZABLE");
    }

    @Test
    void aComparisonAlternatesRoundsAndWritesEveryReport(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        Path png = dir.resolve("r.png");
        Cli r = bench(Workload.B, "embedded", "--compare", "jdbc:h2:mem:", "--rounds", "2", "--json", json.toString(),
                "--html", html.toString(), "--png", png.toString());

        assertValid(Workload.B, r);
        assertThat(r.out()).containsPattern("read +ratio +[0-9.]+×").contains("throughput by round")
                .contains("named it jdbc:h2:mem:bench_baseline");
        Object parsed = MiniJson.parse(Files.readString(json));
        assertThat(MiniJson.at(parsed, "config", "roundOrder")).isEqualTo("ABBA");
        assertThat((java.util.List<?>) MiniJson.at(parsed, "targets", 1, "rounds")).hasSize(2);
        assertThat(Files.readString(html).toLowerCase(Locale.ROOT)).contains("<svg").doesNotContain("<script");
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void aFixedRateRunReachesItsRate() {
        Cli r = bench(Workload.C, "embedded", "--rate", "2000", "--duration", "1s");
        assertValid(Workload.C, r);
        assertThat(r.out()).contains("fixed rate 2,000 ops/s")
                .containsPattern("read +embedded +(1,[89][0-9]{2}|2,0[0-9]{2}) ");
    }

    @Test
    void asynchronousClientsReachAFixedRate() {
        Cli r = bench(Workload.C, "embedded", "--rate", "2000", "--in-flight", "4", "--duration", "1s");
        assertValid(Workload.C, r);
        assertThat(r.out()).contains("fixed rate 2,000 ops/s over 8 asynchronous clients (2 threads × 4 in flight)")
                .containsPattern("read +embedded +(1,[89][0-9]{2}|2,0[0-9]{2}) ");
    }
}

package dev.mnemo.benchmarks.harness;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reports show the numbers the measurements hold. A synthetic run with known histograms: the subject reads
 * 1..1000 µs (1000 reads in 1 s), the baseline exactly twice as slow (1000 reads of 2..2000 µs in 2 s).
 */
class ReportTest {
    private static final long US = 1_000;

    private static Histogram evenly(long stepNanos, int count) {
        Histogram h = OpStats.newHistogram();
        for (int i = 1; i <= count; i++) {
            h.recordValue(i * stepNanos);
        }
        return h;
    }

    private static Histogram constant(long nanos, int count) {
        Histogram h = OpStats.newHistogram();
        h.recordValueWithCount(nanos, count);
        return h;
    }

    private static RoundResult round(long stepNanos, long elapsedNanos, long errors, BankCheck bank) {
        Map<OpType, OpStats> ops = new LinkedHashMap<>();
        ops.put(OpType.READ, new OpStats(OpType.READ, evenly(stepNanos, 1_000), errors, 3));
        ops.put(OpType.UPDATE, new OpStats(OpType.UPDATE, constant(10 * stepNanos, 1_000), 0, 0));
        return new RoundResult(1, elapsedNanos, ops, 0, -1, 2, 5, bank, errors > 0 ? List.of(errors
                + " × read: SQLException [HYT00]: lock timeout") : List.of());
    }

    static RunResult run(long baselineErrors, BankCheck bank) {
        BenchConfig config = new BenchConfig("embedded", "jdbc:h2:mem:x", Workload.A, 1_000, 10, 100,
                Distribution.ZIPFIAN, 2, Duration.ofSeconds(1), 0, Duration.ofSeconds(1), 0, 0, BenchConfig.LOCAL, 1, 1,
                10, 1_000, Tables.KindChoice.AUTO, null, null, null, true, List.of("-w", "a"));
        Environment env = new Environment("Test JDK 17", "Test VM", "Test OS", "Test CPU @ 3 GHz", 2, 8L << 30,
                1L << 30, List.of("-Xmx1g"), List.of(), "0.10 0.20 0.30", Instant.EPOCH);
        TargetRun subject = new TargetRun(TargetRun.SUBJECT, "embedded", List.of("note s"), "loaded s",
                List.of(round(US, 1_000_000_000L, 0, bank)));
        TargetRun baseline = new TargetRun(TargetRun.BASELINE, "jdbc:h2:mem:x", List.of("note b"), "loaded b",
                List.of(round(2 * US, 2_000_000_000L, baselineErrors, null)));
        return new RunResult(config, env, List.of(subject, baseline), Instant.EPOCH.plusSeconds(5), "0.4 0.5 0.6");
    }

    @Test
    void theTableShowsThroughputPercentilesAndRatios() {
        String text = TextReport.render(run(0, null));

        assertThat(text).containsPattern("read +embedded +1,000 +500 µs +900 µs +990 µs +999 µs +1.00 ms +3 +0");
        assertThat(text).containsPattern("read +jdbc:h2:mem:x +500 +1.00 ms +1.80 ms +1.98 ms +2.00 ms +2.00 ms +3 +0");
        assertThat(text).containsPattern("read +ratio +2.00× +2.00× +2.00× +2.00× +2.00× +2.00×");
        assertThat(text).containsPattern("update +embedded +1,000 +10.0 µs");
        assertThat(text).containsPattern("all +embedded +2,000 ");
        assertThat(text).contains("Test CPU @ 3 GHz").contains("2 cores").contains("8.0 GiB").contains("Test JDK 17")
                .contains("load average 0.10 0.20 0.30 at start, 0.4 0.5 0.6 at end").contains("-Xmx1g");
        assertThat(text).contains("subject and baseline alternate").endsWith("verdict: OK\n");
    }

    @Test
    void theJsonHoldsTheSameNumbers() {
        Object json = MiniJson.parse(JsonReport.render(run(0, null)));

        assertThat(MiniJson.at(json, "ok")).isEqualTo(true);
        assertThat(MiniJson.at(json, "config", "workload")).isEqualTo("a");
        assertThat(MiniJson.at(json, "environment", "cores")).isEqualTo(2.0);
        assertThat(MiniJson.at(json, "environment", "cpuModel")).isEqualTo("Test CPU @ 3 GHz");
        Object read = MiniJson.at(json, "targets", 0, "total", "read");
        assertThat(MiniJson.at(read, "count")).isEqualTo(1_000.0);
        assertThat(MiniJson.at(read, "throughputPerSecond")).isEqualTo(1_000.0);
        assertThat(MiniJson.at(read, "conflicts")).isEqualTo(3.0);
        assertThat((Double) MiniJson.at(read, "latencyNanos", "p50")).isCloseTo(500_000, within(500.0));
        assertThat((Double) MiniJson.at(read, "latencyNanos", "max")).isCloseTo(1_000_000, within(1_000.0));
        assertThat(MiniJson.at(json, "targets", 1, "total", "read", "throughputPerSecond")).isEqualTo(500.0);
        assertThat(MiniJson.at(json, "targets", 1, "rounds", 0, "elapsedSeconds")).isEqualTo(2.0);
        assertThat((Double) MiniJson.at(json, "comparison", "read", "throughputRatio")).isCloseTo(2.0, within(1e-9));
        assertThat((Double) MiniJson.at(json, "comparison", "read", "latencyRatio", "p99"))
                .isCloseTo(2.0, within(0.01));
        assertThat((List<?>) MiniJson.at(json, "targets", 0, "latencyCurves", "read")).isNotEmpty();
    }

    @Test
    void theHtmlPageIsSelfContained() {
        String html = HtmlReport.render(run(0, null));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("Valid run");
        // One throughput chart and one latency chart per operation type, drawn inline.
        assertThat(html.split("<svg ", -1)).hasSize(1 + 3);
        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=")
                .doesNotContain("<link");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
        assertThat(html).contains("2.00×").contains("Test CPU @ 3 GHz");
    }

    @Test
    void thePngHasTheBarsAndOneCurveChartPerOperationType(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("charts.png");
        PngReport.write(run(0, null), file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1_000);
        assertThat(image.getHeight()).isEqualTo(80 + 400 + 340);
    }

    @Test
    void aBrokenInvariantOrErrorsFailTheRunInEveryReport() {
        BankCheck broken = BankCheck.of(10, 1_000, new BankCheck.Totals(9_990, 10, 0));
        RunResult r = run(4, broken);

        assertThat(r.problems()).hasSize(2);
        String text = TextReport.render(r);
        assertThat(text).contains("verdict: FAILED").contains("INVARIANT VIOLATED").contains("-10")
                .contains("4 operations failed with errors").contains("4 × read: SQLException [HYT00]");
        assertThat(MiniJson.at(MiniJson.parse(JsonReport.render(r)), "ok")).isEqualTo(false);
        assertThat(HtmlReport.render(r)).contains("FAILED").contains("INVARIANT VIOLATED");
    }

    @Test
    void roundsShowTheirSpreadAndTheirRatiosBesideTheTotals() {
        RunResult one = run(0, null);
        BenchConfig twoRounds = new BenchConfig("embedded", "jdbc:h2:mem:x", Workload.A, 1_000, 10, 100,
                Distribution.ZIPFIAN, 2, Duration.ofSeconds(1), 0, Duration.ofSeconds(1), 0, 0, BenchConfig.LOCAL, 2, 1,
                10, 1_000, Tables.KindChoice.AUTO, null, null, null, true, List.of());
        // Subject: 2,000 then 1,000 ops/s (a slow first round); baseline: 1,000 both times.
        TargetRun subject = new TargetRun(TargetRun.SUBJECT, "embedded", List.of(), "", List.of(
                round(US, 1_000_000_000L, 0, null), round(US, 2_000_000_000L, 0, null)));
        TargetRun baseline = new TargetRun(TargetRun.BASELINE, "jdbc:h2:mem:x", List.of(), "", List.of(
                round(2 * US, 2_000_000_000L, 0, null), round(2 * US, 2_000_000_000L, 0, null)));
        RunResult r = new RunResult(twoRounds, one.environment(), List.of(subject, baseline), one.finishedAt(), "");

        assertThat(Comparison.roundThroughputRatios(subject, baseline)).containsExactly(2.0, 1.0);
        assertThat(subject.roundSpread()).isCloseTo(2.0 / 3, within(1e-9));
        String text = TextReport.render(r);
        assertThat(text).containsPattern("embedded +2,000 +1,000 +spread \\(max-min\\)/mean 66.7%")
                .containsPattern("ratio +2.00× +1.00× +median 1.50×")
                .contains("WARNING: embedded: round throughputs differ by 67%");
        assertThat(MiniJson.at(MiniJson.parse(JsonReport.render(r)), "comparison", "medianRoundThroughputRatio"))
                .isEqualTo(1.5);
        assertThat(Comparison.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }

    @Test
    void unitsFollowTheMagnitude() {
        assertThat(Format.latency(850)).isEqualTo("850 ns");
        assertThat(Format.latency(1_234)).isEqualTo("1.23 µs");
        assertThat(Format.latency(12_345)).isEqualTo("12.3 µs");
        assertThat(Format.latency(123_456)).isEqualTo("123 µs");
        assertThat(Format.latency(1_234_567)).isEqualTo("1.23 ms");
        assertThat(Format.latency(2.5e9)).isEqualTo("2.50 s");
        assertThat(Format.latencyTick(10_000)).isEqualTo("10 µs");
        assertThat(Format.count(1_234_567.4)).isEqualTo("1,234,567");
        assertThat(Format.ratio(3.4149)).isEqualTo("3.41×");
        assertThat(Format.ratio(Double.NaN)).isEqualTo("-");
        assertThat(Format.duration(Duration.ofNanos(250_000))).as("not 0ms").isEqualTo("0.25ms");
        assertThat(Format.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Format.duration(Duration.ofMillis(1500))).as("as --duration reads it").isEqualTo("1.5s");
        assertThat(Format.duration(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Format.duration(null)).isEqualTo("-");
        assertThat(PngReport.percentileLabel(1000)).isEqualTo("99.9%");
        assertThat(PngReport.percentileLabel(1)).isEqualTo("0%");
        assertThat(Svg.niceTicks(87_000)).containsExactly(0, 20_000, 40_000, 60_000, 80_000, 100_000);
    }

    @Test
    void reportsNeverPrintTheSecretsATargetUrlCarries() {
        assertThat(JdbcTarget.redacted("jdbc:mnemo://10.0.0.1:7001,10.0.0.2:7001/?cookie=s3cret&consistency=local"))
                .isEqualTo("jdbc:mnemo://10.0.0.1:7001,10.0.0.2:7001/?cookie=***&consistency=local");
        assertThat(JdbcTarget.redacted("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=pw;TRACE_LEVEL_FILE=0"))
                .isEqualTo("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=***;TRACE_LEVEL_FILE=0");
        assertThat(JdbcTarget.redacted("jdbc:mnemo://h:1/?keyStorePassword=a&trustStorePassword=b&cookieFile=/x"))
                .isEqualTo("jdbc:mnemo://h:1/?keyStorePassword=***&trustStorePassword=***&cookieFile=/x");
        assertThat(JdbcTarget.redacted("jdbc:mnemo:mem:bench")).isEqualTo("jdbc:mnemo:mem:bench");
    }
}

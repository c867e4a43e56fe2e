package dev.mnemo.benchmarks.harness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run produced: the settings, the machine, each target's rounds, and the problems that make it
 * fail. The reports (text, JSON, HTML, PNG) are views of this and compute nothing it does not hold.
 */
public record RunResult(BenchConfig config, Environment environment, List<TargetRun> targets, Instant finishedAt,
                        String loadAverageAtEnd) {
    /** Round-to-round throughput spread, (max − min) / mean, above which the run gets a warning. */
    public static final double SPREAD_WARNING = 0.20;

    public TargetRun subject() {
        return targets.get(0);
    }

    /** The baseline of a --compare run, or null. */
    public TargetRun baseline() {
        return targets.size() > 1 ? targets.get(1) : null;
    }

    /** Why the run failed, or an empty list. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (TargetRun t : targets) {
            for (RoundResult r : t.rounds()) {
                if (r.bank() != null && !r.bank().holds()) {
                    out.add(t.label() + " round " + r.round() + ": " + r.bank().describe());
                }
            }
            if (t.errors() > 0) {
                out.add(String.format("%s: %,d operations failed with errors (not conflicts)", t.label(),
                        t.errors()));
            }
            if (t.all().count() == 0) {
                out.add(t.label() + ": no operation succeeded in the measured time");
            }
        }
        return out;
    }

    /** Things that do not fail the run but that a reader must know. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (TargetRun t : targets) {
            if (t.backlog() > 0) {
                out.add(String.format("%s fell behind --rate %s: %,d scheduled operations never started; its "
                        + "latencies include the queueing, as they should", t.label(),
                        Format.count(config.rate()), t.backlog()));
            }
            if (config.rate() > 0) {
                double achieved = t.all().throughput(t.elapsedNanos());
                if (achieved < 0.95 * config.rate()) {
                    out.add(String.format("%s achieved %s ops/s of the %s requested", t.label(),
                            Format.count(achieved), Format.count(config.rate())));
                }
            }
        }
        for (TargetRun t : targets) {
            double spread = t.roundSpread();
            if (spread > SPREAD_WARNING) {
                out.add(String.format("%s: round throughputs differ by %.0f%% of their mean: the machine was busy or "
                        + "the warm-up too short (try a longer --warmup, more --rounds); differences smaller than that "
                        + "are noise", t.label(), spread * 100));
            }
        }
        if (!environment.missingFlags().isEmpty()) {
            out.add("JVM flags from mnemo.jvm.flags missing: " + String.join(" ", environment.missingFlags())
                    + " (run through bin/mnemo-bench)");
        }
        return out;
    }
}

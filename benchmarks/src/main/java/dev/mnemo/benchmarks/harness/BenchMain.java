package dev.mnemo.benchmarks.harness;

/**
 * The load generator's entry point: {@code java <mnemo.jvm.flags> -cp benchmarks.jar
 * dev.mnemo.benchmarks.harness.BenchMain ...}, or {@code bin/mnemo-bench ...}, which adds the flags.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command; returns its exit status. */
    public static int execute(String... args) {
        System.setProperty("java.awt.headless", "true");
        // The Mnemo driver warms Calcite up on a background thread when it loads, which DriverManager does for
        // every run: that would steal CPU from whatever is measured first. Statements are prepared before the
        // clock starts anyway, so the planner's first-use cost lands in setup without it.
        if (System.getProperty("mnemo.sql.noWarmup") == null) {
            System.setProperty("mnemo.sql.noWarmup", "true");
        }
        return BenchCommand.commandLine(args).execute(args);
    }
}

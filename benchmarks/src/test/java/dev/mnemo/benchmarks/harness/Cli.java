package dev.mnemo.benchmarks.harness;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command in this JVM as {@link BenchMain} would, capturing stdout and stderr. */
record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
        System.setProperty("mnemo.sql.noWarmup", "true");
        System.setProperty("java.awt.headless", "true");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BenchCommand.commandLine(args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }
}

package dev.mnemo.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in this JVM with its output captured, as a user would see it. */
public record Cli(int exitCode, String out, String err) {
    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MnemoCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** The command that runs {@code mnemo args...} in a JVM of its own, with this JVM's flags and classpath. */
    public static List<String> inOwnJvm(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:MaxDirectMemorySize")
                        || a.startsWith("-Dchronicle")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MnemoCli.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}

package dev.mnemo.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test's class run in a JVM of its own, with a heap of its own size, Mnemo's JVM flags (the
 * {@code mnemo.jvm.flags} property Surefire passes on) and the test's class path: for what only a separate
 * process can show, such as a heap too small for a table, or a crash. Shared with other modules' tests through
 * the engine's test-jar.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** What a child printed (standard output and error, in one stream) and how it exited. */
    public record Result(int exitCode, List<String> lines) {
    }

    /** The command that runs {@code main} with {@code args} in a child JVM whose heap option is {@code heap}. */
    public static List<String> command(String heap, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(heap);
        cmd.addAll(Arrays.asList(System.getProperty("mnemo.jvm.flags").trim().split("\\s+")));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /**
     * Runs {@code main} in a child JVM to its end. Its output goes to a file, not a pipe, so that a child that
     * hangs cannot hang the test: past {@code timeout} it is killed and this fails, with what it printed.
     */
    public static Result run(String heap, Class<?> main, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mnemo-child-", ".out");
        try {
            Process p = new ProcessBuilder(command(heap, main)).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start();
            boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor();
            }
            List<String> lines = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).lines().toList();
            if (!exited) {
                throw new IllegalStateException(main.getName() + " still ran after " + timeout + "; it printed "
                        + lines);
            }
            return new Result(p.exitValue(), lines);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

package dev.mnemo.sql.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a class's main in a child JVM with a heap of its own and the test's class path, for heap-bound tests. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The lines the child printed; asserts that it ended, and ended well, within {@code minutes}. */
    static List<String> run(String heap, Class<?> main, long minutes) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + "/bin/java");
        cmd.add(heap);
        cmd.addAll(Arrays.asList(System.getProperty("mnemo.jvm.flags").trim().split("\\s+")));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        assertThat(p.waitFor(minutes, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("child output: %s", lines).isZero();
        return lines;
    }
}

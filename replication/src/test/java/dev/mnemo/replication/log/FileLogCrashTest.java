package dev.mnemo.replication.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.replication.raft.Entry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM saves and syncs batches and prints each synced index; it is killed with SIGKILL while
 * writing. Every index it printed must be in the reopened log, with its data intact, and a second writer then
 * carries on from wherever the log ends.
 */
class FileLogCrashTest {
    /** Printed (acknowledged) indexes to wait for before each kill. */
    private static final long ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    static Entry entryAt(long index) {
        byte[] data = new byte[(int) (index % 97) + 1];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (index + i);
        }
        return Entry.normal(1, index, data);
    }

    @Test
    void everyIndexAcknowledgedBeforeAKillSurvivesIt() throws Exception {
        long acknowledged = 0;
        for (int round = 0; round < 2; round++) {
            acknowledged = runAndKill(acknowledged);
            FileLogOptions options = FileLogOptions.defaults().withSegmentBytes(4096);
            try (FileLogStore store = FileLogStore.open(dir.resolve("log"), options)) {
                assertThat(store.lastIndex()).as("round %d", round).isGreaterThanOrEqualTo(acknowledged);
                List<Entry> entries = store.entries(1, store.lastIndex() + 1, Long.MAX_VALUE);
                for (Entry e : entries) {
                    assertThat(e).isEqualTo(entryAt(e.index()));
                }
                assertThat(store.hardState().commit()).isGreaterThanOrEqualTo(acknowledged);
            }
        }
    }

    /** Starts a writer, waits for it to acknowledge more indexes, kills it; returns the last index it printed. */
    private long runAndKill(long acknowledgedBefore) throws IOException, InterruptedException {
        Path stderr = dir.resolve("writer.err");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(),
                dir.resolve("log").toString());
        pb.redirectError(stderr.toFile());
        Process child = pb.start();
        long last = acknowledgedBefore;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (last < acknowledgedBefore + ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                last = Math.max(last, Long.parseLong(line.trim()));
            }
            child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it keeps stdout open
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(last).as("the writer acknowledged indexes (stderr: %s)", Files.readString(stderr))
                    .isGreaterThanOrEqualTo(acknowledgedBefore + ACKNOWLEDGED_BEFORE_KILL);
            // Lines it printed after the kill was sent were acknowledged too; a line the kill cut short is skipped.
            while ((line = out.readLine()) != null) {
                if (!line.isBlank()) {
                    last = Math.max(last, Long.parseLong(line.trim()));
                }
            }
        } finally {
            child.destroyForcibly();
        }
        return last;
    }
}

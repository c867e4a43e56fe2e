package dev.mnemo.server.node;

import dev.mnemo.server.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How a member process starts and ends, around the cluster's work. */
class NodeLifecycleTest {

    @Test
    void aListenAddressInUseFailsAtOnceWithOneLine(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Cli cli = Cli.run("node", "--name", "a", "--listen", "127.0.0.1:" + taken.getLocalPort(),
                    "--cookie-file", dir.resolve("cookie").toString());

            assertThat(cli.exitCode()).isEqualTo(1);
            assertThat(cli.err()).startsWith("mnemo node: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasLineCount(1);
        }
    }

    @Test
    void aMemberIsReadyBeforeItsSqlPlannerIsWarm(@TempDir Path dir) throws Exception {
        // The planner serves SQL clients only: warming it (seconds of CPU) must not delay the member's start and join.
        Path log = dir.resolve("member.log");
        Path ready = dir.resolve("ready");
        int port = freePort();
        Process member = new ProcessBuilder(Cli.inOwnJvm("node", "--name", "a", "--listen", "127.0.0.1:" + port,
                "--cookie-file", dir.resolve("cookie").toString(), "--ready-file", ready.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            List<String> lines = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines.stream().noneMatch(l -> l.contains("the SQL planner warmed up in"))
                    && member.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                lines = Files.readAllLines(log);
            }
            int readyAt = indexOf(lines, "is ready");
            int warmAt = indexOf(lines, "the SQL planner warmed up in");

            assertThat(warmAt).as("the planner warmed up: %s", lines).isNotNegative();
            assertThat(readyAt).as("the member was ready first: %s", lines).isNotNegative().isLessThan(warmAt);
        } finally {
            member.destroy();
            if (!member.waitFor(30, TimeUnit.SECONDS)) {
                member.destroyForcibly();
            }
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    @Test
    void aMemberStartedWithStopWithEndsWhenThatProcessIsKilled(@TempDir Path dir) throws Exception {
        // The process bin/mnemo local would be; killed outright, it cannot stop its members itself.
        Process parent = new ProcessBuilder("sleep", "600").start();
        Process member = null;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = free.getLocalPort();
            free.close();
            List<String> cmd = Cli.inOwnJvm("node", "--name", "a", "--listen", "127.0.0.1:" + port,
                    "--cookie-file", dir.resolve("cookie").toString(), "--stop-with", Long.toString(parent.pid()));
            member = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("member.log").toFile()).start();
            assertThat(member.waitFor(3, TimeUnit.SECONDS)).as("the member runs while its parent does").isFalse();
            parent.destroyForcibly().waitFor();
            assertThat(member.waitFor(60, TimeUnit.SECONDS)).as("the member ends with its parent").isTrue();
            assertThat(member.exitValue()).isZero();
        } finally {
            parent.destroyForcibly();
            if (member != null) {
                member.destroyForcibly();
            }
        }
    }
}

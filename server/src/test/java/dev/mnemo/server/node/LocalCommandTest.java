package dev.mnemo.server.node;

import dev.mnemo.server.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/** What {@code mnemo local --dir} does with a directory that already holds a cluster. */
class LocalCommandTest {
    @TempDir
    static Path root;

    /** The data a {@code mnemo local --dir D --nodes 3} leaves in D: three members that ran together and stopped. */
    private static Path threeMembers;
    private static int firstPort;
    private static int secondPort;

    @BeforeAll
    static void runAThreeMemberClusterOnce() {
        threeMembers = root.resolve("three");
        try (LocalCluster cluster = LocalCluster.start(threeMembers, LocalCluster.freePorts(3), true,
                Duration.ofSeconds(120))) {
            firstPort = cluster.port(0);
            secondPort = cluster.port(1); // free ports, not necessarily the next one
        }
    }

    @Test
    void fewerMembersThanTheDirectoryHoldsAreRefusedAtOnceWithOneLine() {
        Cli cli = Cli.run("local", "--dir", threeMembers.toString(), "--nodes", "1",
                "--base-port", Integer.toString(firstPort), "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mnemo local: " + threeMembers + " holds a cluster of 3 members (n1..n3), "
                + "not 1: pass --nodes 3 (or no --nodes) to restart it, or another --dir for a new cluster"
                + System.lineSeparator());
    }

    @Test
    void moreMembersThanTheDirectoryHoldsAreRefusedToo() {
        Cli cli = Cli.run("local", "--dir", threeMembers.toString(), "--nodes", "5",
                "--base-port", Integer.toString(firstPort), "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("mnemo local: " + threeMembers + " holds a cluster of 3 members (n1..n3), "
                + "not 5: pass --nodes 3").hasLineCount(1);
    }

    @Test
    void anotherBasePortThanTheDirectoryWasMadeWithIsRefusedAtOnceNamingItsPort() {
        int other = firstPort + 100;
        Cli cli = Cli.run("local", "--dir", threeMembers.toString(), "--base-port", Integer.toString(other),
                "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mnemo local: " + threeMembers + " holds a cluster on ports " + firstPort + ".."
                + (firstPort + 2) + ", not " + other + ".." + (other + 2) + ": pass --base-port " + firstPort
                + " to restart it, or another --dir for a new cluster" + System.lineSeparator());
        assertThat(threeMembers.resolve("n1.ready")).as("nothing was started").doesNotExist();
    }

    @Test
    void aMemberThatExitsAtOnceSaysWhyInLocalsOneLine() throws Exception {
        // n1's data directory holds another member's record (moved by hand): the member refuses it and exits.
        Path moved = root.resolve("moved");
        Files.createDirectories(moved.resolve("n1"));
        Files.copy(threeMembers.resolve("n2").resolve("member-id"), moved.resolve("n1").resolve("member-id"));
        int port = LocalCluster.freePorts(1).get(0);
        Cli cli = Cli.run("local", "--dir", moved.toString(), "--base-port", Integer.toString(port), "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mnemo local: n1@127.0.0.1:" + port + " exited with status 1: data directory "
                + moved.resolve("n1") + " belongs to member n2@127.0.0.1:" + secondPort + ", not n1@127.0.0.1:"
                + port + "; see " + moved.resolve("n1.log") + System.lineSeparator());
    }

    @Test
    void theStartTimeoutIsAnOptionAndItsEndNamesIt() {
        Path slow = root.resolve("slow");
        int port = LocalCluster.freePorts(1).get(0);
        Cli cli = Cli.run("local", "--dir", slow.toString(), "--nodes", "1", "--base-port", Integer.toString(port),
                "--start-timeout", "1ms", "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mnemo local: n1@127.0.0.1:" + port + " was not ready within 1ms "
                + "(--start-timeout); see " + slow.resolve("n1.log") + System.lineSeparator());
    }

    @Test
    void aStartTimeoutOfZeroIsAUsageError() {
        Cli cli = Cli.run("local", "--start-timeout", "0", "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mnemo local: --start-timeout must be longer than 0s" + System.lineSeparator());
    }

    @Test
    void withoutNodesTheRunIsSizedByTheMembersTheDirectoryHolds() throws Exception {
        // The layout LocalCluster leaves for five members; the ports past 65535 stop the run before anything starts.
        Path five = root.resolve("five");
        for (int i = 1; i <= 5; i++) {
            Files.createDirectories(five.resolve("n" + i));
        }
        Cli cli = Cli.run("local", "--dir", five.toString(), "--base-port", "65534", "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("mnemo local: --base-port 65534 with 5 members needs ports 65534..65538");
    }

    @Test
    void aMemoryOnlyClusterOnADirectoryWithSavedDataIsRefusedAtOnceWithOneLine() {
        Cli cli = Cli.run("local", "--dir", threeMembers.toString(), "--ram", "--base-port",
                Integer.toString(firstPort), "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mnemo local: " + threeMembers + " holds the saved data of a cluster of 3 "
                + "members (n1..n3), which --ram does not use: drop --ram to restart that cluster, or pass another "
                + "--dir (or none) for a memory-only cluster" + System.lineSeparator());
        assertThat(threeMembers.resolve("n1.ready")).as("nothing was started").doesNotExist();
    }

    @Test
    void aMemoryOnlyClusterMayKeepItsLogsInADirectoryWithoutSavedData() {
        // Checked up to the ports, before anything starts: the directory itself is no reason to refuse.
        Cli cli = Cli.run("local", "--dir", root.resolve("ram-logs").toString(), "--ram", "--nodes", "2",
                "--base-port", "65535", "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("mnemo local: --base-port 65535 with 2 members needs ports 65535..65536");
    }

    @Test
    void aOneMemberClusterNamesItsOnePortNotARange() throws Exception {
        int port = LocalCluster.freePorts(1).get(0);
        OwnJvm run = OwnJvm.run(root.resolve("tmp-one-port"), "local", "--ram", "--nodes", "1", "--base-port",
                Integer.toString(port), "--start-timeout", "1ms", "-e", "SELECT 1");

        assertThat(run.err().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .startsWith("mnemo: starting 1 member on 127.0.0.1:" + port + " (logs in "));
        Cli outside = Cli.run("local", "--nodes", "1", "--base-port", "70000", "-e", "SELECT 1");
        assertThat(outside.err()).isEqualTo("mnemo local: --base-port 70000 with 1 member needs port 70000, outside "
                + "1..65535" + System.lineSeparator());
    }

    @Test
    void withoutDirAStartThatFailsRemovesItsTemporaryDirectory() throws Exception {
        Path tmp = root.resolve("tmp-failed-start");
        int port = LocalCluster.freePorts(1).get(0);
        OwnJvm run = OwnJvm.run(tmp, "local", "--nodes", "1", "--base-port", Integer.toString(port),
                "--start-timeout", "1ms", "-e", "SELECT 1");

        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("mnemo-local-"));
        }
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).as("names no log that is gone").contains("mnemo local: n1@127.0.0.1:" + port
                + " was not ready within 1ms (--start-timeout); its log was in the temporary directory, now removed: "
                + "pass --dir DIR to keep it" + System.lineSeparator());
    }

    @Test
    void withoutAShellItSaysHowToOpenOneWithTheClustersCookie() throws Exception {
        Path err = root.resolve("no-shell.err");
        int port = LocalCluster.freePorts(1).get(0);
        Process local = new ProcessBuilder(Cli.inOwnJvm("local", "--ram", "--nodes", "1", "--base-port",
                Integer.toString(port), "--no-shell")).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(err).contains("Ctrl-C") && local.isAlive() && System.nanoTime() - deadline < 0) {
                Thread.sleep(100);
            }
            String said = Files.readString(err);
            Matcher hint = Pattern.compile("mnemo sql 'jdbc:mnemo://127\\.0\\.0\\.1:" + port
                    + "' --cookie-file (\\S+)").matcher(said);
            assertThat(hint.find()).as(said).isTrue();
            assertThat(Path.of(hint.group(1))).isRegularFile();
        } finally {
            local.destroy();
            assertThat(local.waitFor(60, TimeUnit.SECONDS)).as("local ended").isTrue();
        }
    }

    @Test
    void aMemberThatDiesWhileTheClusterRunsIsReportedWithTheCommandThatRestartsIt() throws Exception {
        Path dir = root.resolve("dies");
        Path err = root.resolve("dies.err");
        int port = LocalCluster.freePorts(1).get(0);
        Process local = new ProcessBuilder(Cli.inOwnJvm("local", "--dir", dir.toString(), "--nodes", "1",
                "--base-port", Integer.toString(port), "--no-shell")).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitErr(local, err, "Ctrl-C");
            ProcessHandle member = local.children().findFirst().orElseThrow();
            member.destroyForcibly();

            String said = awaitErr(local, err, "exited");
            assertThat(said).as(said).contains("mnemo: n1@127.0.0.1:" + port + " (pid " + member.pid()
                    + ") exited with status 137; restart it (it stops with this run): bin/mnemo node"
                    + " --name n1@127.0.0.1:" + port + " --cookie-file " + dir.resolve("cookie") + " --data-dir " + dir.resolve("n1")
                    + " --stop-with " + local.pid());
        } finally {
            local.destroy();
            assertThat(local.waitFor(60, TimeUnit.SECONDS)).as("local ended").isTrue();
        }
    }

    /** What {@code local} wrote to {@code err} once it says {@code text} (or ends, or 120 s pass). */
    private static String awaitErr(Process local, Path err, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(err).contains(text) && local.isAlive() && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
        }
        return Files.readString(err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void withoutDirCtrlCWhileTheMembersStartStopsThemAndRemovesTheTemporaryDirectory(String signal) throws Exception {
        Path tmp = Files.createDirectories(root.resolve("tmp-sig" + signal));
        Path err = root.resolve("tmp-sig" + signal + ".err");
        int port = LocalCluster.freePorts(1).get(0);
        List<String> cmd = new ArrayList<>(Cli.inOwnJvm("local", "--nodes", "1", "--base-port",
                Integer.toString(port), "-e", "SELECT 1"));
        cmd.add(1, "-Djava.io.tmpdir=" + tmp);
        Process local = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> members = List.of();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (members.isEmpty() && local.isAlive() && System.nanoTime() - deadline < 0) {
                Thread.sleep(10); // a member JVM takes seconds to be ready: the signal comes well before that
                members = local.descendants().toList();
            }
            assertThat(members).as("local started a member").isNotEmpty();

            int sent = new ProcessBuilder("kill", "-" + signal, Long.toString(local.pid())).start().waitFor();
            assertThat(sent).isZero();
            assertThat(local.waitFor(60, TimeUnit.SECONDS)).as("local ended").isTrue();

            assertThat(Files.readString(err)).as("the signal came during the start").doesNotContain("cluster ready");
            List<String> left;
            try (Stream<Path> files = Files.list(tmp)) {
                left = files.map(p -> p.getFileName().toString()).toList();
            }
            List<ProcessHandle> alive = members.stream().filter(ProcessHandle::isAlive).toList();
            assertSoftly(soft -> {
                soft.assertThat(alive).as("members alive once local ended").isEmpty();
                soft.assertThat(left).as("left in the temporary directory")
                        .noneMatch(name -> name.startsWith("mnemo-local-"));
            });
        } finally {
            local.destroyForcibly();
            members.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** {@code mnemo ARGS} run in a JVM of its own whose temporary directory is {@code tmp}: its exit code, stderr. */
    private record OwnJvm(int exitCode, String err) {
        static OwnJvm run(Path tmp, String... args) throws Exception {
            Files.createDirectories(tmp);
            List<String> cmd = new ArrayList<>(Cli.inOwnJvm(args));
            cmd.add(1, "-Djava.io.tmpdir=" + tmp);
            Path err = tmp.resolveSibling(tmp.getFileName() + ".err");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("mnemo " + String.join(" ", args) + " still runs after 120s");
            }
            return new OwnJvm(p.exitValue(), Files.readString(err));
        }
    }
}

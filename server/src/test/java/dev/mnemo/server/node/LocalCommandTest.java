package dev.mnemo.server.node;

import dev.mnemo.server.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code mnemo local --dir} does with a directory that already holds a cluster. */
class LocalCommandTest {
    @TempDir
    static Path root;

    /** The data a {@code mnemo local --dir D --nodes 3} leaves in D: three members that ran together and stopped. */
    private static Path threeMembers;
    private static int firstPort;

    @BeforeAll
    static void runAThreeMemberClusterOnce() {
        threeMembers = root.resolve("three");
        try (LocalCluster cluster = LocalCluster.start(threeMembers, LocalCluster.freePorts(3), true,
                Duration.ofSeconds(120))) {
            firstPort = cluster.port(0);
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
    void aMemoryOnlyClusterIgnoresTheDataInTheDirectory() {
        Cli cli = Cli.run("local", "--dir", threeMembers.toString(), "--ram", "--nodes", "2",
                "--base-port", "65535", "-e", "SELECT 1");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("mnemo local: --base-port 65535 with 2 members");
    }
}

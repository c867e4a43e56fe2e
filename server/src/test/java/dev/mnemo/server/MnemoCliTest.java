package dev.mnemo.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MnemoCliTest {

    @Test
    void versionPrintsTheBuildsVersionAndTheJavaRuntime() {
        Cli cli = Cli.run("version");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("Mnemo " + MnemoVersion.version() + System.lineSeparator())
                .contains("Java " + System.getProperty("java.runtime.version"));
        assertThat(MnemoVersion.version()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    @Test
    void versionOptionPrintsTheSameAsTheVersionCommand() {
        assertThat(Cli.run("--version").out()).isEqualTo(Cli.run("version").out());
    }

    @Test
    void noSubcommandIsAUsageErrorThatListsTheSubcommands() {
        Cli cli = Cli.run();

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Missing subcommand").contains("demo").contains("version");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        Cli cli = Cli.run("nonsense");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("nonsense");
    }

    @Test
    void aValueANodeRejectsIsAUsageErrorOfOneLine(@TempDir Path dir) {
        String cookie = dir.resolve("cookie").toString();
        Cli threads = Cli.run("node", "--name", "a", "--listen", "127.0.0.1:1", "--cookie-file", cookie,
                "--network-threads", "0");
        Cli voters = Cli.run("node", "--name", "a", "--listen", "127.0.0.1:1", "--cookie-file", cookie,
                "--voters", "0");

        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err()).isEqualTo("mnemo node: networkThreads must be at least 1, got 0"
                + System.lineSeparator());
        assertThat(voters.exitCode()).isEqualTo(2);
        assertThat(voters.err()).startsWith("mnemo node: votersWanted must be").doesNotContain("\tat ");
    }

    @Test
    void aFailureOfTheEnvironmentIsOneLineAndExitCodeOne(@TempDir Path dir) throws Exception {
        Path cookie = dir.resolve("cookie");
        java.nio.file.Files.writeString(cookie, "shared-secret-of-the-cluster");
        java.nio.file.Files.setPosixFilePermissions(cookie, java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-r--r--"));
        Cli open = Cli.run("node", "--name", "a", "--listen", "127.0.0.1:1", "--cookie-file", cookie.toString());

        assertThat(open.exitCode()).isEqualTo(1);
        assertThat(open.err()).startsWith("mnemo node: ").contains("chmod 600").doesNotContain("\tat ")
                .hasLineCount(1);
    }

    @Test
    void portsOutsideTheirRangeAreAUsageError() {
        Cli high = Cli.run("local", "--base-port", "65534", "--nodes", "3", "--no-shell");

        assertThat(high.exitCode()).isEqualTo(2);
        assertThat(high.err()).startsWith("mnemo local: --base-port 65534 with 3 members").contains("65536");
    }

    @Test
    void everySubcommandPrintsTheVersionAndHelpListsTheBenchmarkHarness() {
        String version = Cli.run("--version").out();
        for (String command : new String[] {"local", "node", "sql", "demo", "version"}) {
            assertThat(Cli.run(command, "-V").out()).as(command).isEqualTo(version);
        }
        assertThat(Cli.run("--help").out()).contains("bin/mnemo bench");
    }
}

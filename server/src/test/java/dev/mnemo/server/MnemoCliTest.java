package dev.mnemo.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MnemoCliTest {
    /** How every duration option is written, as its help and errors say. */
    private static final String DURATION_SYNTAX = "seconds (5, 0.5) or with units (500ms, 5s, 2m, 1h, 1m30s)";

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
    void aNodesConfigurationErrorWritesDurationsAsTheCommandLineTakesThem(@TempDir Path dir) {
        Cli cli = Cli.run("node", "--name", "a", "--listen", "127.0.0.1:1", "--cookie-file",
                dir.resolve("cookie").toString(), "--write-timeout", "0.2");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mnemo node: writeTimeout 200ms is shorter than one election timeout (500ms): "
                + "writes would fail during every leader change" + System.lineSeparator());
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
    void aNodesDurationIsWrittenAsEveryDurationOfTheCommandLine() {
        for (String[] given : new String[][] {{"5", "PT5S"}, {"500ms", "PT0.5S"}, {"2m", "PT2M"}, {"1.5", "PT1.5S"}}) {
            CommandLine.ParseResult parsed = MnemoCli.commandLine().parseArgs("node", "--name", "a",
                    "--write-timeout", given[0]);
            Object value = parsed.subcommand().matchedOptionValue("--write-timeout", null);

            assertThat(value).as(given[0]).hasToString(given[1]);
        }
        assertThat(Cli.run("node", "--help").out().replaceAll("\\s+", " ")).contains(DURATION_SYNTAX);
    }

    @Test
    void aMalformedDurationIsAUsageErrorOfOneLineBeforeAnythingStarts(@TempDir Path dir) {
        String cookie = dir.resolve("cookie").toString();
        for (String bad : new String[] {"5x", "-1"}) {
            Cli cli = Cli.run("node", "--name", "a", "--listen", "127.0.0.1:1", "--cookie-file", cookie,
                    "--write-timeout", bad);

            assertThat(cli.exitCode()).as(bad).isEqualTo(2);
            assertThat(cli.err()).as(bad).isEqualTo("mnemo node: Invalid value for option '--write-timeout': '" + bad
                    + "' is not a duration: write " + DURATION_SYNTAX + System.lineSeparator());
        }
        assertThat(dir.resolve("cookie")).as("nothing was done: not even the cookie made").doesNotExist();
    }

    @Test
    void otherUsageErrorsStillShowTheUsage() {
        Cli cli = Cli.run("node", "--name", "a", "--no-such-option");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option: '--no-such-option'").contains("--write-timeout");
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

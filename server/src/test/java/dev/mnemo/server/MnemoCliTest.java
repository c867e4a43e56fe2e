package dev.mnemo.server;

import org.junit.jupiter.api.Test;

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
}

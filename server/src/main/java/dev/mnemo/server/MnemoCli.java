package dev.mnemo.server;

import dev.mnemo.replication.cluster.MemberRemovedException;
import dev.mnemo.replication.cluster.MembershipChangeException;
import dev.mnemo.replication.transport.CookieException;
import dev.mnemo.server.admin.RemoveMemberCommand;
import dev.mnemo.server.admin.StatusCommand;
import dev.mnemo.server.demo.DemoCommand;
import dev.mnemo.server.node.LocalCommand;
import dev.mnemo.server.node.NodeCommand;
import dev.mnemo.server.shell.DumpCommand;
import dev.mnemo.server.shell.SqlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The {@code mnemo} command line: one subcommand per thing a user does with a node. */
@Command(name = "mnemo", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Mnemo: a replicated in-memory relational database embedded in JVM applications.",
        footer = {"", "bin/mnemo bench runs the benchmark harness (bin/mnemo bench --help)."},
        subcommands = {LocalCommand.class, NodeCommand.class, SqlCommand.class, DumpCommand.class, StatusCommand.class,
            RemoveMemberCommand.class, DemoCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class MnemoCli implements Runnable {
    @Spec
    private CommandSpec spec;

    /**
     * A command line ready to execute, with its output going to the process's stdout and stderr. A value a
     * subcommand rejects once parsed (an {@link IllegalArgumentException}: {@code --voters 0}, a malformed
     * {@code --join} seed) is reported as a usage error, one line and exit code 2, not as a stack trace. A failure
     * of the environment (a cookie file that cannot be read or is not private, a port in use, a data directory
     * that cannot be used, a member that did not start, or that the cluster refused or removed) is one line and exit
     * code 1; anything else is a bug and keeps its stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cli = oneLineForBadValues(new CommandLine(new MnemoCli()), "mnemo");
        return cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            int code;
            if (e instanceof IllegalArgumentException) {
                code = cmd.getCommandSpec().exitCodeOnInvalidInput();
            } else if (e instanceof CookieException
                    || e instanceof UncheckedIOException || e instanceof IOException
                    || e instanceof IllegalStateException
                    || e instanceof MembershipChangeException || e instanceof MemberRemovedException) {
                code = cmd.getCommandSpec().exitCodeOnExecutionException();
            } else {
                throw e;
            }
            cmd.getErr().println("mnemo " + cmd.getCommandName() + ": " + e.getMessage());
            return code;
        });
    }

    /**
     * Makes {@code cli} report an option value it cannot read (a malformed duration, a word where a number goes) as
     * one line, {@code "ROOT SUBCOMMAND: Invalid value for option '--x': ..."}, with the usage-error exit code: the
     * usage help that picocli prints after it would bury the one thing to fix. Other usage errors (an unknown
     * option, a missing subcommand) keep picocli's message and usage help. Shared with {@code bin/mnemo bench}.
     */
    public static CommandLine oneLineForBadValues(CommandLine cli, String root) {
        CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
        return cli.setParameterExceptionHandler((e, args) -> {
            // picocli keeps the converter's exception as the cause of an unreadable value, and only of that.
            if (e.getCause() == null) {
                return standard.handleParseException(e, args);
            }
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println((cmd.getParent() == null ? root : root + " " + cmd.getCommandName()) + ": "
                    + e.getMessage());
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }
}

package dev.mnemo.server;

import dev.mnemo.server.demo.DemoCommand;
import dev.mnemo.server.node.LocalCommand;
import dev.mnemo.server.node.NodeCommand;
import dev.mnemo.server.shell.SqlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code mnemo} command line: one subcommand per thing a user does with a node. */
@Command(name = "mnemo", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Mnemo: a replicated in-memory relational database embedded in JVM applications.",
        subcommands = {LocalCommand.class, NodeCommand.class, SqlCommand.class, DemoCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class MnemoCli implements Runnable {
    @Spec
    private CommandSpec spec;

    /** A command line ready to execute, with its output going to the process's stdout and stderr. */
    public static CommandLine commandLine() {
        return new CommandLine(new MnemoCli());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }
}

package dev.mnemo.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code mnemo version}: prints Mnemo's version and the Java runtime's. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Prints Mnemo's version and the Java runtime's.")
public final class VersionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : MnemoVersion.lines()) {
            out.println(line);
        }
        out.flush();
        return 0;
    }
}

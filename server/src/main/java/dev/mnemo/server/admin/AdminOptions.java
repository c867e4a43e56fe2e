package dev.mnemo.server.admin;

import dev.mnemo.replication.transport.CookieException;
import dev.mnemo.server.Durations;
import dev.mnemo.server.shell.SqlCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every command that asks a cluster's members shares: the cookie to prove, how long to wait, where to print.
 */
final class AdminOptions {
    @Option(names = "--cookie-file", paramLabel = "FILE",
            description = "The cluster's cookie file (default ~/.mnemo.cookie when it exists).")
    Path cookieFile;

    @Option(names = "--timeout", defaultValue = "3s", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "How long to wait for each member (default ${DEFAULT-VALUE}): " + Durations.SYNTAX + ".")
    Duration timeout;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Where the command prints its results. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** Where the command prints what went wrong, each line starting with its name. */
    void fail(String message) {
        command.commandLine().getErr().println("mnemo " + command.name() + ": " + message);
    }

    /** The cookie, as the remote driver's password. */
    String password() throws IOException, CookieException {
        return SqlCommand.password("jdbc:mnemo://", cookieFile);
    }

    /** The cluster as the members at {@code addresses}, and those they name, see it. */
    ClusterSurvey survey(List<String> addresses) throws IOException, CookieException {
        return ClusterSurvey.of(addresses, password(), timeout);
    }
}

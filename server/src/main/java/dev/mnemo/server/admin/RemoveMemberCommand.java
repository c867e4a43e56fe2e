package dev.mnemo.server.admin;

import dev.mnemo.server.MnemoVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code mnemo remove-member NAME --url host:port,...}: finds the leader through the members given and has it remove
 * member NAME for good ({@code CALL MNEMO.REMOVE_MEMBER('NAME')}), as when its machine is gone. Exits 1, with the
 * leader's reason, when it is refused or no leader is known.
 */
@Command(name = "remove-member", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Remove a member that is gone for good from the cluster (one at a time, through the leader). "
                + "A member that is still running can leave by itself instead.")
public final class RemoveMemberCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The member: its name (b) or name@host:port.")
    String name;

    @Option(names = "--url", paramLabel = "HOST:PORT,...", split = ",", defaultValue = "127.0.0.1:7001",
            description = "Members to find the leader through (default ${DEFAULT-VALUE}).")
    List<String> addresses = new ArrayList<>();

    @Mixin
    AdminOptions options = new AdminOptions();

    @Override
    public Integer call() throws Exception {
        Optional<ClusterSurvey.Row> leader = options.survey(addresses).leader();
        if (leader.isEmpty()) {
            options.fail("no leader is known through " + String.join(",", addresses) + " (see mnemo status)");
            return 1;
        }
        try (Connection c = ClusterSurvey.connect(leader.get().address(), options.password(), options.timeout);
             Statement s = c.createStatement()) {
            s.execute("CALL MNEMO.REMOVE_MEMBER('" + name.replace("'", "''") + "')");
        } catch (SQLException e) {
            options.fail(e.getMessage() + " (SQLState " + e.getSQLState() + ")");
            return 1;
        }
        options.out().println("removed " + name + " from the cluster (leader " + leader.get().fullName() + ")");
        return 0;
    }
}

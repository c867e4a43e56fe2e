package dev.mnemo.server.admin;

import dev.mnemo.replication.transport.CookieException;
import dev.mnemo.server.MnemoVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code mnemo remove-member NAME --url host:port,...}: finds the leader through the members given, by the rule of
 * {@code mnemo status} (the leader in the highest term, which answered as the leader itself), and has it remove
 * member NAME for good ({@code CALL MNEMO.REMOVE_MEMBER('NAME')}), as when its machine is gone; asks the new leader
 * once more when leadership moved meanwhile. Exits 1, with the leader's reason, when it is refused or no leader is
 * confirmed.
 */
@Command(name = "remove-member", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Remove a member that is gone for good from the cluster (one at a time, through the leader). "
                + "A member that is still running can leave by itself instead.")
public final class RemoveMemberCommand implements Callable<Integer> {
    /** What a member answers when it refuses a removal without changing anything, among them "not the leader". */
    private static final String REFUSED_STATE = "55000";

    @Parameters(index = "0", paramLabel = "NAME", description = "The member: its name (b) or name@host:port.")
    String name;

    @Option(names = "--url", paramLabel = "HOST:PORT,...", split = ",", defaultValue = "127.0.0.1:7001",
            description = "Members to find the leader through (default ${DEFAULT-VALUE}).")
    List<String> addresses = new ArrayList<>();

    @Mixin
    AdminOptions options = new AdminOptions();

    @Override
    public Integer call() throws Exception {
        String password = options.password();
        ClusterSurvey.Row leader;
        try {
            leader = removeThroughLeader(options.survey(addresses), () -> options.survey(addresses),
                    asked -> askToRemove(asked, password));
        } catch (Refused e) {
            options.fail(e.getMessage());
            return 1;
        }
        options.out().println("removed " + name + " from the cluster (leader " + leader.fullName() + ")");
        return 0;
    }

    private void askToRemove(ClusterSurvey.Row leader, String password) throws SQLException {
        try (Connection c = ClusterSurvey.connect(leader.address(), password, options.timeout);
             Statement s = c.createStatement()) {
            s.execute("CALL MNEMO.REMOVE_MEMBER('" + name.replace("'", "''") + "')");
        }
    }

    /** Asks one member, taken for the leader, to remove the member; throws what it answered. */
    @FunctionalInterface
    interface Removal {
        void ask(ClusterSurvey.Row leader) throws SQLException;
    }

    /** Surveys the cluster again. */
    @FunctionalInterface
    interface Resurvey {
        ClusterSurvey survey() throws IOException, CookieException;
    }

    /** A removal that was refused, or that no leader was there to ask for; the message says why. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Has the confirmed leader of {@code survey} ({@link ClusterSurvey#confirmedLeader}, as mnemo status finds it)
     * carry out {@code removal}, and returns that leader. A refusal (which changed nothing) from a member that
     * leadership has since left is asked once more of the new leader, found by surveying {@code again}.
     *
     * @throws Refused when no confirmed leader is known, or the leader asked last refused
     */
    static ClusterSurvey.Row removeThroughLeader(ClusterSurvey survey, Resurvey again, Removal removal)
            throws Refused, IOException, CookieException {
        ClusterSurvey.Row leader = confirmedLeader(survey);
        try {
            removal.ask(leader);
            return leader;
        } catch (SQLException e) {
            Optional<ClusterSurvey.Row> moved = REFUSED_STATE.equals(e.getSQLState())
                    ? again.survey().confirmedLeader().filter(r -> !r.fullName().equals(leader.fullName()))
                    : Optional.empty();
            if (moved.isEmpty()) {
                throw refused(e);
            }
            try {
                removal.ask(moved.get());
                return moved.get();
            } catch (SQLException second) {
                throw refused(second);
            }
        }
    }

    private static ClusterSurvey.Row confirmedLeader(ClusterSurvey survey) throws Refused {
        Optional<ClusterSurvey.Row> leader = survey.confirmedLeader();
        if (leader.isEmpty()) {
            throw new Refused(survey.noConfirmedLeader() + " (see mnemo status)");
        }
        return leader.get();
    }

    private static Refused refused(SQLException e) {
        return new Refused(e.getMessage() + " (SQLState " + e.getSQLState() + ")");
    }
}

package dev.mnemo.server.admin;

import dev.mnemo.engine.Durations;
import dev.mnemo.server.MnemoVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code mnemo status [host:port,...]}: asks each member of a cluster, over the remote driver, for its view of the
 * cluster and prints one line per member; exits 1 when no leader is known (one that answered as the leader itself)
 * or a majority of the voters cannot be reached, so that scripts and probes can rely on it.
 */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Show a cluster's members: who leads, who is up, voter or learner, how far behind each is. "
                + "Exits 1 when no leader is known or a majority of the voters is unreachable.")
public final class StatusCommand implements Callable<Integer> {
    /** What {@link #call} prints where a member did not say (it could not be asked, or only the leader knows). */
    private static final String UNKNOWN = "-";

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT,...", split = ",",
            description = "Members to ask (default ${DEFAULT-VALUE}); the members they name are asked too.",
            defaultValue = "127.0.0.1:7001")
    List<String> addresses = new ArrayList<>();

    @Mixin
    AdminOptions options = new AdminOptions();

    @Override
    public Integer call() throws Exception {
        ClusterSurvey survey = options.survey(addresses);
        List<ClusterSurvey.Row> members = survey.members();
        if (members.isEmpty()) {
            for (ClusterSurvey.View v : survey.views()) {
                options.fail("cannot ask " + v.address() + ": " + v.failure());
            }
            options.fail("no member answered");
            return 1;
        }
        options.out().print(table(survey, members));
        return verdict(survey, members);
    }

    /**
     * Prints the summary line; 0 if the leader answered as the leader and a majority of the voters answered, else 1
     * (and why).
     */
    private int verdict(ClusterSurvey survey, List<ClusterSurvey.Row> members) {
        long voters = members.stream().filter(ClusterSurvey.Row::voter).count();
        long up = members.stream().filter(r -> r.voter() && survey.answered(r.address())).count();
        Optional<ClusterSurvey.Row> leader = survey.leader();
        options.out().println("leader " + leader.map(ClusterSurvey.Row::fullName).orElse("unknown") + ", term "
                + leader.map(r -> String.valueOf(r.term())).orElse(UNKNOWN) + "; " + up + " of " + voters
                + " voters reachable");
        if (survey.confirmedLeader().isEmpty()) {
            options.fail(survey.noConfirmedLeader());
            return 1;
        }
        if (up * 2 <= voters) {
            options.fail("a majority of the voters is not reachable (" + up + " of " + voters + ")");
            return 1;
        }
        return 0;
    }

    /** One line per member: its own view where it answered, the leader's for how far behind it is. */
    static String table(ClusterSurvey survey, List<ClusterSurvey.Row> members) {
        Optional<ClusterSurvey.View> leaderView = survey.leaderView();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"MEMBER", "ADDRESS", "ROLE", "TERM", "COMMIT", "APPLIED", "MATCH", "LAST CONTACT",
            "STATE"});
        for (ClusterSurvey.Row listed : members) {
            Optional<ClusterSurvey.Row> own = survey.view(listed.address()).flatMap(ClusterSurvey.View::self);
            Optional<ClusterSurvey.Row> tracked = leaderView.flatMap(v -> v.rows().stream()
                    .filter(r -> r.fullName().equals(listed.fullName())).findFirst());
            ClusterSurvey.Row r = own.orElse(listed);
            lines.add(new String[] {r.name(), r.address(), r.role(), own.map(o -> String.valueOf(o.term()))
                    .orElse(UNKNOWN), text(own.map(ClusterSurvey.Row::commitIndex)),
                text(own.map(ClusterSurvey.Row::appliedIndex)), text(tracked.map(ClusterSurvey.Row::matchIndex)),
                tracked.map(ClusterSurvey.Row::lastContactMillis)
                        .map(ms -> Durations.format(Duration.ofMillis(ms))).orElse(UNKNOWN),
                own.isPresent() ? "up" : "unreachable"});
        }
        return aligned(lines);
    }

    private static String text(Optional<Long> value) {
        return value.map(String::valueOf).orElse(UNKNOWN);
    }

    /** The lines as columns, each as wide as its widest cell. */
    private static String aligned(List<String[]> lines) {
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                b.append(i == line.length - 1 ? line[i] : String.format("%-" + (widths[i] + 2) + "s", line[i]));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }
}

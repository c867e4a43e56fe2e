package dev.mnemo.server.admin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the members of a cluster say of it, each asked over the remote driver for its own view
 * ({@code INFORMATION_SCHEMA.CLUSTER_MEMBERS}): starting from the addresses given, then every member a view names,
 * so that one address is enough to find the rest.
 */
final class ClusterSurvey {
    private static final String QUERY = "SELECT member_name, address, role, is_voter, is_self, is_reachable, term, "
            + "commit_index, applied_index, match_index, last_contact_millis FROM information_schema.cluster_members";

    /** One member as the member that answered sees it; see {@code CLUSTER_MEMBERS} for the columns. */
    record Row(String name, String address, String role, boolean voter, boolean self, String reachable, long term,
               Long commitIndex, Long appliedIndex, Long matchIndex, Long lastContactMillis) {
        String fullName() {
            return name + "@" + address;
        }
    }

    /** What the member at one address said of the cluster (null rows and a reason when it could not be asked). */
    record View(String address, List<Row> rows, String failure) {
        boolean answered() {
            return rows != null;
        }

        Optional<Row> self() {
            return answered() ? rows.stream().filter(Row::self).findFirst() : Optional.empty();
        }
    }

    private final Map<String, View> views;

    ClusterSurvey(Map<String, View> views) {
        this.views = views;
    }

    /** Asks the members at {@code addresses} and every member they name, each within {@code timeout}. */
    static ClusterSurvey of(List<String> addresses, String password, Duration timeout) {
        Map<String, View> views = new LinkedHashMap<>();
        Deque<String> toAsk = new ArrayDeque<>(addresses);
        while (!toAsk.isEmpty()) {
            String address = toAsk.poll().strip();
            if (address.isEmpty() || views.containsKey(address)) {
                continue;
            }
            View v = ask(address, password, timeout);
            views.put(address, v);
            if (v.answered()) {
                v.rows().stream().filter(r -> r.address() != null).forEach(r -> toAsk.add(r.address()));
            }
        }
        return new ClusterSurvey(views);
    }

    /** The member at {@code address}'s view, through a connection to it alone. */
    static View ask(String address, String password, Duration timeout) {
        try (Connection c = connect(address, password, timeout);
             Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(QUERY)) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), "YES".equals(rs.getString(4)),
                            "YES".equals(rs.getString(5)), rs.getString(6), rs.getLong(7), number(rs, 8),
                            number(rs, 9), number(rs, 10), number(rs, 11)));
                }
            }
            return new View(address, rows, null);
        } catch (SQLException e) {
            return new View(address, null, e.getMessage() + " (SQLState " + e.getSQLState() + ")");
        }
    }

    /** A remote connection to the member at {@code address} alone, given up after {@code timeout}. */
    static Connection connect(String address, String password, Duration timeout) throws SQLException {
        return DriverManager.getConnection("jdbc:mnemo://" + address + "/?connectTimeout="
                + Math.max(1, timeout.toMillis()), "", password);
    }

    private static Long number(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Every view, in the order the members were asked. */
    List<View> views() {
        return List.copyOf(views.values());
    }

    /** The view of the member at {@code address}, if it was asked. */
    Optional<View> view(String address) {
        return Optional.ofNullable(views.get(address));
    }

    /**
     * The view of the member that answered as the leader in the highest term, if one did: a leader cut off from the
     * others may still believe it leads in the term it was elected in.
     */
    Optional<View> leaderView() {
        View best = null;
        for (View v : views.values()) {
            Optional<Row> self = v.self().filter(ClusterSurvey::leads);
            if (self.isPresent() && (best == null || self.get().term() > best.self().orElseThrow().term())) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The leader as the members that answered know it, if any knows one: the one named in the highest term, the
     * leader's own view first among views of the same term.
     */
    Optional<Row> leader() {
        List<View> order = new ArrayList<>();
        leaderView().ifPresent(order::add);
        order.addAll(views.values());
        Row best = null;
        for (View v : order) {
            if (v.answered()) {
                for (Row r : v.rows()) {
                    if (leads(r) && (best == null || r.term() > best.term())) {
                        best = r;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether the {@link #leader} answered this survey itself, as the leader: the others may name a leader that has
     * failed or been cut off since they last heard from it.
     */
    boolean leaderConfirmed() {
        return leader().flatMap(r -> view(r.address())).flatMap(View::self).map(ClusterSurvey::leads).orElse(false);
    }

    /**
     * The member to ask for what only the leader does, by the rule every command here applies: the {@link #leader}
     * in the highest term, and only if it answered this survey itself as the leader ({@link #leaderConfirmed});
     * else empty, and {@link #noConfirmedLeader} says why.
     */
    Optional<Row> confirmedLeader() {
        return leaderConfirmed() ? leader() : Optional.empty();
    }

    /** Why there is no {@link #confirmedLeader}, as an operator reads it. */
    String noConfirmedLeader() {
        return leader().map(r -> "the leader the members name, " + r.fullName() + ", did not answer as the leader "
                + "itself: it may have failed or be cut off, and no other is elected yet").orElse("no leader is known");
    }

    private static boolean leads(Row r) {
        return r.role().equals("leader");
    }

    /** The members, as the leader's view lists them, else the first view that answered; empty if none did. */
    List<Row> members() {
        return leaderView().or(() -> views.values().stream().filter(View::answered).findFirst())
                .map(View::rows).orElse(List.of());
    }

    /** Whether the member at {@code address} answered this survey. */
    boolean answered(String address) {
        return view(address).map(View::answered).orElse(false);
    }
}

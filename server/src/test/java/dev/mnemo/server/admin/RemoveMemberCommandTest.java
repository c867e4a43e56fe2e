package dev.mnemo.server.admin;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which member {@code mnemo remove-member} asks, from the views its survey gathered (a, b and c on ports 7001 to
 * 7003), and when it asks again: the members are stood in for by what each answers to the removal.
 */
class RemoveMemberCommandTest {
    private final List<String> asked = new ArrayList<>();

    private static String address(String member) {
        return "127.0.0.1:" + (7001 + member.charAt(0) - 'a');
    }

    /** What {@code self} says in {@code term}, naming {@code leader} (or none) as the leader. */
    private static ClusterSurvey.View view(String self, long term, String leader) {
        List<ClusterSurvey.Row> rows = List.of("a", "b", "c").stream().map(m -> new ClusterSurvey.Row(m, address(m),
                m.equals(leader) ? "leader" : "follower", true, m.equals(self), "YES", term, null, null, null,
                null)).toList();
        return new ClusterSurvey.View(address(self), rows, null);
    }

    private static ClusterSurvey survey(ClusterSurvey.View... views) {
        Map<String, ClusterSurvey.View> byAddress = new LinkedHashMap<>();
        for (ClusterSurvey.View v : views) {
            byAddress.put(v.address(), v);
        }
        return new ClusterSurvey(byAddress);
    }

    /** A removal that only {@code leader} carries out; the others answer as a follower does. */
    private RemoveMemberCommand.Removal onlyLeaderRemoves(String leader) {
        return asked -> {
            this.asked.add(asked.name());
            if (!asked.name().equals(leader)) {
                throw new SQLException("only the leader removes members, and " + asked.fullName() + " is not the "
                        + "leader; ask " + leader + "@" + address(leader), "55000");
            }
        };
    }

    @Test
    void aLeaderTheFollowersNameButThatDidNotAnswerAsTheLeaderIsNotAsked() {
        ClusterSurvey stale = survey(new ClusterSurvey.View(address("a"), null, "connection refused"),
                view("b", 2, "a"), view("c", 2, "a"));
        assertThatThrownBy(() -> RemoveMemberCommand.removeThroughLeader(stale, () -> stale, onlyLeaderRemoves("a")))
                .isInstanceOf(RemoveMemberCommand.Refused.class).hasMessageContaining("did not answer as the leader");
        assertThat(asked).isEmpty();
    }

    @Test
    void whenLeadershipMovesMidCommandTheNewLeaderIsAskedOnce() throws Exception {
        ClusterSurvey before = survey(view("a", 2, "a"), view("b", 2, "a"), view("c", 2, "a"));
        ClusterSurvey after = survey(view("a", 3, "b"), view("b", 3, "b"), view("c", 3, "b"));
        ClusterSurvey.Row leader = RemoveMemberCommand.removeThroughLeader(before, () -> after,
                onlyLeaderRemoves("b"));
        assertThat(leader.name()).isEqualTo("b");
        assertThat(asked).containsExactly("a", "b");
    }

    @Test
    void aRefusalWhileLeadershipStaysPutIsReportedWithoutAskingAgain() {
        ClusterSurvey same = survey(view("a", 2, "a"), view("b", 2, "a"));
        RemoveMemberCommand.Removal refuses = asked -> {
            this.asked.add(asked.name());
            throw new SQLException("cannot remove a: it is the last voter", "55000");
        };
        assertThatThrownBy(() -> RemoveMemberCommand.removeThroughLeader(same, () -> same, refuses))
                .isInstanceOf(RemoveMemberCommand.Refused.class).hasMessageContaining("last voter", "55000");
        assertThat(asked).containsExactly("a");
    }

    @Test
    void leadershipMovingTwiceIsReportedAfterTheSecondTry() {
        ClusterSurvey first = survey(view("a", 2, "a"), view("b", 2, "a"));
        ClusterSurvey second = survey(view("a", 3, "b"), view("b", 3, "b"));
        assertThatThrownBy(() -> RemoveMemberCommand.removeThroughLeader(first, () -> second,
                onlyLeaderRemoves("c"))).isInstanceOf(RemoveMemberCommand.Refused.class)
                .hasMessageContaining("is not the leader");
        assertThat(asked).containsExactly("a", "b");
    }
}

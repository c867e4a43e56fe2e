package dev.mnemo.server.admin;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which leader a survey believes, from the views its members gave (a, b and c on ports 7001 to 7003). */
class ClusterSurveyTest {
    private static String address(String member) {
        return "127.0.0.1:" + (7001 + member.charAt(0) - 'a');
    }

    /** What {@code self} says in {@code term}, naming {@code leader} (or none) as the leader. */
    private static ClusterSurvey.View view(String self, long term, String leader) {
        List<ClusterSurvey.Row> rows = List.of("a", "b", "c").stream().map(m -> new ClusterSurvey.Row(m, address(m),
                m.equals(leader) ? "leader" : "follower", true, m.equals(self), m.equals(self) ? "YES" : null, term,
                null, null, null, null)).toList();
        return new ClusterSurvey.View(address(self), rows, null);
    }

    private static ClusterSurvey.View unanswered(String member) {
        return new ClusterSurvey.View(address(member), null, "connection refused (SQLState 08001)");
    }

    private static ClusterSurvey survey(ClusterSurvey.View... views) {
        Map<String, ClusterSurvey.View> byAddress = new LinkedHashMap<>();
        for (ClusterSurvey.View v : views) {
            byAddress.put(v.address(), v);
        }
        return new ClusterSurvey(byAddress);
    }

    @Test
    void aLeaderCutOffInAnOlderTermIsNotChosenOverTheOneTheMajorityFollows() {
        ClusterSurvey survey = survey(view("a", 2, "a"), view("b", 3, "b"), view("c", 3, "b"));
        assertThat(survey.leader()).map(r -> r.name() + " in term " + r.term()).contains("b in term 3");
        assertThat(survey.leaderView()).map(ClusterSurvey.View::address).contains(address("b"));
        assertThat(survey.members()).as("as the real leader lists them").isEqualTo(survey.view(address("b"))
                .orElseThrow().rows());
    }

    @Test
    void withinOneTermTheLeadersOwnViewIsBelievedFirst() {
        ClusterSurvey survey = survey(view("b", 4, null), view("a", 4, "a"), view("c", 4, "a"));
        assertThat(survey.leader()).map(ClusterSurvey.Row::name).contains("a");
    }

    @Test
    void aLeaderThatFollowersNameButThatDidNotAnswerIsNotConfirmed() {
        ClusterSurvey survey = survey(unanswered("a"), view("b", 2, "a"), view("c", 2, "a"));
        assertThat(survey.leader()).map(ClusterSurvey.Row::name).contains("a");
        assertThat(survey.leaderConfirmed()).isFalse();
        assertThat(survey(view("a", 2, "a"), view("b", 2, "a")).leaderConfirmed()).isTrue();
    }

    @Test
    void aLeaderWhoseOwnViewNoLongerLeadsIsNotConfirmed() {
        ClusterSurvey survey = survey(view("a", 3, null), view("b", 2, "a"));
        assertThat(survey.leaderConfirmed()).isFalse();
    }

    @Test
    void theConfirmedLeaderIsTheLeaderOnlyWhenItsOwnViewSaysItLeadsElseTheReasonSaysWhy() {
        ClusterSurvey stale = survey(unanswered("a"), view("b", 2, "a"));
        assertThat(stale.confirmedLeader()).isEmpty();
        assertThat(stale.noConfirmedLeader()).contains("a@" + address("a"), "did not answer as the leader");
        ClusterSurvey none = survey(view("a", 2, null), view("b", 2, null));
        assertThat(none.confirmedLeader()).isEmpty();
        assertThat(none.noConfirmedLeader()).isEqualTo("no leader is known");
        assertThat(survey(view("a", 3, "b"), view("b", 3, "b")).confirmedLeader()).map(ClusterSurvey.Row::name)
                .contains("b");
    }
}

package dev.mnemo.server.demo;

import dev.mnemo.server.Cli;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void demoWalksThroughEveryStepAndExitsZero() {
        Cli cli = Cli.run("demo");

        assertThat(cli.exitCode()).as("exit code; stderr:%n%s", cli.err()).isZero();
        assertThat(cli.out())
                .contains("create table account")
                .contains("ORDERED_SET")
                .contains("HASH INDEX BY_OWNER[OWNER]")
                .contains("event INSERT")
                .contains("ACCOUNT(ID=1, OWNER=alice, BALANCE=100) -> ACCOUNT(ID=1, OWNER=alice, BALANCE=70)")
                .contains("TransactionAbortedException (SQLState 40000)")
                .contains("insufficient funds: account 5 holds 0, the transfer needs 500")
                .contains("nothing applied: account 5 still holds 0")
                .contains("1000 random transfers on 4 threads")
                .contains("total balance before 245, after 245")
                .contains("commits (read-write)")
                .contains("conflicts re-run");
    }

    @Test
    void indexLookupAndRangeScansPrintTheRightRowsInOrder() {
        String out = Cli.run("demo", "--transfers", "0").out();

        String lookup = section(out, "index lookup");
        assertThat(lookup).containsSubsequence("ACCOUNT(ID=1, OWNER=alice", "ACCOUNT(ID=4, OWNER=alice");
        assertThat(lookup).doesNotContain("bob", "carol", "dave");
        assertThat(section(out, "2 <= id <= 4")).containsSubsequence("ID=2,", "ID=3,", "ID=4,")
                .doesNotContain("ID=1,", "ID=5,");
        assertThat(section(out, "two highest ids")).containsSubsequence("ID=5,", "ID=4,").doesNotContain("ID=3,");
    }

    @Test
    void oneThreadIsEnoughAndSixtyFourIsTheMost() {
        assertThat(Cli.run("demo", "--threads", "1", "--transfers", "10").exitCode()).isZero();
        assertThat(Cli.run("demo", "--threads", "64", "--transfers", "64").exitCode()).isZero();
    }

    @Test
    void threadsOutsideTheLimitsAreAUsageError() {
        Cli none = Cli.run("demo", "--threads", "0");
        Cli tooMany = Cli.run("demo", "--threads", "65");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--threads must be 1..64, got 0");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--threads must be 1..64, got 65");
    }

    @Test
    void transfersPastTheLimitAreAUsageError() {
        Cli cli = Cli.run("demo", "--transfers", "100001");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--transfers must be 0..100000, got 100001");
    }

    /** The lines of one step: from its heading to the next one. */
    private static String section(String out, String headingText) {
        int start = out.indexOf(headingText);
        assertThat(start).as("step '%s' in output", headingText).isNotNegative();
        int end = out.indexOf("\n[", start);
        return end < 0 ? out.substring(start) : out.substring(start, end);
    }
}

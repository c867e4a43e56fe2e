package dev.mnemo.benchmarks.harness;

import dev.mnemo.engine.Row;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The bank invariant: holds after honest transfers, and every way of breaking it is caught and named. */
class BankCheckTest {
    private static final long ACCOUNTS = 10;

    @Test
    void holdsWhenTheTotalTheAccountsAndTheSignsAreRight() {
        BankCheck ok = BankCheck.of(ACCOUNTS, 1_000, new BankCheck.Totals(10_000, ACCOUNTS, 0));
        assertThat(ok.holds()).isTrue();
        assertThat(ok.describe()).startsWith("invariant holds");
    }

    @Test
    void namesEveryBrokenPart() {
        BankCheck money = BankCheck.of(ACCOUNTS, 1_000, new BankCheck.Totals(10_007, ACCOUNTS, 0));
        assertThat(money.holds()).isFalse();
        assertThat(money.describe()).contains("INVARIANT VIOLATED").contains("10,007").contains("+7");
        BankCheck lost = BankCheck.of(ACCOUNTS, 1_000, new BankCheck.Totals(9_000, ACCOUNTS - 1, 0));
        assertThat(lost.describe()).contains("9 accounts, expected 10").contains("-1,000");
        BankCheck overdrawn = BankCheck.of(ACCOUNTS, 1_000, new BankCheck.Totals(10_000, ACCOUNTS, 2));
        assertThat(overdrawn.holds()).isFalse();
        assertThat(overdrawn.describe()).contains("2 accounts overdrawn");
    }

    @Test
    void embeddedTransfersKeepTheTotalAndTamperingIsCaught() throws Exception {
        try (EmbeddedTarget target = new EmbeddedTarget(1, 10, Tables.KindChoice.AUTO, 0)) {
            target.createTables(Workload.BANK);
            target.loadAccounts(ACCOUNTS, Tables.OPENING_BALANCE);
            transferAtRandom(target);
            assertThat(check(target).holds()).isTrue();

            Row row = target.database().dirtyRead(Tables.ACCOUNTS, 3L);
            target.database().dirtyWrite(Tables.ACCOUNTS, row.with(1, ((Number) row.get(1)).longValue() + 1));
            BankCheck broken = check(target);
            assertThat(broken.holds()).isFalse();
            assertThat(broken.describe()).contains("+1");
        }
    }

    @Test
    void jdbcTransfersKeepTheTotalAndTamperingIsCaught() throws Exception {
        String url = "jdbc:h2:mem:bank_check_test";
        try (Connection keepAlive = DriverManager.getConnection(url);
             JdbcTarget target = JdbcTarget.open(url, "unused", 1, 10, 1, Tables.KindChoice.AUTO)) {
            target.createTables(Workload.BANK);
            target.loadAccounts(ACCOUNTS, Tables.OPENING_BALANCE);
            transferAtRandom(target);
            assertThat(check(target).holds()).isTrue();

            try (Statement st = keepAlive.createStatement()) {
                st.executeUpdate("UPDATE " + Tables.ACCOUNTS + " SET balance = -5 WHERE id = 4");
            }
            BankCheck broken = check(target);
            assertThat(broken.holds()).isFalse();
            assertThat(broken.describe()).contains("1 accounts overdrawn");
        }
    }

    private static void transferAtRandom(Target target) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        int moved = 0;
        try (Session s = target.openSession()) {
            for (int i = 0; i < 300; i++) {
                long from = random.nextLong(ACCOUNTS);
                long to = (from + 1 + random.nextLong(ACCOUNTS - 1)) % ACCOUNTS;
                moved += s.transfer(from, to, 1 + random.nextInt(400)) ? 1 : 0;
            }
        }
        // Some transfers must have gone through, and some must have been refused for lack of money.
        assertThat(moved).isBetween(1, 299);
    }

    private static BankCheck check(Target target) throws Exception {
        return BankCheck.of(ACCOUNTS, Tables.OPENING_BALANCE, target.bankTotals());
    }
}

package dev.mnemo.benchmarks.harness;

/**
 * The bank workload's invariant: transfers move money between accounts and never make or destroy it, so the
 * total is what was loaded, every account is still there, and no account is overdrawn.
 */
public record BankCheck(long accounts, long expectedTotal, Totals totals) {
    /** What the target holds: the sum of the balances, how many accounts, how many are negative. */
    public record Totals(long balanceSum, long accountCount, long negativeAccounts) {
    }

    /** The check of {@code totals} against {@code accounts} accounts opened with {@code openingBalance} each. */
    public static BankCheck of(long accounts, long openingBalance, Totals totals) {
        return new BankCheck(accounts, Math.multiplyExact(accounts, openingBalance), totals);
    }

    public boolean holds() {
        return totals.balanceSum() == expectedTotal && totals.accountCount() == accounts
                && totals.negativeAccounts() == 0;
    }

    /** One sentence: what holds, or every part that does not. */
    public String describe() {
        if (holds()) {
            return String.format("invariant holds: %,d accounts, total balance %,d unchanged, none negative",
                    accounts, expectedTotal);
        }
        StringBuilder sb = new StringBuilder("INVARIANT VIOLATED:");
        if (totals.balanceSum() != expectedTotal) {
            sb.append(String.format(" total balance %,d, expected %,d (%+,d);", totals.balanceSum(), expectedTotal,
                    totals.balanceSum() - expectedTotal));
        }
        if (totals.accountCount() != accounts) {
            sb.append(String.format(" %,d accounts, expected %,d;", totals.accountCount(), accounts));
        }
        if (totals.negativeAccounts() != 0) {
            sb.append(String.format(" %,d accounts overdrawn;", totals.negativeAccounts()));
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}

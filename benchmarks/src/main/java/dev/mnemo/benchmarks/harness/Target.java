package dev.mnemo.benchmarks.harness;

import java.util.List;

/**
 * A database under load: the embedded engine, or anything with a JDBC URL. It creates its tables, hands out one
 * {@link Session} (or {@link AsyncSession}) per worker thread, and can total the bank's accounts so that the
 * invariant can be checked.
 */
public interface Target extends AutoCloseable {
    /** The target as given on the command line (e.g. {@code embedded}, {@code jdbc:h2:mem:bench}). */
    String label();

    /** What a reader needs to know to interpret the numbers: product and version, table kind, isolation, .... */
    List<String> notes();

    /** Creates the tables the workload needs (empty). */
    void createTables(Workload workload) throws Exception;

    /** Drops and re-creates the usertable, for workloads that start empty every round. */
    void recreateUserTable() throws Exception;

    /** Inserts the bank's accounts, each with {@code balance}. */
    void loadAccounts(long accounts, long balance) throws Exception;

    Session openSession() throws Exception;

    /**
     * A session for asynchronous clients (see {@link AsyncSession}). Only targets with an asynchronous API have
     * one; {@link TargetChoice#asyncProblem} refuses the others before a run starts.
     */
    default AsyncSession openAsyncSession() throws Exception {
        throw new NotAvailableException(label() + " has no asynchronous client API");
    }

    /** The sum of all balances, the number of accounts and the number of negative balances. */
    BankCheck.Totals bankTotals() throws Exception;

    /** Conflicts the target resolved by re-running transactions itself, since it was opened; -1 if unknown. */
    long internalRetries();

    @Override
    void close() throws Exception;
}

package dev.mnemo.benchmarks.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema and data every {@link SqlBenchmarks} target gets, through plain JDBC: {@value #ACCOUNTS} accounts
 * {@code (id, branch_id, balance, name)} with ids 1..ACCOUNTS, and {@value #BRANCHES} branches of
 * {@value #ACCOUNTS_PER_BRANCH} consecutive accounts each. The only difference between targets is Mnemo's
 * table kind: accounts are an {@code ordered_set}, so that ranges of ids are read in key order as H2 reads its
 * primary key index.
 */
final class Bank {
    static final int ACCOUNTS = 100_000;
    static final int BRANCHES = 100;
    static final int ACCOUNTS_PER_BRANCH = ACCOUNTS / BRANCHES;
    static final long OPENING_BALANCE = 1_000_000;
    static final int NAME_CHARS = 32;
    private static final int LOAD_BATCH_ROWS = 1_000;

    private Bank() {
    }

    /** Drops and recreates both tables and loads them, in batches of one transaction each. */
    static void load(Connection c, String url) throws SQLException {
        boolean mnemo = url.startsWith("jdbc:mnemo:");
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS account");
            st.execute("DROP TABLE IF EXISTS branch");
            st.execute("CREATE TABLE branch (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(" + NAME_CHARS
                    + ") NOT NULL)");
            st.execute("CREATE TABLE account (id BIGINT NOT NULL PRIMARY KEY, branch_id BIGINT NOT NULL,"
                    + " balance BIGINT NOT NULL, name VARCHAR(" + NAME_CHARS + ") NOT NULL)"
                    + (mnemo ? " WITH (kind = 'ordered_set')" : ""));
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO branch (id, name) VALUES (?, ?)")) {
                for (long id = 0; id < BRANCHES; id++) {
                    ins.setLong(1, id);
                    ins.setString(2, name("branch", id));
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            c.commit();
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO account (id, branch_id, balance, name) VALUES (?, ?, ?, ?)")) {
                for (long id = 1; id <= ACCOUNTS; id++) {
                    ins.setLong(1, id);
                    ins.setLong(2, branchOf(id));
                    ins.setLong(3, OPENING_BALANCE);
                    ins.setString(4, name("account", id));
                    ins.addBatch();
                    if (id % LOAD_BATCH_ROWS == 0 || id == ACCOUNTS) {
                        ins.executeBatch();
                        c.commit();
                    }
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static long branchOf(long account) {
        return (account - 1) / ACCOUNTS_PER_BRANCH;
    }

    /** A name of exactly {@value #NAME_CHARS} characters. */
    static String name(String kind, long id) {
        String s = kind + "-" + id + "-";
        StringBuilder sb = new StringBuilder(NAME_CHARS).append(s);
        while (sb.length() < NAME_CHARS) {
            sb.append((char) ('a' + sb.length() % 26));
        }
        return sb.substring(0, NAME_CHARS);
    }
}

package dev.mnemo.benchmarks.harness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One worker's JDBC connection with every statement prepared up front (so that no statement is planned inside
 * the measured time). In explicit-transaction mode (auto-commit off) each operation ends with commit(), or with
 * rollback() if it failed.
 */
final class JdbcSession implements Session {
    private final Connection c;
    private final boolean explicit;
    private final int columns;
    private PreparedStatement select;
    private PreparedStatement insert;
    private PreparedStatement[] updates;
    private PreparedStatement[] scans;
    private PreparedStatement debit;
    private PreparedStatement credit;

    JdbcSession(Connection c, boolean explicit, int fields, int scanRowsMax, boolean bank) throws SQLException {
        this.c = c;
        this.explicit = explicit;
        this.columns = fields + 1;
        c.setAutoCommit(!explicit);
        if (bank) {
            debit = c.prepareStatement("UPDATE " + Tables.ACCOUNTS
                    + " SET balance = balance - ? WHERE id = ? AND balance >= ?");
            credit = c.prepareStatement("UPDATE " + Tables.ACCOUNTS + " SET balance = balance + ? WHERE id = ?");
            return;
        }
        StringBuilder cols = new StringBuilder(Tables.KEY_COLUMN);
        StringBuilder marks = new StringBuilder("?");
        for (int i = 0; i < fields; i++) {
            cols.append(", ").append(Tables.field(i));
            marks.append(", ?");
        }
        select = c.prepareStatement("SELECT " + cols + " FROM " + Tables.USERTABLE + " WHERE " + Tables.KEY_COLUMN
                + " = ?");
        insert = c.prepareStatement("INSERT INTO " + Tables.USERTABLE + " (" + cols + ") VALUES (" + marks + ")");
        updates = new PreparedStatement[fields];
        for (int i = 0; i < fields; i++) {
            updates[i] = c.prepareStatement("UPDATE " + Tables.USERTABLE + " SET " + Tables.field(i) + " = ? WHERE "
                    + Tables.KEY_COLUMN + " = ?");
        }
        scans = new PreparedStatement[scanRowsMax + 1];
        for (int n = 1; n <= scanRowsMax; n++) {
            scans[n] = c.prepareStatement("SELECT " + cols + " FROM " + Tables.USERTABLE + " WHERE "
                    + Tables.KEY_COLUMN + " >= ? ORDER BY " + Tables.KEY_COLUMN + " FETCH FIRST " + n + " ROWS ONLY");
        }
    }

    @Override
    public boolean read(String key) throws SQLException {
        try {
            boolean found = selectRow(key);
            end();
            return found;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    /** Reads every column of the row, as a client that uses the record would. */
    private boolean selectRow(String key) throws SQLException {
        select.setString(1, key);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            for (int i = 1; i <= columns; i++) {
                rs.getString(i);
            }
            return true;
        }
    }

    @Override
    public boolean update(String key, int field, String value) throws SQLException {
        try {
            PreparedStatement ps = updates[field];
            ps.setString(1, value);
            ps.setString(2, key);
            boolean found = ps.executeUpdate() == 1;
            end();
            return found;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    @Override
    public int scan(String startKey, int rows) throws SQLException {
        try {
            PreparedStatement ps = scans[rows];
            ps.setString(1, startKey);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getString(i);
                    }
                    n++;
                }
            }
            end();
            return n;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    @Override
    public void insert(String key, String[] values) throws SQLException {
        try {
            bindRow(key, values);
            insert.executeUpdate();
            end();
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    private void bindRow(String key, String[] values) throws SQLException {
        insert.setString(1, key);
        for (int i = 0; i < values.length; i++) {
            insert.setString(i + 2, values[i]);
        }
    }

    @Override
    public void insertBatch(String[] keys, String[][] values) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (int i = 0; i < keys.length; i++) {
                bindRow(keys[i], values[i]);
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        } finally {
            c.setAutoCommit(!explicit);
        }
    }

    @Override
    public boolean readModifyWrite(String key, int field, String value) throws SQLException {
        try {
            if (!selectRow(key)) {
                end();
                return false;
            }
            PreparedStatement ps = updates[field];
            ps.setString(1, value);
            ps.setString(2, key);
            boolean found = ps.executeUpdate() == 1;
            end();
            return found;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    /** Debits and credits in id order, so that databases that lock rows cannot deadlock on a pair of transfers. */
    @Override
    public boolean transfer(long from, long to, long amount) throws SQLException {
        if (!explicit) {
            throw new IllegalStateException("a transfer needs auto-commit off");
        }
        try {
            boolean moved;
            if (from < to) {
                moved = debit(from, amount) && credit(to, amount);
            } else {
                credit(to, amount);
                moved = debit(from, amount);
            }
            if (moved) {
                c.commit();
            } else {
                c.rollback();
            }
            return moved;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    private boolean debit(long account, long amount) throws SQLException {
        debit.setLong(1, amount);
        debit.setLong(2, account);
        debit.setLong(3, amount);
        return debit.executeUpdate() == 1;
    }

    private boolean credit(long account, long amount) throws SQLException {
        credit.setLong(1, amount);
        credit.setLong(2, account);
        if (credit.executeUpdate() != 1) {
            throw new IllegalStateException("account " + account + " is missing");
        }
        return true;
    }

    private void end() throws SQLException {
        if (explicit) {
            c.commit();
        }
    }

    /** Undoes the failed operation's transaction; a failure to do so is attached to the operation's failure. */
    private void rollback(Exception failure) {
        if (explicit || !isAutoCommit()) {
            try {
                c.rollback();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private boolean isAutoCommit() {
        try {
            return c.getAutoCommit();
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}

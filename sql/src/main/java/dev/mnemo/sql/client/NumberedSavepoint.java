package dev.mnemo.sql.client;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint as {@code Connection.setSavepoint} hands it out: numbered when unnamed, named otherwise (asking one for
 * what it lacks fails, as JDBC says), and tied to the connection that set it.
 */
public class NumberedSavepoint implements Savepoint {
    private final int id;
    private final String name;
    private final Object owner;

    /** Savepoint {@code id} of {@code owner}, or, when {@code name} is not null, the savepoint of that name. */
    public NumberedSavepoint(int id, String name, Object owner) {
        this.id = id;
        this.name = name;
        this.owner = owner;
    }

    /** True if {@code savepoint} was set by {@code owner} (one of another connection is not its to undo). */
    public static boolean of(Savepoint savepoint, Object owner) {
        return savepoint instanceof NumberedSavepoint && ((NumberedSavepoint) savepoint).owner == owner;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("a named savepoint has no id", "HY000");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("an unnamed savepoint has no name", "HY000");
        }
        return name;
    }

    /** The name it was set with, or null. */
    protected final String name() {
        return name;
    }

    /** Its number among the savepoints of its connection. */
    protected final int id() {
        return id;
    }
}

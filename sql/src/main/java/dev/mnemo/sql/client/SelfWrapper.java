package dev.mnemo.sql.client;

import java.sql.SQLException;
import java.sql.Wrapper;

/** java.sql.Wrapper for driver objects that wrap nothing: they unwrap only to the types they are. */
public interface SelfWrapper extends Wrapper {
    @Override
    default <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    default boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}

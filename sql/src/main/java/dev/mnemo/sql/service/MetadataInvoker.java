package dev.mnemo.sql.service;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Answers a remote {@code DatabaseMetaData} call with the member's embedded metadata, so remote and embedded
 * clients see the same catalog answers. Only DatabaseMetaData's own methods can be called, with arguments
 * converted to the parameter types (arrays arrive comma-separated).
 */
final class MetadataInvoker {
    private static final Set<String> LOCAL_ONLY = Set.of("getConnection", "unwrap", "isWrapperFor");

    private MetadataInvoker() {
    }

    static Object invoke(DatabaseMetaData metadata, String name, List<Object> args) throws SQLException {
        Method method = find(name, args.size());
        Class<?>[] types = method.getParameterTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = convert(args.get(i), types[i], name);
        }
        try {
            return method.invoke(metadata, values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException) {
                throw (SQLException) e.getCause();
            }
            throw new SQLException("DatabaseMetaData." + name + " failed: " + e.getCause(), "XX000", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("DatabaseMetaData's methods are public", e);
        }
    }

    private static Method find(String name, int arity) throws SQLException {
        if (!LOCAL_ONLY.contains(name)) {
            for (Method m : DatabaseMetaData.class.getMethods()) {
                if (m.getDeclaringClass() == DatabaseMetaData.class && !Modifier.isStatic(m.getModifiers())
                        && m.getName().equals(name) && m.getParameterCount() == arity) {
                    return m;
                }
            }
        }
        throw new SQLFeatureNotSupportedException("no DatabaseMetaData method " + name + " with " + arity
                + " arguments can be called remotely", "0A000");
    }

    private static Object convert(Object v, Class<?> type, String method) throws SQLException {
        try {
            if (type == String.class) {
                return v == null ? null : v.toString();
            }
            if (type == int.class) {
                return ((Number) v).intValue();
            }
            if (type == boolean.class) {
                return (Boolean) v;
            }
            if (type == String[].class) {
                return v == null ? null : ((String) v).split(",", -1);
            }
            if (type == int[].class) {
                return v == null ? null : Arrays.stream(((String) v).split(",")).map(String::trim)
                        .mapToInt(Integer::parseInt).toArray();
            }
        } catch (ClassCastException | NullPointerException | NumberFormatException e) {
            throw new SQLException("bad argument " + v + " for DatabaseMetaData." + method + " (a "
                    + type.getSimpleName() + " is needed)", "22023");
        }
        throw new SQLFeatureNotSupportedException("DatabaseMetaData." + method + " takes a " + type.getSimpleName()
                + ", which cannot be sent", "0A000");
    }
}

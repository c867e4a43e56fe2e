package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.proto.v1.ExecuteSql;
import dev.mnemo.proto.v1.ResultPage;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.TypedValue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A remote connection's DatabaseMetaData: every call is answered by the member's embedded metadata (sent as
 * a {@link MetadataEscape}), so remote and embedded clients see the same catalog; result sets page like query
 * results, and other answers, which cannot change while the connection lives, are kept after the first call.
 * Only what belongs to this side (the connection, the URL, the driver) is answered here.
 */
final class RemoteDatabaseMetaData implements InvocationHandler {
    private final RemoteConnection connection;
    private final Map<List<Object>, Object> answers = new HashMap<>();

    private RemoteDatabaseMetaData(RemoteConnection connection) {
        this.connection = connection;
    }

    static DatabaseMetaData create(RemoteConnection connection) {
        return (DatabaseMetaData) Proxy.newProxyInstance(RemoteDatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, new RemoteDatabaseMetaData(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object[] a = args == null ? new Object[0] : args;
        switch (method.getName()) {
            case "equals": return proxy == a[0];
            case "hashCode": return System.identityHashCode(proxy);
            case "toString": return "DatabaseMetaData of " + connection.url();
            case "getConnection": return connection;
            case "getURL": return connection.url();
            case "getDriverName": return "Mnemo remote JDBC driver";
            case "getDriverVersion": return RemoteDriver.MAJOR + "." + RemoteDriver.MINOR;
            case "getDriverMajorVersion": return RemoteDriver.MAJOR;
            case "getDriverMinorVersion": return RemoteDriver.MINOR;
            case "isWrapperFor": return ((Class<?>) a[0]).isInstance(proxy);
            case "unwrap":
                if (((Class<?>) a[0]).isInstance(proxy)) {
                    return proxy;
                }
                throw new SQLException("not a wrapper for " + ((Class<?>) a[0]).getName(), "HY000");
            default: break;
        }
        connection.checkOpen();
        if (method.getReturnType() == ResultSet.class) {
            ResultPage first = ask(method.getName(), a).getResultPage();
            return new RemoteResultSet(null, connection.session(), first, connection.defaultFetchSize(), 0);
        }
        List<Object> key = new ArrayList<>();
        key.add(method.getName());
        key.addAll(Arrays.asList(a));
        Object known = answers.get(key);
        if (known == null) {
            known = scalar(method, ask(method.getName(), a).getResultPage());
            answers.put(key, known);
        }
        return known;
    }

    private dev.mnemo.proto.v1.ClientResponse ask(String name, Object[] args) throws SQLException {
        ExecuteSql.Builder request = ExecuteSql.newBuilder().setSql(MetadataEscape.sql(name))
                .setFetchSize(connection.defaultFetchSize());
        for (Object arg : args) {
            request.addParameters(argument(arg));
        }
        return connection.session().call(ClientRequest.newBuilder().setExecuteSql(request), 0);
    }

    private static TypedValue argument(Object arg) throws SQLException {
        if (arg instanceof String[]) {
            return Values.encode(String.join(",", (String[]) arg), SqlType.VARCHAR);
        }
        if (arg instanceof int[]) {
            return Values.encode(Arrays.stream((int[]) arg).mapToObj(Integer::toString)
                    .collect(Collectors.joining(",")), SqlType.VARCHAR);
        }
        return Values.encode(arg, SqlType.VARCHAR);
    }

    private static Object scalar(Method method, ResultPage page) throws SQLException {
        if (page.getRowsCount() != 1 || page.getRows(0).getValuesCount() != 1) {
            throw new SQLException("the member answered DatabaseMetaData." + method.getName() + " with "
                    + page.getRowsCount() + " rows instead of one value", "08S01");
        }
        Object v = Values.decode(page.getRows(0).getValues(0), page.getColumns(0).getType());
        if (method.getReturnType() == RowIdLifetime.class) {
            return RowIdLifetime.valueOf((String) v);
        }
        if (v == null && method.getReturnType().isPrimitive()) {
            throw new SQLException("the member answered DatabaseMetaData." + method.getName() + " with NULL",
                    "08S01");
        }
        return v;
    }
}

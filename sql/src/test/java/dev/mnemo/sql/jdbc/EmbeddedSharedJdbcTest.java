package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.SharedJdbcContract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared JDBC behaviour through the embedded driver. */
class EmbeddedSharedJdbcTest extends SharedJdbcContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String name;

    @Override
    protected Connection connect() throws Exception {
        name = "shared" + DATABASES.incrementAndGet();
        return DriverManager.getConnection("jdbc:mnemo:mem:" + name);
    }

    @Override
    protected void disconnect() {
        Databases.close(name);
    }
}

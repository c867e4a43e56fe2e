package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.JdbcFixture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh in-memory database of its own name, reached through {@code jdbc:mnemo:mem:}. */
final class EmbeddedFixture implements JdbcFixture {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final String name = "jdbc" + DATABASES.incrementAndGet();

    String name() {
        return name;
    }

    @Override
    public Connection open() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    public String url() {
        return "jdbc:mnemo:mem:" + name;
    }

    @Override
    public String shownUrl() {
        return url();
    }

    @Override
    public void close() {
        Databases.close(name);
    }
}

package dev.mnemo.sql.client;

import java.sql.Connection;

/** How a test reaches a fresh database through one driver: start it, connect again, release it. */
public interface JdbcFixture {
    /** Starts a fresh, empty database and returns a first connection to it. */
    Connection open() throws Exception;

    /** The URL that opens more connections to the database {@link #open} started. */
    String url();

    /** What {@link java.sql.DatabaseMetaData#getURL} reports for that database. */
    String shownUrl();

    /** Releases what {@link #open} started, once every connection to it is closed. */
    void close() throws Exception;
}

package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.SharedJdbcContract;

import java.sql.Connection;
import java.sql.DriverManager;

/** The shared JDBC behaviour through the remote driver, against a live member. */
class RemoteSharedJdbcTest extends SharedJdbcContract {
    private TestMember member;

    @Override
    protected Connection connect() throws Exception {
        member = new TestMember("m1@127.0.0.1");
        return DriverManager.getConnection(member.url());
    }

    @Override
    protected void disconnect() throws Exception {
        member.close();
    }
}

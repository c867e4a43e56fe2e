package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.JdbcFixture;

import java.sql.Connection;
import java.sql.DriverManager;

/** A live {@link TestMember} named {@value #NAME} over a fresh database, reached through {@code jdbc:mnemo://}. */
final class MemberFixture implements JdbcFixture {
    static final String NAME = "m1@127.0.0.1";
    private TestMember member;

    TestMember member() {
        return member;
    }

    @Override
    public Connection open() throws Exception {
        member = new TestMember(NAME);
        return DriverManager.getConnection(member.url());
    }

    @Override
    public String url() {
        return member.url();
    }

    @Override
    public String shownUrl() {
        return member.url().replace(TestMember.COOKIE, "***");
    }

    @Override
    public void close() throws Exception {
        if (member != null) {
            member.close();
        }
    }
}

package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.SyntaxErrorContract;

/** Syntax errors as the remote driver reports them, from a live member. */
class RemoteSyntaxErrorTest extends SyntaxErrorContract {
    RemoteSyntaxErrorTest() {
        super(new MemberFixture());
    }
}

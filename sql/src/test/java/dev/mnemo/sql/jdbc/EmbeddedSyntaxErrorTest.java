package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.SyntaxErrorContract;

/** Syntax errors as the embedded driver reports them. */
class EmbeddedSyntaxErrorTest extends SyntaxErrorContract {
    EmbeddedSyntaxErrorTest() {
        super(new EmbeddedFixture());
    }
}

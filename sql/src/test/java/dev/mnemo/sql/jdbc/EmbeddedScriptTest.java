package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.ScriptContract;

/** SCRIPT and loading its dump through the embedded driver. */
class EmbeddedScriptTest extends ScriptContract {
    EmbeddedScriptTest() {
        super(new EmbeddedFixture(), new EmbeddedFixture());
    }
}

package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.ScriptContract;

/** SCRIPT and loading its dump through the remote driver, against live members. */
class RemoteScriptTest extends ScriptContract {
    RemoteScriptTest() {
        super(new MemberFixture(), new MemberFixture());
    }
}

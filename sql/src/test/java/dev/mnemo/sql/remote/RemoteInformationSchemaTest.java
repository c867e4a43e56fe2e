package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.InformationSchemaContract;

/** INFORMATION_SCHEMA through the remote driver, against a live member. */
class RemoteInformationSchemaTest extends InformationSchemaContract {
    RemoteInformationSchemaTest() {
        super(new MemberFixture());
    }
}

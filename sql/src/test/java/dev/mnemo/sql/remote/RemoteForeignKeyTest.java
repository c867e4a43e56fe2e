package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.ForeignKeyContract;

/** Foreign keys through the remote driver, against a live member. */
class RemoteForeignKeyTest extends ForeignKeyContract {
    RemoteForeignKeyTest() {
        super(new MemberFixture());
    }
}

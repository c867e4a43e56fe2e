package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.DatetimeContract;

/** TIME and TIMESTAMP as text, rounding and zones through the remote driver, against a live member. */
class RemoteDatetimeTest extends DatetimeContract {
    RemoteDatetimeTest() {
        super(new MemberFixture());
    }
}

package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.DatetimeContract;

/** TIME and TIMESTAMP as text, rounding and zones through the embedded driver. */
class EmbeddedDatetimeTest extends DatetimeContract {
    EmbeddedDatetimeTest() {
        super(new EmbeddedFixture());
    }
}

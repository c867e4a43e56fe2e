package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.TransactionStatementContract;

/** BEGIN, START TRANSACTION and SET TRANSACTION through the embedded driver. */
class EmbeddedTransactionStatementTest extends TransactionStatementContract {
    EmbeddedTransactionStatementTest() {
        super(new EmbeddedFixture());
    }
}

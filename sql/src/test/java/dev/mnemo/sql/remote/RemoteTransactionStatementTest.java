package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.TransactionStatementContract;

/** BEGIN, START TRANSACTION and SET TRANSACTION through the remote driver, against a live member. */
class RemoteTransactionStatementTest extends TransactionStatementContract {
    RemoteTransactionStatementTest() {
        super(new MemberFixture());
    }
}

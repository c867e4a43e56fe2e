package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.BankTransferContract;

/** The bank-transfer workload over the remote driver: every client is a session on one live member. */
class RemoteBankTransferTest extends BankTransferContract {
    RemoteBankTransferTest() {
        super(new MemberFixture(), 200);
    }
}

package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.BankTransferContract;

/** The bank-transfer workload through the embedded driver, every client in this process. */
class BankTransferTest extends BankTransferContract {
    BankTransferTest() {
        super(new EmbeddedFixture(), 300);
    }
}

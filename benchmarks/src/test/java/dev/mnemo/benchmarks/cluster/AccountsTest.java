package dev.mnemo.benchmarks.cluster;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Storage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster benchmarks' data and transaction, on one engine: what every write benchmark measures does this. */
class AccountsTest {
    @Test
    void addOneReadsTheBalanceAndWritesItBackPlusOne() {
        try (Mnemo db = Mnemo.inMemory()) {
            Accounts.load(db, Storage.RAM);
            assertThat(db.size(Accounts.TABLE)).isEqualTo(Accounts.ROWS);
            assertThat(Accounts.addOne(db, 7)).isEqualTo(Accounts.OPENING_BALANCE + 1);
            assertThat(Accounts.addOne(db, 7)).isEqualTo(Accounts.OPENING_BALANCE + 2);
            assertThat(db.dirtyRead(Accounts.TABLE, 7L).getLong("balance")).isEqualTo(Accounts.OPENING_BALANCE + 2);
            assertThat(db.dirtyRead(Accounts.TABLE, 8L).getLong("balance")).isEqualTo(Accounts.OPENING_BALANCE);
        }
    }
}

package dev.mnemo.benchmarks.cluster;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.Storage;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver of the asynchronous-client benchmarks runs exactly the operations asked for and reports failures. */
class AsyncClientsTest {
    @Test
    void runsEveryTransactionOnceAcrossTheClients() throws Exception {
        try (Mnemo db = Mnemo.inMemory()) {
            Accounts.load(db, Storage.RAM);
            AsyncClients clients = AsyncClients.mnemo(new Mnemo[] {db}, 16);
            clients.run(2_000);
            clients.run(500);
            long added = db.transaction(tx -> tx.select(Accounts.TABLE, dev.mnemo.engine.KeyRange.all()).stream()
                    .mapToLong(r -> r.getLong("balance") - Accounts.OPENING_BALANCE).sum());
            assertThat(added).isEqualTo(2_500);
        }
    }

    @Test
    void aFailedOperationFailsTheRun() {
        AsyncClients clients = new AsyncClients(4, (c, id) -> id % 7 == 0
                ? CompletableFuture.failedFuture(new IllegalStateException("account " + id + " is locked"))
                : CompletableFuture.completedFuture(Row.of(id)));
        assertThatThrownBy(() -> clients.run(100)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a client's operation failed").cause().hasMessageContaining("is locked");
    }

    @Test
    void anOperationThatThrowsAtOnceFailsTheRunWithItsCause() {
        AtomicInteger started = new AtomicInteger();
        AsyncClients clients = new AsyncClients(4, (c, id) -> {
            if (started.incrementAndGet() == 5) {
                throw new IllegalStateException("the member is closed");
            }
            return CompletableFuture.completedFuture(Row.of(id));
        });
        assertThatThrownBy(() -> clients.run(10)).isInstanceOf(IllegalStateException.class)
                .cause().hasMessageContaining("the member is closed");
        assertThat(started.get()).as("the other clients finished the round").isEqualTo(10);
    }
}

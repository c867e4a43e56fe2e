package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread can tell whether it holds applies off, as the re-run of a read-only transaction that kept conflicting
 * does: code it runs then must not wait for a commit of its own, which could never apply.
 */
class AppliesHeldTest {
    private Mnemo db;

    @BeforeEach
    void open() {
        db = Mnemo.open(MnemoConfig.builder().readOnlyEscalationAttempts(1).build());
        db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("v", ColumnType.BIGINT)
                .primaryKey("id"));
        db.transaction(tx -> tx.insert("t", Row.of(1, 0L)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private boolean heldOnAnotherThread() throws Exception {
        return CompletableFuture.supplyAsync(() -> db.engine().appliesHeldByCurrentThread(),
                r -> new Thread(r).start()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheThreadInsideWithAppliesHeldHoldsThem() throws Exception {
        assertThat(db.engine().appliesHeldByCurrentThread()).isFalse();
        List<Boolean> seen = new ArrayList<>();
        db.engine().withAppliesHeld(() -> {
            seen.add(db.engine().appliesHeldByCurrentThread());
            try {
                seen.add(heldOnAnotherThread());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertThat(seen).containsExactly(true, false);
        assertThat(db.engine().appliesHeldByCurrentThread()).isFalse();
    }

    @Test
    void aReadOnlyTransactionHoldsAppliesOnlyInTheRunAfterItKeptConflicting() {
        List<Boolean> held = new ArrayList<>();
        long v = db.transaction(tx -> {
            long read = tx.read("t", 1).getLong("v");
            held.add(db.engine().appliesHeldByCurrentThread());
            if (held.size() == 1) {
                // A writer on another thread changes the row read: this run conflicts, the next holds applies.
                CompletableFuture.runAsync(() -> db.dirtyWrite("t", Row.of(1, 5L)),
                        r -> new Thread(r).start()).join();
            }
            return read;
        });
        assertThat(v).isEqualTo(5L);
        assertThat(held).containsExactly(false, true);
        assertThat(db.engine().appliesHeldByCurrentThread()).isFalse();
        assertThat(db.stats().escalations()).isEqualTo(1);
    }
}

package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplicitTransactionTest {
    private static Mnemo withTable() {
        Mnemo db = Mnemo.inMemory();
        db.createTable(TableDef.named("t").column("id", ColumnType.BIGINT).column("v", ColumnType.BIGINT)
                .primaryKey("id").kind(TableKind.ORDERED_SET));
        db.dirtyWrite("t", Row.of(1L, 0L));
        return db;
    }

    @Test
    void writesAreInvisibleUntilCommitAndGoneAfterRollback() {
        try (Mnemo db = withTable()) {
            ExplicitTransaction tx = db.begin();
            tx.insert("t", Row.of(2L, 2L));
            assertThat(tx.read("t", 2L)).isNotNull();
            assertThat(db.dirtyRead("t", 2L)).isNull();
            tx.commit();
            assertThat(tx.isOpen()).isFalse();
            assertThat(db.dirtyRead("t", 2L).getLong("v")).isEqualTo(2L);

            ExplicitTransaction rolled = db.begin();
            rolled.delete("t", 2L);
            rolled.rollback();
            assertThat(db.dirtyRead("t", 2L)).isNotNull();
            assertThatThrownBy(() -> rolled.read("t", 1L)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aConflictAtCommitIsNotRetried() {
        try (Mnemo db = withTable()) {
            ExplicitTransaction a = db.begin();
            ExplicitTransaction b = db.begin();
            a.write("t", a.read("t", 1L).with("v", 1L));
            b.write("t", b.read("t", 1L).with("v", 10L));
            a.commit();
            assertThatThrownBy(b::commit).isInstanceOf(TransactionConflictException.class)
                    .extracting(e -> ((MnemoException) e).sqlState()).isEqualTo("40001");
            assertThat(db.dirtyRead("t", 1L).getLong("v")).isEqualTo(1L);
        }
    }

    @Test
    void aReadOnlyTransactionFailsIfWhatItReadChanged() {
        try (Mnemo db = withTable()) {
            ExplicitTransaction reader = db.begin();
            assertThat(reader.select("t", KeyRange.all())).hasSize(1);
            db.dirtyWrite("t", Row.of(5L, 5L));
            assertThatThrownBy(reader::commit).isInstanceOf(TransactionConflictException.class);
        }
    }

    @Test
    void rollingBackToASavepointUndoesOnlyLaterWrites() {
        try (Mnemo db = withTable()) {
            ExplicitTransaction tx = db.begin();
            tx.insert("t", Row.of(2L, 2L));
            int mark = tx.savepoint();
            tx.insert("t", Row.of(3L, 3L));
            tx.delete("t", 1L);
            tx.rollbackTo(mark);
            assertThat(tx.select("t", KeyRange.all())).extracting(r -> r.getLong("id")).containsExactly(1L, 2L);
            tx.insert("t", Row.of(3L, 30L));
            tx.commit();
            assertThat(db.dirtyRead("t", 3L).getLong("v")).isEqualTo(30L);
            assertThat(db.size("t")).isEqualTo(3);
            assertThatThrownBy(() -> db.begin().rollbackTo(5)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dirty reads, writes and deletes: no isolation, but ordered, atomic and checked like any write. */
class DirtyOpsTest {
    private Mnemo db;

    @BeforeEach
    void open() {
        db = Mnemo.inMemory();
        db.createTable(TableDef.named("kv").column("k", ColumnType.varchar(10)).column("v", ColumnType.INTEGER)
                .primaryKey("k").index(IndexDef.hash("u_v", "v").unique()));
        db.createTable(TableDef.named("bag").column("k", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                .primaryKey("k").kind(TableKind.BAG));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aDirtyWriteIsReadByDirtyReadsAndTransactions() {
        db.dirtyWrite("kv", Row.of("a", 1));
        assertThat(db.dirtyRead("kv", "a").values()).containsExactly("a", 1);
        assertThat(db.<Integer>transaction(tx -> tx.read("kv", "a").getInt("v"))).isEqualTo(1);
        db.dirtyWrite("kv", Row.of("a", 2));
        assertThat(db.dirtyRead("kv", "a").getInt("v")).isEqualTo(2);
        assertThat(db.dirtyRead("kv", "missing")).isNull();
        assertThat(db.dirtyReadAll("kv", "missing")).isEmpty();
    }

    @Test
    void aDirtyDeleteRemovesEveryRowUnderTheKey() {
        db.dirtyWrite("bag", Row.of(1, 10));
        db.dirtyWrite("bag", Row.of(1, 11));
        db.dirtyWrite("bag", Row.of(2, 20));
        assertThat(db.dirtyReadAll("bag", 1)).extracting(r -> r.get("v")).containsExactlyInAnyOrder(10, 11);
        db.dirtyDelete("bag", 1);
        assertThat(db.dirtyReadAll("bag", 1)).isEmpty();
        assertThat(db.dirtyReadAll("bag", 2)).hasSize(1);
        db.dirtyDelete("bag", 99);
        assertThat(db.size("bag")).isEqualTo(1);
    }

    @Test
    void dirtyWritesAreCheckedLikeTransactionalOnes() {
        db.dirtyWrite("kv", Row.of("a", 1));
        long version = db.version();
        assertThatThrownBy(() -> db.dirtyWrite("kv", Row.of("b", 1))).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> db.dirtyWrite("kv", Row.of(null, 1))).isInstanceOf(NotNullViolationException.class);
        assertThatThrownBy(() -> db.dirtyWrite("kv", Row.of("b", "x"))).isInstanceOf(TypeMismatchException.class);
        assertThatThrownBy(() -> db.dirtyWrite("kv", Row.of("much too long", 2)))
                .isInstanceOf(ValueTooLargeException.class);
        assertThat(db.version()).isEqualTo(version);
        assertThat(db.size("kv")).isEqualTo(1);
    }

    @Test
    void aDirtyWriteMakesConcurrentReadersOfItsKeyReRun() {
        db.dirtyWrite("kv", Row.of("a", 1));
        int[] runs = {0};
        int seen = db.transaction(tx -> {
            int v = tx.read("kv", "a").getInt("v");
            if (runs[0]++ == 0) {
                db.dirtyWrite("kv", Row.of("a", 5));
            }
            tx.write("kv", Row.of("b", v + 100));
            return v;
        });
        assertThat(seen).isEqualTo(5);
        assertThat(db.dirtyRead("kv", "b").getInt("v")).isEqualTo(105);
    }

    @Test
    void eachDirtyWriteIsOneCommitVersion() {
        long v0 = db.version();
        db.dirtyWrite("kv", Row.of("a", 1));
        db.dirtyWrite("kv", Row.of("b", 2));
        db.dirtyDelete("kv", "a");
        assertThat(db.version()).isEqualTo(v0 + 3);
        db.dirtyDelete("kv", "a");
        assertThat(db.version()).as("deleting nothing changes nothing").isEqualTo(v0 + 3);
    }
}

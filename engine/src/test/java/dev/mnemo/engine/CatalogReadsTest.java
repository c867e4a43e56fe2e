package dev.mnemo.engine;

import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.ReadItem;
import dev.mnemo.engine.txn.RecordCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whether a table exists is read like a row, and a table's creation can be guarded by reads: so a check across
 * tables and the catalog ("no table has this name", "no row names this table") is decided in the log's order.
 */
class CatalogReadsTest {
    private Mnemo db;

    @BeforeEach
    void open() {
        db = Mnemo.inMemory();
        db.createTable(names());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static TableDef names() {
        return TableDef.named("names").column("name", ColumnType.varchar(20)).primaryKey("name");
    }

    private static TableDef table(String name) {
        return TableDef.named(name).column("id", ColumnType.BIGINT).primaryKey("id");
    }

    @Test
    void aTransactionThatSawNoTableConflictsWhenOneOfThatNameIsCreated() {
        ExplicitTransaction tx = db.begin();
        assertThat(tx.tableExists("t")).isFalse();
        tx.insert("names", Row.of("T"));
        db.createTable(table("t"));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        assertThat(db.dirtyRead("names", "T")).isNull();
    }

    @Test
    void aTransactionThatSawATableConflictsWhenItIsDroppedOrMadeAgain() {
        db.createTable(table("t"));
        ExplicitTransaction tx = db.begin();
        assertThat(tx.tableExists("T")).isTrue();
        tx.insert("names", Row.of("A"));
        db.dropTable("t");
        db.createTable(table("t"));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        ExplicitTransaction unchanged = db.begin();
        assertThat(unchanged.tableExists("t")).isTrue();
        unchanged.insert("names", Row.of("B"));
        unchanged.commit();
        assertThat(db.dirtyRead("names", "B")).isNotNull();
    }

    @Test
    void aGuardedCreationAppliesOnlyIfWhatItsPreconditionReadIsUnchanged() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> db.createTable(table("t"), false, tx -> {
            if (tx.read("names", "T") != null) {
                throw new IllegalStateException("the name T is taken");
            }
            if (runs.incrementAndGet() == 1) {
                db.transaction(other -> other.insert("names", Row.of("T"))); // ordered before the creation
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("taken");
        assertThat(runs).hasValue(1);
        assertThat(db.engine().catalog().find("T")).isNull();

        db.createTable(table("u"), false, tx -> assertThat(tx.read("names", "U")).isNull());
        assertThat(db.schema("u").name()).isEqualTo("U");
        assertThatThrownBy(() -> db.createTable(table("v"), false, tx -> tx.insert("names", Row.of("V"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only read");
    }

    @Test
    void aGuardedSchemaChangeKeepsItsReadsOnTheWire() {
        byte[] name = "T".getBytes(StandardCharsets.UTF_8);
        CommitRecord record = CommitRecord.schemaChange(List.of(new ReadItem(ReadItem.CATALOG, name, 0),
                new ReadItem(7, new byte[] {1, 2}, 42)), DdlOp.dropTable("T", true));
        CommitRecord decoded = RecordCodec.decode(RecordCodec.encode(record));
        assertThat(decoded.ddl()).isEqualTo(record.ddl());
        assertThat(decoded.reads()).hasSize(2);
        assertThat(decoded.reads().get(0).isCatalog()).isTrue();
        assertThat(decoded.reads().get(0).key()).isEqualTo(name);
        assertThat(decoded.reads().get(1).version()).isEqualTo(42);
        assertThat(RecordCodec.decode(RecordCodec.encode(CommitRecord.schemaChange(record.ddl()))).reads()).isEmpty();
    }
}

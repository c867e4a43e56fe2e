package dev.mnemo.engine;

import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.RecordCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changing a column's default and whether it may be NULL: the rows already there keep their values, NOT NULL is
 * checked against the rows in log order, and the changes survive the journal, a restart and a snapshot.
 */
class AlterColumnTest {
    private static TableDef people(Storage storage) {
        return TableDef.named("people").column("id", ColumnType.INTEGER).column("name", ColumnType.varchar(10))
                .column("city", ColumnType.varchar(10)).primaryKey("id").storage(storage);
    }

    private static Row inserted(Mnemo db, int id) {
        db.transaction(tx -> tx.insert("people", tx.newRow("people").with("id", id)));
        return db.dirtyRead("people", id);
    }

    @Test
    void aNewDefaultServesNewRowsAndLeavesTheRowsAlreadyThere() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            db.dirtyWrite("people", Row.of(1, "ann", null));
            TableSchema s = db.setColumnDefault("people", "city", "oslo");
            assertThat(s.column(s.position("city")).defaultValue()).isEqualTo("oslo");
            assertThat(inserted(db, 2).get("city")).isEqualTo("oslo");
            assertThat(db.dirtyRead("people", 1).get("city")).isNull();
            db.dropColumnDefault("people", "city");
            assertThat(inserted(db, 3).get("city")).isNull();
            assertThat(db.dirtyRead("people", 2).get("city")).isEqualTo("oslo");
        }
    }

    @Test
    void rowsThatPredateAnAddedColumnKeepTheDefaultItWasAddedWith() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            db.dirtyWrite("people", Row.of(1, "ann", "rome"));
            db.addColumn("people", ColumnDef.of("age", ColumnType.INTEGER).withDefault(30));
            db.setColumnDefault("people", "age", 40);
            assertThat(db.dirtyRead("people", 1).get("age")).isEqualTo(30);
            assertThat(inserted(db, 2).get("age")).isEqualTo(40);
            db.dropColumnDefault("people", "age");
            assertThat(db.dirtyRead("people", 1).get("age")).isEqualTo(30);
            assertThat(inserted(db, 3).get("age")).isNull();
        }
    }

    @Test
    void aDefaultThatIsTheTimeOfTheWriteAppliesToNewRowsOnly() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("events").column("id", ColumnType.INTEGER)
                    .column("at", ColumnType.timestamp(3)).primaryKey("id"));
            db.dirtyWrite("events", Row.of(1, null));
            db.setColumnDefault("events", "at", TimeDefault.CURRENT_TIMESTAMP);
            db.transaction(tx -> tx.insert("events", tx.newRow("events").with("id", 2)));
            assertThat(db.dirtyRead("events", 1).get("at")).isNull();
            assertThat(db.dirtyRead("events", 2).get("at")).isInstanceOf(LocalDateTime.class);
            assertThatThrownBy(() -> db.setColumnDefault("events", "id", TimeDefault.CURRENT_DATE))
                    .isInstanceOf(SchemaException.class);
        }
    }

    @Test
    void aDefaultThatDoesNotFitTheColumnIsRefusedAndChangesNothing() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            int version = db.schema("people").version();
            assertThatThrownBy(() -> db.setColumnDefault("people", "city", "much too long"))
                    .isInstanceOf(ValueTooLargeException.class);
            assertThatThrownBy(() -> db.setColumnDefault("people", "nope", "x"))
                    .isInstanceOf(UnknownColumnException.class);
            assertThat(db.schema("people").version()).isEqualTo(version);
        }
    }

    @Test
    void notNullIsRefusedWhileARowHoldsNullAndEnforcedOnceSet() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            db.dirtyWrite("people", Row.of(1, "ann", null));
            int version = db.schema("people").version();
            assertThatThrownBy(() -> db.setColumnNotNull("people", "city", true))
                    .isInstanceOf(NotNullViolationException.class).hasMessageContaining("CITY");
            assertThat(db.schema("people").version()).isEqualTo(version);
            db.dirtyWrite("people", Row.of(1, "ann", "oslo"));
            TableSchema s = db.setColumnNotNull("people", "city", true);
            assertThat(s.column(s.position("city")).nullable()).isFalse();
            assertThatThrownBy(() -> db.dirtyWrite("people", Row.of(2, "bob", null)))
                    .isInstanceOf(NotNullViolationException.class);
            s = db.setColumnNotNull("people", "city", false);
            assertThat(s.column(s.position("city")).nullable()).isTrue();
            db.dirtyWrite("people", Row.of(2, "bob", null));
            assertThat(db.size("people")).isEqualTo(2);
        }
    }

    @Test
    void aNullWrittenUnderTheOldSchemaButOrderedAfterNotNullFails() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            ExplicitTransaction tx = db.begin();
            tx.insert("people", Row.of(1, "ann", null));
            db.setColumnNotNull("people", "city", true);
            assertThatThrownBy(tx::commit).isInstanceOf(NotNullViolationException.class);
            assertThat(db.size("people")).isZero();
        }
    }

    @Test
    void aNullOrderedBeforeNotNullMakesTheChangeFail() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            ExplicitTransaction tx = db.begin();
            tx.insert("people", Row.of(1, "ann", null));
            tx.commit();
            assertThatThrownBy(() -> db.setColumnNotNull("people", "city", true))
                    .isInstanceOf(NotNullViolationException.class);
            assertThat(db.schema("people").column(2).nullable()).isTrue();
        }
    }

    @Test
    void aPrimaryKeyColumnStaysNotNull() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            assertThatThrownBy(() -> db.setColumnNotNull("people", "id", false))
                    .isInstanceOf(SchemaException.class).hasMessageContaining("primary key")
                    .extracting(e -> ((MnemoException) e).sqlState()).isEqualTo("42000");
            assertThat(db.schema("people").column(0).nullable()).isFalse();
        }
    }

    @Test
    void everyColumnChangeCrossesTheWireIntact() {
        ColumnDef constant = ColumnDef.of("c", ColumnType.varchar(5)).withDefault("x");
        ColumnDef time = ColumnDef.of("t", ColumnType.timestamp(3)).withTimeDefault(TimeDefault.CURRENT_TIMESTAMP);
        for (DdlOp op : List.of(DdlOp.setDefault("T", constant), DdlOp.setDefault("T", time),
                DdlOp.dropDefault("T", "C"), DdlOp.setNotNull("T", "C", true), DdlOp.setNotNull("T", "C", false))) {
            DdlOp back = RecordCodec.decode(RecordCodec.encode(CommitRecord.schemaChange(op))).ddl();
            assertThat(back.type()).isEqualTo(op.type());
            assertThat(back.name()).isEqualTo(op.name());
            assertThat(String.valueOf(back.column())).isEqualTo(String.valueOf(op.column()));
        }
    }

    private static void alterAll(Mnemo db) {
        db.dirtyWrite("people", Row.of(1, "ann", "rome"));
        db.addColumn("people", ColumnDef.of("age", ColumnType.INTEGER).withDefault(30));
        db.setColumnDefault("people", "age", 40);
        db.setColumnDefault("people", "city", "oslo");
        db.dropColumnDefault("people", "city");
        db.setColumnNotNull("people", "name", true);
        db.setColumnDefault("people", "name", "anon");
    }

    private static void checkAltered(Mnemo db) {
        TableSchema s = db.schema("people");
        assertThat(s.column(s.position("name")).nullable()).isFalse();
        assertThat(s.column(s.position("city")).hasDefault()).isFalse();
        assertThat(db.dirtyRead("people", 1).values()).containsExactly(1, "ann", "rome", 30);
        assertThat(inserted(db, 2).values()).containsExactly(2, "anon", null, 40);
        assertThatThrownBy(() -> db.dirtyWrite("people", Row.of(3, null, "x", 1)))
                .isInstanceOf(NotNullViolationException.class);
    }

    @Test
    void columnChangesSurviveARestartOfADiscTable(@TempDir Path dir) {
        RoundTrips.afterRestart(dir, db -> {
            db.createTable(people(Storage.DISC));
            alterAll(db);
        }, AlterColumnTest::checkAltered);
    }

    @Test
    void columnChangesTravelInASnapshot() throws IOException {
        RoundTrips.afterSnapshot(db -> {
            db.createTable(people(Storage.RAM));
            alterAll(db);
        }, AlterColumnTest::checkAltered);
    }
}

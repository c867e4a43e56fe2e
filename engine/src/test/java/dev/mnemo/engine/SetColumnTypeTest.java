package dev.mnemo.engine;

import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.RecordCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changing a column's type: every row is converted when the change applies, indexes on the column are rebuilt, a
 * row the new type cannot hold fails the whole change with nothing changed, a write made under the old type and
 * ordered after the change conflicts, and the converted rows survive a restart and a snapshot.
 */
class SetColumnTypeTest {
    private static TableDef items(Storage storage) {
        return TableDef.named("items").column("id", ColumnType.INTEGER).column("qty", ColumnType.INTEGER)
                .column("label", ColumnType.varchar(10)).primaryKey("id").storage(storage)
                .index(IndexDef.ordered("by_qty", "qty"));
    }

    private static ColumnType typeOf(Mnemo db, String column) {
        TableSchema s = db.schema("items");
        return s.column(s.position(column)).type();
    }

    private static String sqlState(Throwable e) {
        return ((MnemoException) e).sqlState();
    }

    @Test
    void wideningConvertsEveryRowAndTakesValuesTheOldTypeCouldNot() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(items(Storage.RAM));
            db.dirtyWrite("items", Row.of(1, 5, "a"));
            db.dirtyWrite("items", Row.of(2, null, "b"));
            long before = db.version();
            TableSchema s = db.setColumnType("items", "qty", ColumnType.BIGINT);
            assertThat(s.column(1).type()).isEqualTo(ColumnType.BIGINT);
            assertThat(db.dirtyRead("items", 1).get("qty")).isEqualTo(5L);
            assertThat(db.dirtyRead("items", 2).get("qty")).isNull();
            db.dirtyWrite("items", Row.of(3, 5_000_000_000L, "c"));
            assertThat(db.dirtyRead("items", 3).get("qty")).isEqualTo(5_000_000_000L);
            assertThat(db.version()).isGreaterThan(before);
        }
    }

    @Test
    void aRowThatDoesNotFitFailsTheWholeChangeNamingItsKeyAndChangesNothing() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("items").column("id", ColumnType.INTEGER).column("qty", ColumnType.BIGINT)
                    .column("label", ColumnType.varchar(10)).primaryKey("id"));
            db.dirtyWrite("items", Row.of(1, 5L, "short"));
            db.dirtyWrite("items", Row.of(2, 5_000_000_000L, "ratherlong"));
            int version = db.schema("items").version();
            assertThatThrownBy(() -> db.setColumnType("items", "qty", ColumnType.INTEGER))
                    .isInstanceOf(ValueTooLargeException.class).hasMessageContaining("ID=2")
                    .extracting(SetColumnTypeTest::sqlState).isEqualTo("22003");
            assertThatThrownBy(() -> db.setColumnType("items", "label", ColumnType.varchar(5)))
                    .isInstanceOf(ValueTooLargeException.class).hasMessageContaining("ID=2")
                    .extracting(SetColumnTypeTest::sqlState).isEqualTo("22001");
            assertThat(db.schema("items").version()).isEqualTo(version);
            assertThat(db.dirtyRead("items", 2).values()).containsExactly(2, 5_000_000_000L, "ratherlong");
            db.dirtyDelete("items", 2);
            db.setColumnType("items", "qty", ColumnType.INTEGER);
            assertThat(db.dirtyRead("items", 1).get("qty")).isEqualTo(5);
            assertThatThrownBy(() -> db.dirtyWrite("items", Row.of(3, 5_000_000_000L, "x")))
                    .isInstanceOf(ValueTooLargeException.class);
        }
    }

    @Test
    void numbersDatesAndTextConvertAsTheirLiteralsWriteThem() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER)
                    .column("price", ColumnType.decimal(6, 2)).column("day", ColumnType.DATE)
                    .column("code", ColumnType.varchar(8)).column("ratio", ColumnType.DOUBLE).primaryKey("id"));
            db.dirtyWrite("t", Row.of(1, new BigDecimal("12.50"), LocalDate.of(2024, 2, 29), " 42 ", 2.5));
            db.setColumnType("t", "price", ColumnType.varchar(10));
            db.setColumnType("t", "day", ColumnType.TIMESTAMP);
            db.setColumnType("t", "code", ColumnType.BIGINT);
            db.setColumnType("t", "ratio", ColumnType.INTEGER);
            assertThat(db.dirtyRead("t", 1).values()).containsExactly(1, "12.50",
                    LocalDateTime.of(2024, 2, 29, 0, 0), 42L, 3);
            db.setColumnType("t", "price", ColumnType.decimal(8, 3));
            assertThat(db.dirtyRead("t", 1).get("price")).isEqualTo(new BigDecimal("12.500"));
            db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).column("code", ColumnType.varchar(8))
                    .primaryKey("id"));
            db.dirtyWrite("s", Row.of(1, "7"));
            db.dirtyWrite("s", Row.of(2, "x"));
            assertThatThrownBy(() -> db.setColumnType("s", "code", ColumnType.INTEGER))
                    .isInstanceOf(TypeMismatchException.class).hasMessageContaining("ID=2")
                    .extracting(SetColumnTypeTest::sqlState).isEqualTo("22018");
        }
    }

    @Test
    void anIndexOnTheColumnIsRebuiltForTheNewType() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(items(Storage.RAM));
            db.dirtyWrite("items", Row.of(1, 5, "a"));
            db.dirtyWrite("items", Row.of(2, 7, "b"));
            db.setColumnType("items", "qty", ColumnType.varchar(4));
            List<Row> seven = db.transaction(tx -> tx.indexRead("items", "by_qty", "7"));
            assertThat(seven).extracting(r -> r.getInt("id")).containsExactly(2);
            db.dirtyWrite("items", Row.of(3, "x", "c"));
            List<Row> x = db.transaction(tx -> tx.indexRead("items", "by_qty", "x"));
            assertThat(x).extracting(r -> r.getInt("id")).containsExactly(3);
        }
    }

    @Test
    void aUniqueIndexThatConvertedValuesWouldRepeatFailsTheChange() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("m").column("id", ColumnType.INTEGER).column("v", ColumnType.DOUBLE)
                    .primaryKey("id").index(IndexDef.hash("v_unique", "v").unique()));
            db.dirtyWrite("m", Row.of(1, 1.1));
            db.dirtyWrite("m", Row.of(2, 1.2));
            assertThatThrownBy(() -> db.setColumnType("m", "v", ColumnType.INTEGER))
                    .isInstanceOf(DuplicateKeyException.class)
                    .hasMessageContaining("change a column's type under unique index V_UNIQUE")
                    .hasMessageContaining("V=1");
            assertThat(db.schema("m").column(1).type()).isEqualTo(ColumnType.DOUBLE);
            assertThat(db.dirtyRead("m", 2).get("v")).isEqualTo(1.2);
        }
    }

    @Test
    void rowsOfABagThatConversionMakesEqualBecomeOne() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("b").kind(TableKind.BAG).column("k", ColumnType.INTEGER)
                    .column("v", ColumnType.DOUBLE).primaryKey("k"));
            db.dirtyWrite("b", Row.of(1, 1.1));
            db.dirtyWrite("b", Row.of(1, 1.2));
            db.dirtyWrite("b", Row.of(1, 2.0));
            db.setColumnType("b", "v", ColumnType.SMALLINT);
            assertThat(db.dirtyReadAll("b", 1)).extracting(r -> r.get("v"))
                    .containsExactlyInAnyOrder((short) 1, (short) 2);
        }
    }

    @Test
    void aPrimaryKeyColumnChangesOnlyWhereItsKeysEncodeAsBefore() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("k").kind(TableKind.ORDERED_SET).column("code", ColumnType.varchar(5))
                    .column("n", ColumnType.INTEGER).primaryKey("code"));
            db.dirtyWrite("k", Row.of("b", 2));
            db.dirtyWrite("k", Row.of("a", 1));
            db.setColumnType("k", "code", ColumnType.varchar(20));
            assertThat(db.dirtyRead("k", "a").get("n")).isEqualTo(1);
            List<Row> inOrder = db.transaction(tx -> tx.select("k", KeyRange.all()));
            assertThat(inOrder).extracting(r -> r.get("code")).containsExactly("a", "b");
            assertThatThrownBy(() -> db.setColumnType("k", "code", ColumnType.BIGINT))
                    .isInstanceOf(UnsupportedChangeException.class).hasMessageContaining("primary key")
                    .extracting(SetColumnTypeTest::sqlState).isEqualTo("0A000");
            db.createTable(TableDef.named("i").column("id", ColumnType.INTEGER).primaryKey("id"));
            assertThatThrownBy(() -> db.setColumnType("i", "id", ColumnType.BIGINT))
                    .isInstanceOf(UnsupportedChangeException.class);
        }
    }

    @Test
    void aConversionMakesNoSenseIsRefusedWithNothingChanged() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("f", ColumnType.BOOLEAN)
                    .primaryKey("id"));
            assertThatThrownBy(() -> db.setColumnType("t", "f", ColumnType.DATE))
                    .isInstanceOf(UnsupportedChangeException.class)
                    .extracting(SetColumnTypeTest::sqlState).isEqualTo("0A000");
            assertThatThrownBy(() -> db.setColumnType("t", "nope", ColumnType.DATE))
                    .isInstanceOf(UnknownColumnException.class);
            assertThat(db.schema("t").version()).isEqualTo(1);
        }
    }

    @Test
    void theDefaultIsConvertedAndMustFitTheNewType() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER)
                    .column(ColumnDef.of("n", ColumnType.INTEGER).withDefault(123456)).primaryKey("id"));
            assertThatThrownBy(() -> db.setColumnType("t", "n", ColumnType.varchar(3)))
                    .isInstanceOf(ValueTooLargeException.class)
                    .extracting(SetColumnTypeTest::sqlState).isEqualTo("22001");
            TableSchema s = db.setColumnType("t", "n", ColumnType.varchar(6));
            assertThat(s.column(1).defaultValue()).isEqualTo("123456");
            db.transaction(tx -> tx.insert("t", tx.newRow("t").with("id", 1)));
            assertThat(db.dirtyRead("t", 1).get("n")).isEqualTo("123456");
        }
    }

    @Test
    void aWriteMadeUnderTheOldTypeAndOrderedAfterTheChangeConflicts() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(items(Storage.RAM));
            ExplicitTransaction tx = db.begin();
            tx.insert("items", Row.of(1, 5, "a"));
            db.setColumnType("items", "qty", ColumnType.SMALLINT);
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
            assertThat(db.size("items")).isZero();
            int[] runs = {0};
            db.transaction(t -> {
                if (runs[0]++ == 0) {
                    t.insert("items", Row.of(2, 6, "b"));
                    db.setColumnType("items", "qty", ColumnType.BIGINT); // ordered between the run and its commit
                    return null;
                }
                t.insert("items", Row.of(2, 6L, "b"));
                return null;
            });
            assertThat(runs[0]).isEqualTo(2);
            assertThat(db.dirtyRead("items", 2).get("qty")).isEqualTo(6L);
        }
    }

    private static void retypeAll(Mnemo db) {
        db.dirtyWrite("items", Row.of(1, 5, "a"));
        db.dirtyWrite("items", Row.of(2, 70, "b"));
        db.setColumnType("items", "qty", ColumnType.varchar(4));
        db.setColumnType("items", "label", ColumnType.varchar(20));
        db.addColumn("items", ColumnDef.of("extra", ColumnType.INTEGER).withDefault(9));
        db.dirtyWrite("items", Row.of(3, "x", "c", 1));
    }

    private static void checkRetyped(Mnemo db) {
        assertThat(typeOf(db, "qty")).isEqualTo(ColumnType.varchar(4));
        assertThat(db.dirtyRead("items", 1).values()).containsExactly(1, "5", "a", 9);
        assertThat(db.dirtyRead("items", 3).values()).containsExactly(3, "x", "c", 1);
        List<Row> seventy = db.transaction(tx -> tx.indexRead("items", "by_qty", "70"));
        assertThat(seventy).extracting(r -> r.getInt("id")).containsExactly(2);
        assertThatThrownBy(() -> db.dirtyWrite("items", Row.of(4, "toolong", "d", 1)))
                .isInstanceOf(ValueTooLargeException.class);
    }

    @Test
    void convertedRowsSurviveARestartOfADiscTable(@TempDir Path dir) {
        RoundTrips.afterRestart(dir, db -> {
            db.createTable(items(Storage.DISC));
            retypeAll(db);
        }, SetColumnTypeTest::checkRetyped);
    }

    @Test
    void convertedRowsTravelInASnapshot() throws IOException {
        RoundTrips.afterSnapshot(db -> {
            db.createTable(items(Storage.RAM));
            retypeAll(db);
        }, SetColumnTypeTest::checkRetyped);
    }

    @Test
    void aTypeChangeCrossesTheWireIntact() {
        DdlOp op = DdlOp.setType("T", ColumnDef.of("c", ColumnType.decimal(9, 3)));
        DdlOp back = RecordCodec.decode(RecordCodec.encode(CommitRecord.schemaChange(op))).ddl();
        assertThat(back.type()).isEqualTo(DdlOp.Type.SET_TYPE);
        assertThat(back.name()).isEqualTo(op.name());
        assertThat(back.column().type()).isEqualTo(ColumnType.decimal(9, 3));
    }
}

package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Foreign keys: enforced when each record is applied, with their cascades, DDL, errors and persistence. */
class ForeignKeyTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    private static TableDef customer(Storage storage) {
        return TableDef.named("customer").column("id", ColumnType.BIGINT).column("name", ColumnType.varchar(20))
                .primaryKey("id").storage(storage);
    }

    private static TableDef orders(Storage storage, ForeignKeyAction onDelete) {
        return TableDef.named("orders").column("id", ColumnType.BIGINT).column("customer_id", ColumnType.BIGINT)
                .column("note", ColumnType.varchar(20)).primaryKey("id").storage(storage)
                .foreignKey(ForeignKeyDef.on("customer_id").references("customer").onDelete(onDelete)
                        .named("fk_orders_customer"));
    }

    private void createCustomerAndOrders(ForeignKeyAction onDelete) {
        db.createTable(customer(Storage.RAM));
        db.createTable(orders(Storage.RAM, onDelete));
        db.transaction(tx -> {
            tx.insert("customer", Row.of(1L, "ann"));
            tx.insert("customer", Row.of(2L, "bob"));
            tx.insert("orders", Row.of(10L, 1L, "a"));
            tx.insert("orders", Row.of(11L, 1L, "b"));
            tx.insert("orders", Row.of(20L, 2L, "c"));
            return null;
        });
    }

    private static String sqlState(Throwable e) {
        return ((MnemoException) e).sqlState();
    }

    private List<Long> ids(Mnemo on, String table) {
        return on.transaction(tx -> tx.select(table, KeyRange.all())).stream().map(r -> r.getLong("id")).sorted()
                .toList();
    }

    @Test
    void aChildWithoutItsParentFailsTheWholeRecord() {
        createCustomerAndOrders(ForeignKeyAction.NO_ACTION);
        long version = db.version();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.insert("customer", Row.of(3L, "cid"));
            tx.insert("orders", Row.of(30L, 9L, "orphan"));
            return null;
        })).isInstanceOf(ForeignKeyViolationException.class)
                .hasMessageContaining("FK_ORDERS_CUSTOMER").hasMessageContaining("ORDERS")
                .hasMessageContaining("(CUSTOMER_ID)=(9)").hasMessageContaining("CUSTOMER")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        assertThat(db.version()).isEqualTo(version);
        assertThat(ids(db, "customer")).containsExactly(1L, 2L);
        assertThat(ids(db, "orders")).containsExactly(10L, 11L, 20L);
        assertThatThrownBy(() -> db.dirtyWrite("orders", Row.of(11L, 7L, "moved")))
                .isInstanceOf(ForeignKeyViolationException.class);
        assertThat(db.dirtyRead("orders", 11L).getLong("customer_id")).isEqualTo(1L);
    }

    @Test
    void aRecordMayWriteTheParentAndItsChildInEitherOrder() {
        createCustomerAndOrders(ForeignKeyAction.NO_ACTION);
        db.transaction(tx -> {
            tx.insert("customer", Row.of(3L, "cid"));
            tx.insert("orders", Row.of(30L, 3L, "x"));
            tx.insert("orders", Row.of(40L, 4L, "y"));
            tx.insert("customer", Row.of(4L, "dan"));
            return null;
        });
        assertThat(ids(db, "orders")).containsExactly(10L, 11L, 20L, 30L, 40L);
    }

    @Test
    void aNullInTheForeignKeyReferencesNothing() {
        createCustomerAndOrders(ForeignKeyAction.NO_ACTION);
        db.dirtyWrite("orders", Row.of(50L, null, "walk-in"));
        assertThat(db.dirtyRead("orders", 50L).get("customer_id")).isNull();
    }

    @Test
    void aReferencedParentCannotBeDeletedUntilItsChildrenGo() {
        createCustomerAndOrders(ForeignKeyAction.RESTRICT);
        assertThatThrownBy(() -> db.transaction(tx -> tx.delete("customer", 1L)))
                .isInstanceOf(ForeignKeyViolationException.class)
                .hasMessageContaining("FK_ORDERS_CUSTOMER").hasMessageContaining("(ID)=(1)")
                .hasMessageContaining("still referenced from table ORDERS");
        assertThat(ids(db, "customer")).containsExactly(1L, 2L);
        db.dirtyWrite("customer", Row.of(1L, "ann b")); // not a key change: allowed
        db.transaction(tx -> {
            tx.delete("orders", 10L);
            tx.delete("orders", 11L);
            tx.delete("customer", 1L);
            return null;
        });
        assertThat(ids(db, "customer")).containsExactly(2L);
    }

    @Test
    void deletingAParentCascadesDownAChainAndEmitsEveryChange() throws InterruptedException {
        createCustomerAndOrders(ForeignKeyAction.CASCADE);
        db.createTable(TableDef.named("line").column("id", ColumnType.BIGINT).column("order_id", ColumnType.BIGINT)
                .primaryKey("id").kind(TableKind.ORDERED_SET)
                .foreignKey(ForeignKeyDef.on("order_id").references("orders", "id")
                        .onDelete(ForeignKeyAction.CASCADE)));
        db.transaction(tx -> {
            tx.insert("line", Row.of(100L, 10L));
            tx.insert("line", Row.of(101L, 10L));
            tx.insert("line", Row.of(110L, 11L));
            tx.insert("line", Row.of(200L, 20L));
            return null;
        });
        BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
        db.subscribe(null, events::add);
        long version = db.version();
        db.transaction(tx -> tx.delete("customer", 1L));
        assertThat(ids(db, "customer")).containsExactly(2L);
        assertThat(ids(db, "orders")).containsExactly(20L);
        assertThat(ids(db, "line")).containsExactly(200L);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ChangeEvent e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("event %d", i).isNotNull();
            assertThat(e.version()).isEqualTo(version + 1);
            seen.add(e.table() + " " + e.type() + " " + e.oldRow().getLong("id"));
        }
        assertThat(seen).containsExactlyInAnyOrder("CUSTOMER DELETE 1", "ORDERS DELETE 10", "ORDERS DELETE 11",
                "LINE DELETE 100", "LINE DELETE 101", "LINE DELETE 110");
    }

    @Test
    void setNullClearsTheReferenceAndKeepsTheChild() {
        createCustomerAndOrders(ForeignKeyAction.SET_NULL);
        db.transaction(tx -> tx.delete("customer", 1L));
        assertThat(db.dirtyRead("orders", 10L).get("customer_id")).isNull();
        assertThat(db.dirtyRead("orders", 10L).getString("note")).isEqualTo("a");
        assertThat(db.dirtyRead("orders", 11L).get("customer_id")).isNull();
        assertThat(db.dirtyRead("orders", 20L).getLong("customer_id")).isEqualTo(2L);
        List<Row> stillReferencing = db.transaction(tx -> tx.indexRead("orders", "fk_orders_customer", 1L));
        assertThat(stillReferencing).isEmpty();
    }

    @Test
    void setNullOnANotNullColumnFailsTheDelete() {
        db.createTable(customer(Storage.RAM));
        db.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT)
                .column("customer_id", ColumnType.BIGINT).notNull().primaryKey("id")
                .foreignKey(ForeignKeyDef.on("customer_id").references("customer")
                        .onDelete(ForeignKeyAction.SET_NULL)));
        db.dirtyWrite("customer", Row.of(1L, "ann"));
        db.dirtyWrite("orders", Row.of(10L, 1L));
        assertThatThrownBy(() -> db.dirtyDelete("customer", 1L)).isInstanceOf(NotNullViolationException.class);
        assertThat(ids(db, "customer")).containsExactly(1L);
    }

    @Test
    void aSelfReferenceCascadesThroughTheTree() {
        db.createTable(TableDef.named("emp").column("id", ColumnType.INTEGER).column("boss", ColumnType.INTEGER)
                .primaryKey("id").foreignKey(ForeignKeyDef.on("boss").references("emp")
                        .onDelete(ForeignKeyAction.CASCADE)));
        db.transaction(tx -> {
            tx.insert("emp", Row.of(1, 1)); // its own boss, in the record that inserts it
            tx.insert("emp", Row.of(2, 1));
            tx.insert("emp", Row.of(3, 2));
            tx.insert("emp", Row.of(4, 3));
            tx.insert("emp", Row.of(5, null));
            return null;
        });
        assertThatThrownBy(() -> db.dirtyWrite("emp", Row.of(6, 60))).isInstanceOf(ForeignKeyViolationException.class);
        db.dirtyDelete("emp", 2);
        assertThat(ids(db, "emp")).containsExactly(1L, 5L);
        db.dirtyDelete("emp", 1);
        assertThat(ids(db, "emp")).containsExactly(5L);
        assertThat(db.foreignKeys("emp")).extracting(ForeignKeyDef::name).containsExactly("EMP_BOSS_FKEY");
    }

    @Test
    void aForeignKeyAddedOverRowsWithoutParentsFailsAndChangesNothing() {
        db.createTable(customer(Storage.RAM));
        db.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT)
                .column("customer_id", ColumnType.BIGINT).primaryKey("id"));
        db.dirtyWrite("customer", Row.of(1L, "ann"));
        db.dirtyWrite("orders", Row.of(10L, 1L));
        db.dirtyWrite("orders", Row.of(11L, 2L));
        db.dirtyWrite("orders", Row.of(12L, null));
        TableSchema before = db.schema("orders");
        ForeignKeyDef fk = ForeignKeyDef.on("customer_id").references("customer", "id").named("fk_c");
        assertThatThrownBy(() -> db.addForeignKey("orders", fk)).isInstanceOf(ForeignKeyViolationException.class)
                .hasMessageContaining("(CUSTOMER_ID)=(2)").satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        assertThat(db.schema("orders").version()).isEqualTo(before.version());
        assertThat(db.schema("orders").indexes()).isEmpty();
        db.dirtyDelete("orders", 11L);
        TableSchema after = db.addForeignKey("orders", fk);
        assertThat(after.foreignKeys()).extracting(ForeignKeyDef::name).containsExactly("FK_C");
        assertThat(after.indexes()).extracting(IndexDef::name).containsExactly("FK_C");
        assertThatThrownBy(() -> db.dirtyWrite("orders", Row.of(11L, 2L)))
                .isInstanceOf(ForeignKeyViolationException.class);
        assertThatThrownBy(() -> db.dropIndex("orders", "fk_c")).isInstanceOf(StillReferencedException.class);
        db.dropForeignKey("orders", "fk_c");
        db.dropForeignKey("orders", "fk_c", true);
        assertThatThrownBy(() -> db.dropForeignKey("orders", "fk_c")).isInstanceOf(SchemaException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42704"));
        db.dirtyWrite("orders", Row.of(11L, 2L));
        assertThat(db.schema("orders").indexes()).as("the index made for the foreign key goes with it").isEmpty();
    }

    @Test
    void theIndexMadeForAForeignKeyIsMarkedSoAndGoesWithIt() {
        db.createTable(customer(Storage.RAM));
        TableSchema s = db.createTable(orders(Storage.RAM, ForeignKeyAction.NO_ACTION));
        assertThat(s.indexes()).singleElement().satisfies(ix -> {
            assertThat(ix.name()).isEqualTo("FK_ORDERS_CUSTOMER");
            assertThat(ix.isForForeignKey()).isTrue();
        });
        s = db.renameColumn("orders", "customer_id", "client_id");
        assertThat(s.indexes()).singleElement().satisfies(ix -> {
            assertThat(ix.columns()).containsExactly("CLIENT_ID");
            assertThat(ix.isForForeignKey()).as("a renamed column keeps the index what it was").isTrue();
        });
        assertThat(db.dropForeignKey("orders", "fk_orders_customer").indexes()).isEmpty();
    }

    @Test
    void anIndexTheUserMadeStaysWhenTheForeignKeyItServedGoes() {
        db.createTable(customer(Storage.RAM));
        db.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT)
                .column("customer_id", ColumnType.BIGINT).primaryKey("id"));
        // Named as the foreign key will be, on its columns: only what the catalog records tells the two apart.
        db.createIndex("orders", IndexDef.hash("fk_c", "customer_id"));
        TableSchema s = db.addForeignKey("orders",
                ForeignKeyDef.on("customer_id").references("customer").named("fk_c"));
        assertThat(s.indexes()).singleElement().satisfies(ix -> assertThat(ix.isForForeignKey()).isFalse());
        assertThat(db.dropForeignKey("orders", "fk_c").indexes()).extracting(IndexDef::name).containsExactly("FK_C");
    }

    @Test
    void anIndexMadeForAForeignKeyStaysWhileAnotherForeignKeyOnItsColumnsNeedsIt() {
        db.createTable(customer(Storage.RAM));
        db.createTable(TableDef.named("vip").column("id", ColumnType.BIGINT).primaryKey("id"));
        db.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT)
                .column("customer_id", ColumnType.BIGINT).primaryKey("id"));
        db.addForeignKey("orders", ForeignKeyDef.on("customer_id").references("customer").named("fk_c"));
        TableSchema s = db.addForeignKey("orders", ForeignKeyDef.on("customer_id").references("vip").named("fk_v"));
        assertThat(s.indexes()).extracting(IndexDef::name).containsExactly("FK_C");
        s = db.dropForeignKey("orders", "fk_c");
        assertThat(s.indexes()).as("fk_v finds its rows through it").extracting(IndexDef::name)
                .containsExactly("FK_C");
        assertThat(db.dropForeignKey("orders", "fk_v").indexes()).isEmpty();
    }

    @Test
    void anExistingIndexOnTheColumnsServesTheForeignKey() {
        db.createTable(customer(Storage.RAM));
        TableSchema s = db.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT)
                .column("customer_id", ColumnType.BIGINT).primaryKey("id")
                .index(IndexDef.ordered("by_customer", "customer_id"))
                .foreignKey(ForeignKeyDef.on("customer_id").references("customer")));
        assertThat(s.indexes()).extracting(IndexDef::name).containsExactly("BY_CUSTOMER");
        assertThat(s.foreignKeys()).extracting(ForeignKeyDef::name).containsExactly("ORDERS_CUSTOMER_ID_FKEY");
    }

    @Test
    void aReferencedTableOrColumnCannotBeDroppedButRenamesKeepTheReference() {
        createCustomerAndOrders(ForeignKeyAction.NO_ACTION);
        assertThatThrownBy(() -> db.dropTable("customer")).isInstanceOf(StillReferencedException.class)
                .hasMessageContaining("ORDERS").satisfies(e -> assertThat(sqlState(e)).isEqualTo("2BP01"));
        assertThatThrownBy(() -> db.dropTable("customer", true)).isInstanceOf(StillReferencedException.class);
        assertThatThrownBy(() -> db.dropColumn("orders", "customer_id")).isInstanceOf(StillReferencedException.class);
        db.renameTable("customer", "client");
        db.renameColumn("client", "id", "client_no");
        db.renameColumn("orders", "customer_id", "client_no");
        ForeignKeyDef described = db.foreignKeys("orders").get(0);
        assertThat(described.parentTable()).isEqualTo("CLIENT");
        assertThat(described.parentColumns()).containsExactly("CLIENT_NO");
        assertThat(described.columns()).containsExactly("CLIENT_NO");
        assertThatThrownBy(() -> db.dirtyWrite("orders", Row.of(30L, 3L, "x")))
                .isInstanceOf(ForeignKeyViolationException.class).hasMessageContaining("CLIENT");
        db.dirtyWrite("client", Row.of(3L, "cid"));
        db.dirtyWrite("orders", Row.of(30L, 3L, "x"));
        assertThatThrownBy(() -> db.dirtyDelete("client", 3L)).isInstanceOf(ForeignKeyViolationException.class);
        db.dropTable("orders");
        db.dropTable("client");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void aUniqueIndexCanBeReferencedAndItsValuesCannotChangeWhileReferenced() {
        db.createTable(TableDef.named("country").column("id", ColumnType.INTEGER)
                .column("code", ColumnType.fixedChar(2))
                .primaryKey("id").index(IndexDef.hash("by_code", "code").unique()));
        db.createTable(TableDef.named("city").column("id", ColumnType.INTEGER)
                .column("country", ColumnType.fixedChar(2))
                .primaryKey("id").foreignKey(ForeignKeyDef.on("country").references("country", "code")));
        db.dirtyWrite("country", Row.of(1, "NO"));
        db.dirtyWrite("city", Row.of(1, "NO"));
        assertThatThrownBy(() -> db.dirtyWrite("city", Row.of(2, "SE")))
                .isInstanceOf(ForeignKeyViolationException.class);
        assertThatThrownBy(() -> db.dirtyWrite("country", Row.of(1, "SE")))
                .isInstanceOf(ForeignKeyViolationException.class).hasMessageContaining("update of table COUNTRY");
        db.transaction(tx -> { // the referenced value moves to another row in the same record: still there
            tx.write("country", Row.of(1, "XX"));
            tx.insert("country", Row.of(2, "NO"));
            return null;
        });
        assertThatThrownBy(() -> db.dropIndex("country", "by_code")).isInstanceOf(StillReferencedException.class);
        assertThatThrownBy(() -> db.dropColumn("country", "code")).isInstanceOf(StillReferencedException.class)
                .hasMessageContaining("CITY");
    }

    @Test
    void aColumnAForeignKeyComparesKeepsItsTypeOnBothSidesUntilTheKeyIsDropped() {
        db.createTable(TableDef.named("country").column("id", ColumnType.INTEGER).column("code", ColumnType.varchar(2))
                .column("name", ColumnType.varchar(10)).primaryKey("id")
                .index(IndexDef.hash("by_code", "code").unique()));
        db.createTable(TableDef.named("city").column("id", ColumnType.INTEGER).column("country", ColumnType.varchar(2))
                .primaryKey("id")
                .foreignKey(ForeignKeyDef.on("country").references("country", "code").named("fk_city_country")));
        db.dirtyWrite("country", Row.of(1, "NO", "Norway"));
        db.dirtyWrite("city", Row.of(1, "NO"));
        int countryVersion = db.schema("country").version();
        int cityVersion = db.schema("city").version();
        assertThatThrownBy(() -> db.setColumnType("country", "code", ColumnType.varchar(3)))
                .isInstanceOf(UnsupportedChangeException.class).hasMessageContaining("FK_CITY_COUNTRY")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("0A000"));
        assertThatThrownBy(() -> db.setColumnType("city", "country", ColumnType.varchar(3)))
                .isInstanceOf(UnsupportedChangeException.class).hasMessageContaining("FK_CITY_COUNTRY")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("0A000"));
        assertThat(db.schema("country").version()).isEqualTo(countryVersion);
        assertThat(db.schema("city").version()).isEqualTo(cityVersion);
        assertThatThrownBy(() -> db.dirtyWrite("city", Row.of(2, "SE")))
                .isInstanceOf(ForeignKeyViolationException.class);
        db.setColumnType("country", "name", ColumnType.varchar(20));
        db.dropForeignKey("city", "fk_city_country");
        db.setColumnType("city", "country", ColumnType.varchar(3));
        db.setColumnType("country", "code", ColumnType.varchar(3));
        db.dirtyWrite("city", Row.of(2, "SWE"));
        assertThat(db.dirtyRead("city", 2).get("country")).isEqualTo("SWE");
    }

    @Test
    void aSelfReferenceKeepsTheTypesOfBothItsColumns() {
        db.createTable(TableDef.named("emp").column("id", ColumnType.INTEGER).column("boss", ColumnType.INTEGER)
                .column("code", ColumnType.varchar(4)).primaryKey("id").index(IndexDef.hash("by_code", "code").unique())
                .foreignKey(ForeignKeyDef.on("boss").references("emp").named("fk_boss")));
        assertThatThrownBy(() -> db.setColumnType("emp", "boss", ColumnType.BIGINT))
                .isInstanceOf(UnsupportedChangeException.class).hasMessageContaining("FK_BOSS");
        db.setColumnType("emp", "code", ColumnType.varchar(8));
        assertThat(db.schema("emp").column(1).type()).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void aForeignKeyThatCannotReferenceItsParentIsRefused() {
        db.createTable(customer(Storage.RAM));
        assertThatThrownBy(() -> db.createTable(TableDef.named("o").column("id", ColumnType.BIGINT).primaryKey("id")
                .foreignKey(ForeignKeyDef.on("id").references("nobody"))))
                .isInstanceOf(UnknownTableException.class);
        assertThatThrownBy(() -> db.createTable(TableDef.named("o").column("id", ColumnType.BIGINT)
                .column("n", ColumnType.varchar(20)).primaryKey("id")
                .foreignKey(ForeignKeyDef.on("n").references("customer", "name"))))
                .isInstanceOf(InvalidForeignKeyException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42830"));
        assertThatThrownBy(() -> db.createTable(TableDef.named("o").column("id", ColumnType.BIGINT)
                .column("c", ColumnType.INTEGER).primaryKey("id")
                .foreignKey(ForeignKeyDef.on("c").references("customer"))))
                .isInstanceOf(InvalidForeignKeyException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42804"));
        assertThatThrownBy(() -> db.createTable(TableDef.named("o").column("id", ColumnType.BIGINT)
                .column("c", ColumnType.BIGINT).primaryKey("id")
                .foreignKey(ForeignKeyDef.on("c", "id").references("customer"))))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42830"));
        assertThat(db.tables()).extracting(TableSchema::name).containsExactly("CUSTOMER");
    }

    @Test
    void bagChildrenCascadeRowByRow() {
        db.createTable(customer(Storage.RAM));
        db.createTable(TableDef.named("tag").column("owner", ColumnType.BIGINT).column("tag", ColumnType.varchar(9))
                .column("customer_id", ColumnType.BIGINT).primaryKey("owner").kind(TableKind.BAG)
                .foreignKey(ForeignKeyDef.on("customer_id").references("customer")
                        .onDelete(ForeignKeyAction.CASCADE)));
        db.dirtyWrite("customer", Row.of(1L, "ann"));
        db.dirtyWrite("customer", Row.of(2L, "bob"));
        db.dirtyWrite("tag", Row.of(7L, "x", 1L));
        db.dirtyWrite("tag", Row.of(7L, "y", 2L));
        db.dirtyDelete("customer", 1L);
        assertThat(db.dirtyReadAll("tag", 7L)).extracting(r -> r.getString("tag")).containsExactly("y");
    }

    @Test
    void discTablesKeepTheirForeignKeysAcrossRestarts(@TempDir Path dir) {
        for (long checkpointBytes : new long[] {64L << 20, 4096}) {
            Path data = dir.resolve("c" + checkpointBytes);
            MnemoConfig config = MnemoConfig.builder().dataDir(data).checkpointJournalBytes(checkpointBytes).build();
            try (Mnemo disc = Mnemo.open(config)) {
                disc.createTable(customer(Storage.DISC));
                disc.createTable(orders(Storage.DISC, ForeignKeyAction.CASCADE));
                for (long i = 1; i <= 100; i++) {
                    long id = i;
                    disc.transaction(tx -> {
                        tx.insert("customer", Row.of(id, "c".repeat(20)));
                        tx.insert("orders", Row.of(id, id, "o".repeat(20)));
                        return null;
                    });
                }
                disc.renameTable("customer", "client");
            }
            try (Mnemo disc = Mnemo.open(config)) {
                assertThat(disc.foreignKeys("orders")).singleElement()
                        .satisfies(fk -> assertThat(fk.parentTable()).isEqualTo("CLIENT"));
                assertThatThrownBy(() -> disc.dirtyWrite("orders", Row.of(999L, 999L, "x")))
                        .isInstanceOf(ForeignKeyViolationException.class);
                assertThatThrownBy(() -> disc.dropTable("client")).isInstanceOf(StillReferencedException.class);
                disc.dirtyDelete("client", 5L);
                assertThat(disc.dirtyRead("orders", 5L)).isNull();
                assertThat(disc.size("orders")).isEqualTo(99);
                assertThat(disc.dropForeignKey("orders", "fk_orders_customer").indexes())
                        .as("the index made for the foreign key is known as such after a restart").isEmpty();
            }
        }
    }

    @Test
    void aDiscTableCannotReferenceARamTableWhoseRowsARestartLoses(@TempDir Path dir) {
        MnemoConfig config = MnemoConfig.builder().dataDir(dir).build();
        try (Mnemo disc = Mnemo.open(config)) {
            disc.createTable(customer(Storage.RAM));
            assertThatThrownBy(() -> disc.createTable(orders(Storage.DISC, ForeignKeyAction.NO_ACTION)))
                    .isInstanceOf(InvalidForeignKeyException.class).hasMessageContaining("RAM table CUSTOMER")
                    .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo("42830"));
            assertThat(disc.tables()).extracting(TableSchema::name).containsExactly("CUSTOMER");
            disc.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT)
                    .column("customer_id", ColumnType.BIGINT).primaryKey("id").storage(Storage.DISC));
            assertThatThrownBy(() -> disc.addForeignKey("orders", ForeignKeyDef.on("customer_id")
                    .references("customer"))).isInstanceOf(InvalidForeignKeyException.class);
            assertThat(disc.foreignKeys("orders")).isEmpty();
            disc.createTable(TableDef.named("account").column("id", ColumnType.BIGINT).primaryKey("id")
                    .storage(Storage.DISC));
            disc.createTable(TableDef.named("note").column("id", ColumnType.BIGINT)
                    .column("account_id", ColumnType.BIGINT).primaryKey("id")
                    .foreignKey(ForeignKeyDef.on("account_id").references("account")));
            disc.dirtyWrite("account", Row.of(1L));
            disc.dirtyWrite("note", Row.of(5L, 1L));
        }
        try (Mnemo disc = Mnemo.open(config)) {
            assertThat(disc.dirtyRead("account", 1L)).as("a RAM child of a disc parent loses only its own rows")
                    .isNotNull();
            assertThat(disc.dirtyRead("note", 5L)).isNull();
        }
    }

    @Test
    void aLoadedSnapshotEnforcesTheForeignKeys() throws IOException {
        createCustomerAndOrders(ForeignKeyAction.CASCADE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        db.snapshot(out);
        try (Mnemo copy = Mnemo.inMemory()) {
            copy.loadSnapshot(new ByteArrayInputStream(out.toByteArray()));
            assertThat(copy.foreignKeys("orders")).isEqualTo(db.foreignKeys("orders"));
            assertThatThrownBy(() -> copy.dirtyWrite("orders", Row.of(99L, 9L, "x")))
                    .isInstanceOf(ForeignKeyViolationException.class);
            copy.dirtyDelete("customer", 1L);
            assertThat(ids(copy, "orders")).containsExactly(20L);
        }
    }
}

package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ON UPDATE actions: a parent row whose referenced columns change (its key, declared with
 * {@link Transaction#moved}, or a referenced unique column) takes its children along (CASCADE), clears their
 * reference (SET NULL) or fails the record (NO ACTION, RESTRICT); ON DELETE never fires for such a change.
 */
class ForeignKeyUpdateTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    private void customersAndOrders(ForeignKeyAction onDelete, ForeignKeyAction onUpdate, boolean nullable) {
        db.createTable(TableDef.named("customer").column("id", ColumnType.BIGINT).column("name", ColumnType.varchar(9))
                .primaryKey("id"));
        ColumnDef customerId = nullable ? ColumnDef.of("customer_id", ColumnType.BIGINT)
                : ColumnDef.of("customer_id", ColumnType.BIGINT).notNull();
        db.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT).column(customerId)
                .primaryKey("id").foreignKey(ForeignKeyDef.on("customer_id").references("customer")
                        .onDelete(onDelete).onUpdate(onUpdate).named("fk_orders_customer")));
        db.transaction(tx -> {
            tx.insert("customer", Row.of(1L, "ann"));
            tx.insert("customer", Row.of(2L, "bob"));
            tx.insert("orders", Row.of(10L, 1L));
            tx.insert("orders", Row.of(11L, 1L));
            tx.insert("orders", Row.of(20L, 2L));
            return null;
        });
    }

    /** Changes the key of {@code old} to that of {@code updated} as SQL's UPDATE does: declare, delete, insert. */
    private void move(String table, Row old, Row updated) {
        db.transaction(tx -> move(tx, table, old, updated));
    }

    private static Object move(Transaction tx, String table, Row old, Row updated) {
        tx.moved(table, old, updated);
        tx.deleteObject(table, old);
        tx.insert(table, updated);
        return null;
    }

    /** Every row of a table as id → the value of {@code column}. */
    private TreeMap<Long, Object> column(String table, String column) {
        TreeMap<Long, Object> out = new TreeMap<>();
        db.transaction(tx -> tx.select(table, KeyRange.all()))
                .forEach(r -> out.put(((Number) r.get("id")).longValue(), r.get(column)));
        return out;
    }

    private static String sqlState(Throwable e) {
        return ((MnemoException) e).sqlState();
    }

    @Test
    void cascadeGivesTheChildrenTheNewKeyAndOnDeleteDoesNotFire() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.CASCADE, true);
        move("customer", Row.of(1L, "ann"), Row.of(5L, "ann"));
        assertThat(column("customer", "name")).containsOnlyKeys(2L, 5L);
        assertThat(column("orders", "customer_id")).containsExactlyEntriesOf(new TreeMap<>(
                Map.of(10L, 5L, 11L, 5L, 20L, 2L)));
    }

    @Test
    void theActionValidatorJudgesEachRewrittenChildAsItEndsUpAndCanFailTheRecord() {
        customersAndOrders(ForeignKeyAction.SET_NULL, ForeignKeyAction.CASCADE, true);
        List<String> judged = new ArrayList<>();
        db.validateActions((table, row) -> {
            judged.add(table.name() + ":" + row[0] + "=" + row[1]);
            if (row[1] == null) {
                throw new CheckViolationException("order " + row[0] + " lost its customer");
            }
        });
        move("customer", Row.of(1L, "ann"), Row.of(5L, "ann"));
        assertThat(judged).containsExactlyInAnyOrder("ORDERS:10=5", "ORDERS:11=5");
        judged.clear();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.delete("customer", 5L);
            return null;
        })).isInstanceOfSatisfying(CheckViolationException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("23514");
            assertThat(e.getMessage()).contains("lost its customer");
        });
        assertThat(column("customer", "name")).containsOnlyKeys(2L, 5L);
        assertThat(column("orders", "customer_id")).containsExactlyEntriesOf(new TreeMap<>(
                Map.of(10L, 5L, 11L, 5L, 20L, 2L)));
        db.validateActions(ActionValidator.NONE);
        db.transaction(tx -> {
            tx.delete("customer", 5L);
            return null;
        });
        assertThat(column("orders", "customer_id")).containsKeys(10L, 11L).containsEntry(20L, 2L);
    }

    @Test
    void setNullClearsTheReferenceOfEveryChild() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.SET_NULL, true);
        move("customer", Row.of(1L, "ann"), Row.of(5L, "ann"));
        TreeMap<Long, Object> refs = column("orders", "customer_id");
        assertThat(refs).containsOnlyKeys(10L, 11L, 20L);
        assertThat(refs.get(10L)).isNull();
        assertThat(refs.get(11L)).isNull();
        assertThat(refs.get(20L)).isEqualTo(2L);
    }

    @Test
    void setNullOnANotNullColumnFailsAndChangesNothing() {
        customersAndOrders(ForeignKeyAction.NO_ACTION, ForeignKeyAction.SET_NULL, false);
        long version = db.version();
        assertThatThrownBy(() -> move("customer", Row.of(1L, "ann"), Row.of(5L, "ann")))
                .isInstanceOf(NotNullViolationException.class).hasMessageContaining("CUSTOMER_ID")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23502"));
        assertThat(db.version()).isEqualTo(version);
        assertThat(column("customer", "name")).containsOnlyKeys(1L, 2L);
    }

    @Test
    void noActionStillRefusesAKeyChangeWhileChildrenReferenceTheOldKey() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.NO_ACTION, true);
        long version = db.version();
        assertThatThrownBy(() -> move("customer", Row.of(1L, "ann"), Row.of(5L, "ann")))
                .isInstanceOf(ForeignKeyViolationException.class).hasMessageContaining("update of table CUSTOMER")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        assertThat(db.version()).isEqualTo(version);
        assertThat(column("orders", "customer_id")).containsEntry(10L, 1L).containsEntry(11L, 1L);
        move("customer", Row.of(2L, "bob"), Row.of(2L, "bo")); // a change of an unreferenced column is no update
        assertThat(column("customer", "name")).containsEntry(2L, "bo");
    }

    @Test
    void aRowMovedTwiceInOneTransactionTakesItsChildrenToWhereItEnds() {
        customersAndOrders(ForeignKeyAction.NO_ACTION, ForeignKeyAction.CASCADE, true);
        db.transaction(tx -> {
            move(tx, "customer", Row.of(1L, "ann"), Row.of(5L, "ann"));
            return move(tx, "customer", Row.of(5L, "ann"), Row.of(6L, "ann"));
        });
        assertThat(column("customer", "name")).containsOnlyKeys(2L, 6L);
        assertThat(column("orders", "customer_id")).containsEntry(10L, 6L).containsEntry(11L, 6L)
                .containsEntry(20L, 2L);
    }

    @Test
    void aDeleteWithoutADeclaredMoveStillRunsOnDelete() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.CASCADE, true);
        db.transaction(tx -> {
            tx.delete("customer", 1L);
            tx.insert("customer", Row.of(5L, "ann"));
            return null;
        });
        assertThat(column("orders", "customer_id")).containsOnlyKeys(20L);
    }

    /** customer ← account (customer_id, no) ← entry, each by ON UPDATE CASCADE over multi-column keys. */
    private void chain() {
        db.createTable(TableDef.named("customer").column("id", ColumnType.BIGINT).primaryKey("id"));
        db.createTable(TableDef.named("account").column("customer_id", ColumnType.BIGINT)
                .column("no", ColumnType.INTEGER).column("id", ColumnType.BIGINT).primaryKey("customer_id", "no")
                .kind(TableKind.ORDERED_SET).foreignKey(ForeignKeyDef.on("customer_id").references("customer")
                        .onUpdate(ForeignKeyAction.CASCADE)));
        db.createTable(TableDef.named("entry").column("id", ColumnType.BIGINT).column("customer_id", ColumnType.BIGINT)
                .column("no", ColumnType.INTEGER).primaryKey("id")
                .foreignKey(ForeignKeyDef.on("customer_id", "no").references("account", "customer_id", "no")
                        .onUpdate(ForeignKeyAction.CASCADE)));
        db.transaction(tx -> {
            for (long c = 1; c <= 3; c++) {
                tx.insert("customer", Row.of(c));
                for (int no = 1; no <= 2; no++) {
                    tx.insert("account", Row.of(c, no, c * 10 + no));
                    tx.insert("entry", Row.of(c * 100 + no, c, no));
                }
            }
            return null;
        });
    }

    @Test
    void cascadesChainThroughMultiColumnKeysThatMoveTheChildren() {
        chain();
        move("customer", Row.of(1L), Row.of(7L));
        assertThat(column("account", "customer_id")).containsEntry(11L, 7L).containsEntry(12L, 7L)
                .containsEntry(21L, 2L);
        assertThat(db.dirtyRead("account", 7L, 1).getLong("id")).isEqualTo(11L);
        assertThat(db.dirtyRead("account", 1L, 1)).isNull();
        assertThat(column("entry", "customer_id")).containsEntry(101L, 7L).containsEntry(102L, 7L)
                .containsEntry(201L, 2L);
    }

    @Test
    void keysThatPassEachOtherTakeTheirOwnChildren() {
        chain();
        db.transaction(tx -> { // UPDATE customer SET id = id + 1
            for (long c = 1; c <= 3; c++) {
                tx.moved("customer", Row.of(c), Row.of(c + 1));
                tx.delete("customer", c);
            }
            for (long c = 1; c <= 3; c++) {
                tx.insert("customer", Row.of(c + 1));
            }
            return null;
        });
        assertThat(column("customer", "id")).containsOnlyKeys(2L, 3L, 4L);
        assertThat(column("account", "customer_id")).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                11L, 2L, 12L, 2L, 21L, 3L, 22L, 3L, 31L, 4L, 32L, 4L)));
        assertThat(db.dirtyRead("account", 2L, 1).getLong("id")).isEqualTo(11L);
        assertThat(column("entry", "customer_id")).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                101L, 2L, 102L, 2L, 201L, 3L, 202L, 3L, 301L, 4L, 302L, 4L)));
    }

    @Test
    void aCascadeThatGivesAChildTheKeyOfAnotherRowFailsAndChangesNothing() {
        chain();
        db.transaction(tx -> tx.delete("entry", 201L) && tx.delete("entry", 202L)
                && tx.delete("account", 2L, 1) && tx.delete("account", 2L, 2) && tx.delete("customer", 2L));
        db.transaction(tx -> tx.insert("customer", Row.of(2L)) && tx.insert("account", Row.of(2L, 1, 99L)));
        long version = db.version();
        assertThatThrownBy(() -> move("customer", Row.of(1L), Row.of(2L)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(db.version()).isEqualTo(version);
        assertThat(column("account", "customer_id")).containsEntry(11L, 1L).containsEntry(99L, 2L);
    }

    @Test
    void aCascadeThatGivesAChildTheKeyOfAnIdenticalRowTheRecordInsertsFailsAndChangesNothing() {
        db.createTable(TableDef.named("p").column("id", ColumnType.BIGINT).primaryKey("id"));
        db.createTable(TableDef.named("c").column("pid", ColumnType.BIGINT).column("n", ColumnType.BIGINT)
                .primaryKey("pid", "n").foreignKey(ForeignKeyDef.on("pid").references("p")
                        .onUpdate(ForeignKeyAction.CASCADE)));
        db.dirtyWrite("p", Row.of(1L));
        db.dirtyWrite("c", Row.of(1L, 5L));
        long version = db.version();
        assertThatThrownBy(() -> db.transaction(tx -> {
            move(tx, "p", Row.of(1L), Row.of(2L));
            return tx.insert("c", Row.of(2L, 5L)); // child (1, 5) follows to (2, 5): two rows, one key
        })).isInstanceOf(DuplicateKeyException.class).satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
        assertThat(db.version()).isEqualTo(version);
        assertThat(db.dirtyRead("c", 1L, 5L)).isNotNull();
        assertThat(db.dirtyRead("c", 2L, 5L)).isNull();
    }

    @Test
    void aCascadeIntoAUniqueValueTheRecordAlsoWritesFailsAndChangesNothing() {
        db.createTable(TableDef.named("customer").column("id", ColumnType.BIGINT).primaryKey("id"));
        db.createTable(TableDef.named("card").column("id", ColumnType.BIGINT).column("owner", ColumnType.BIGINT)
                .primaryKey("id").index(IndexDef.hash("by_owner", "owner").unique())
                .foreignKey(ForeignKeyDef.on("owner").references("customer").onUpdate(ForeignKeyAction.CASCADE)));
        db.dirtyWrite("customer", Row.of(1L));
        db.dirtyWrite("card", Row.of(10L, 1L));
        long version = db.version();
        assertThatThrownBy(() -> db.transaction(tx -> {
            move(tx, "customer", Row.of(1L), Row.of(5L));
            return tx.insert("card", Row.of(50L, 5L)); // card 10 follows its owner to 5: two cards of one owner
        })).isInstanceOf(DuplicateKeyException.class).hasMessageContaining("BY_OWNER");
        assertThat(db.version()).isEqualTo(version);
        assertThat(column("card", "owner")).containsExactlyEntriesOf(new TreeMap<>(Map.of(10L, 1L)));
    }

    @Test
    void aSelfReferenceFollowsItsOwnRowAndItsSubordinates() {
        db.createTable(TableDef.named("emp").column("id", ColumnType.INTEGER).column("boss", ColumnType.INTEGER)
                .primaryKey("id").foreignKey(ForeignKeyDef.on("boss").references("emp")
                        .onDelete(ForeignKeyAction.CASCADE).onUpdate(ForeignKeyAction.CASCADE)));
        db.transaction(tx -> {
            tx.insert("emp", Row.of(1, 1));
            tx.insert("emp", Row.of(2, 1));
            tx.insert("emp", Row.of(3, 2));
            return null;
        });
        db.transaction(tx -> { // UPDATE emp SET id = id + 100
            for (int e = 1; e <= 3; e++) {
                Row old = tx.read("emp", e);
                Row nu = Row.of(e + 100, old.get("boss"));
                tx.moved("emp", old, nu);
                tx.delete("emp", e);
                tx.insert("emp", nu);
            }
            return null;
        });
        TreeMap<Long, Object> bosses = column("emp", "boss");
        assertThat(bosses).containsOnlyKeys(101L, 102L, 103L);
        assertThat(bosses.values()).containsExactly(101, 101, 102);
    }

    /** country (id, unique code) ← city (id, country code), ON DELETE {@code onDelete}, ON UPDATE CASCADE. */
    private void countriesAndCities(ForeignKeyAction onDelete) {
        db.createTable(TableDef.named("country").column("id", ColumnType.INTEGER)
                .column("code", ColumnType.fixedChar(2))
                .primaryKey("id").index(IndexDef.hash("by_code", "code").unique()));
        db.createTable(TableDef.named("city").column("id", ColumnType.INTEGER)
                .column("country", ColumnType.fixedChar(2)).primaryKey("id").kind(TableKind.ORDERED_SET)
                .foreignKey(ForeignKeyDef.on("country").references("country", "code")
                        .onDelete(onDelete).onUpdate(ForeignKeyAction.CASCADE)));
    }

    @Test
    void aReferencedUniqueColumnThatChangesUnderTheSameKeyCascades() {
        countriesAndCities(ForeignKeyAction.NO_ACTION);
        db.dirtyWrite("country", Row.of(1, "NO"));
        db.dirtyWrite("country", Row.of(2, "SE"));
        db.dirtyWrite("city", Row.of(1, "NO"));
        db.dirtyWrite("city", Row.of(2, "SE"));
        db.transaction(tx -> {
            tx.moved("country", Row.of(1, "NO"), Row.of(1, "NB"));
            tx.write("country", Row.of(1, "NB"));
            return null;
        });
        assertThat(column("city", "country")).containsEntry(1L, "NB").containsEntry(2L, "SE");
        db.transaction(tx -> { // the codes change places: each city follows its own country
            tx.moved("country", Row.of(1, "NB"), Row.of(1, "SE"));
            tx.moved("country", Row.of(2, "SE"), Row.of(2, "NB"));
            tx.delete("country", 1);
            tx.delete("country", 2);
            tx.write("country", Row.of(1, "SE"));
            tx.write("country", Row.of(2, "NB"));
            return null;
        });
        assertThat(column("city", "country")).containsEntry(1L, "SE").containsEntry(2L, "NB");
    }

    /** As before moves could be declared: a row replaced under its key is no move, so its children refuse it. */
    @Test
    void aReferencedUniqueColumnChangedWithoutADeclaredMoveIsRefusedAndChangesNothing() {
        countriesAndCities(ForeignKeyAction.CASCADE);
        db.dirtyWrite("country", Row.of(1, "NO"));
        db.dirtyWrite("city", Row.of(1, "NO"));
        long version = db.version();
        assertThatThrownBy(() -> db.dirtyWrite("country", Row.of(1, "NB")))
                .isInstanceOf(ForeignKeyViolationException.class)
                .hasMessageContaining("update of table COUNTRY").hasMessageContaining("declared moved")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        assertThatThrownBy(() -> db.transaction(tx -> tx.delete("country", 1) && tx.insert("country", Row.of(1, "NB"))))
                .isInstanceOf(ForeignKeyViolationException.class);
        assertThat(db.version()).isEqualTo(version);
        assertThat(column("city", "country")).containsExactlyEntriesOf(new TreeMap<>(Map.of(1L, "NO")));
    }

    /** A bag parent's referenced column changed under its key without a declared move: refused, not ON DELETE. */
    @Test
    void aBagParentRowReplacedWithoutADeclaredMoveIsRefusedAndDoesNotRunOnDelete() {
        db.createTable(TableDef.named("p").column("k", ColumnType.BIGINT).column("code", ColumnType.varchar(9))
                .primaryKey("k").kind(TableKind.BAG).index(IndexDef.hash("by_code", "code").unique()));
        db.createTable(TableDef.named("c").column("id", ColumnType.BIGINT).column("code", ColumnType.varchar(9))
                .primaryKey("id").foreignKey(ForeignKeyDef.on("code").references("p", "code")
                        .onDelete(ForeignKeyAction.CASCADE).onUpdate(ForeignKeyAction.NO_ACTION)));
        db.dirtyWrite("p", Row.of(1L, "A"));
        db.dirtyWrite("c", Row.of(10L, "A"));
        long version = db.version();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.deleteObject("p", Row.of(1L, "A"));
            return tx.insert("p", Row.of(1L, "B"));
        })).isInstanceOf(ForeignKeyViolationException.class).hasMessageContaining("update of table P")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        assertThat(db.version()).isEqualTo(version);
        assertThat(column("c", "code")).containsExactlyEntriesOf(new TreeMap<>(Map.of(10L, "A")));
        db.transaction(tx -> tx.deleteObject("p", Row.of(1L, "A"))); // the key left empty: ON DELETE CASCADE
        assertThat(column("c", "code")).isEmpty();
    }

    @Test
    void bagChildrenFollowRowByRow() {
        db.createTable(TableDef.named("customer").column("id", ColumnType.BIGINT).primaryKey("id"));
        db.createTable(TableDef.named("tag").column("owner", ColumnType.BIGINT).column("tag", ColumnType.varchar(9))
                .column("customer_id", ColumnType.BIGINT).primaryKey("owner").kind(TableKind.BAG)
                .foreignKey(ForeignKeyDef.on("customer_id").references("customer")
                        .onUpdate(ForeignKeyAction.CASCADE)));
        db.dirtyWrite("customer", Row.of(1L));
        db.dirtyWrite("customer", Row.of(2L));
        db.dirtyWrite("tag", Row.of(7L, "x", 1L));
        db.dirtyWrite("tag", Row.of(7L, "y", 2L));
        db.dirtyWrite("tag", Row.of(8L, "z", 1L));
        move("customer", Row.of(1L), Row.of(3L));
        List<String> tags = new ArrayList<>();
        for (long owner : new long[] {7L, 8L}) {
            db.dirtyReadAll("tag", owner).forEach(r -> tags.add(r.getString("tag") + r.getLong("customer_id")));
        }
        assertThat(tags).containsExactlyInAnyOrder("x3", "y2", "z3");
    }

    @Test
    void aMoveDeclaredFromARowThatIsNotInPlaceFailsAndChangesNothing() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.CASCADE, true);
        long version = db.version();
        assertThatThrownBy(() -> move("customer", Row.of(1L, "bob"), Row.of(5L, "bob"))) // customer 1 is ann
                .isInstanceOf(InvalidMoveException.class).hasMessageContaining("CUSTOMER")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("55000"));
        assertThat(db.version()).isEqualTo(version);
        assertThat(column("customer", "name")).containsOnlyKeys(1L, 2L);
        assertThat(column("orders", "customer_id")).containsExactlyEntriesOf(new TreeMap<>(
                Map.of(10L, 1L, 11L, 1L, 20L, 2L)));
    }

    @Test
    void aConcurrentChangeOfAMovedRowMakesTheTransactionRunAgainOnTheNewRow() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.CASCADE, true);
        int[] attempts = {0};
        db.transaction(tx -> {
            Row old = Row.of(1L, attempts[0] == 0 ? "ann" : "bob");
            tx.moved("customer", old, old.with(0, 5L));
            if (attempts[0]++ == 0) {
                db.dirtyWrite("customer", Row.of(1L, "bob")); // renamed after this attempt declared the move
            }
            tx.delete("customer", 1L);
            return tx.insert("customer", old.with(0, 5L));
        });
        assertThat(attempts[0]).isEqualTo(2);
        assertThat(column("customer", "name")).containsEntry(5L, "bob").doesNotContainKey(1L);
        assertThat(column("orders", "customer_id")).containsEntry(10L, 5L).containsEntry(11L, 5L);
    }

    @Test
    void aRowInsertedThenMovedInOneTransactionIsInPlace() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.CASCADE, true);
        db.transaction(tx -> {
            tx.insert("customer", Row.of(9L, "cy"));
            return move(tx, "customer", Row.of(9L, "cy"), Row.of(10L, "cy"));
        });
        assertThat(column("customer", "name")).containsEntry(10L, "cy").doesNotContainKey(9L);
    }

    /**
     * The actions run on the record's net change: a parent row the transaction inserted and then moved was never
     * there under its old key, so the children the transaction inserted under that key are part of the move.
     */
    private static void insertChildThenMoveItsNewParent(Transaction tx) {
        tx.insert("customer", Row.of(9L, "cy"));
        tx.insert("orders", Row.of(30L, 9L));
        move(tx, "customer", Row.of(9L, "cy"), Row.of(12L, "cy"));
    }

    @Test
    void childrenInsertedUnderANewParentRowThatMovesFollowItOnCascade() {
        customersAndOrders(ForeignKeyAction.NO_ACTION, ForeignKeyAction.CASCADE, false);
        db.transaction(tx -> {
            insertChildThenMoveItsNewParent(tx);
            tx.insert("orders", Row.of(31L, 12L));
            return null;
        });
        assertThat(column("customer", "name")).containsOnlyKeys(1L, 2L, 12L);
        assertThat(column("orders", "customer_id")).containsExactlyEntriesOf(new TreeMap<>(
                Map.of(10L, 1L, 11L, 1L, 20L, 2L, 30L, 12L, 31L, 12L)));
    }

    @Test
    void childrenInsertedUnderANewParentRowMovedTwiceEndWhereItEnds() {
        customersAndOrders(ForeignKeyAction.NO_ACTION, ForeignKeyAction.CASCADE, false);
        db.transaction(tx -> {
            insertChildThenMoveItsNewParent(tx);
            return move(tx, "customer", Row.of(12L, "cy"), Row.of(13L, "cy"));
        });
        assertThat(column("orders", "customer_id")).containsEntry(30L, 13L);
    }

    @Test
    void childrenInsertedUnderANewParentRowThatMovesLoseTheReferenceOnSetNull() {
        customersAndOrders(ForeignKeyAction.NO_ACTION, ForeignKeyAction.SET_NULL, true);
        db.transaction(tx -> {
            insertChildThenMoveItsNewParent(tx);
            return null;
        });
        assertThat(column("orders", "customer_id")).containsKey(30L).containsEntry(30L, null)
                .containsEntry(10L, 1L);
    }

    @Test
    void childrenInsertedUnderANewParentRowThatMovesFailTheCommitOnNoActionAndRestrict() {
        for (ForeignKeyAction refusing : List.of(ForeignKeyAction.NO_ACTION, ForeignKeyAction.RESTRICT)) {
            try (Mnemo fresh = Mnemo.inMemory()) {
                fresh.createTable(TableDef.named("customer").column("id", ColumnType.BIGINT)
                        .column("name", ColumnType.varchar(9)).primaryKey("id"));
                fresh.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT)
                        .column("customer_id", ColumnType.BIGINT).primaryKey("id")
                        .foreignKey(ForeignKeyDef.on("customer_id").references("customer").onUpdate(refusing)));
                long version = fresh.version();
                assertThatThrownBy(() -> fresh.transaction(tx -> {
                    insertChildThenMoveItsNewParent(tx);
                    return null;
                })).as("ON UPDATE %s", refusing).isInstanceOf(ForeignKeyViolationException.class)
                        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
                assertThat(fresh.version()).isEqualTo(version);
                assertThat(fresh.size("orders")).isZero();
            }
        }
    }

    /** A moved row deleted in the same transaction is deleted: its children do not follow a row that takes its key. */
    @Test
    void aRowMovedThenDeletedRunsOnDeleteEvenWhenAnotherRowTakesItsNewKey() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.CASCADE, true);
        db.transaction(tx -> {
            move(tx, "customer", Row.of(1L, "ann"), Row.of(5L, "ann"));
            tx.delete("customer", 5L);
            return tx.insert("customer", Row.of(5L, "zed"));
        });
        assertThat(column("customer", "name")).containsEntry(5L, "zed").doesNotContainKey(1L);
        assertThat(column("orders", "customer_id")).containsExactlyEntriesOf(new TreeMap<>(Map.of(20L, 2L)));
    }

    @Test
    void aRowMovedThenDeletedUnderNoActionFailsAndChangesNothing() {
        customersAndOrders(ForeignKeyAction.NO_ACTION, ForeignKeyAction.CASCADE, true);
        long version = db.version();
        assertThatThrownBy(() -> db.transaction(tx -> {
            move(tx, "customer", Row.of(1L, "ann"), Row.of(5L, "ann"));
            tx.deleteObject("customer", Row.of(5L, "ann"));
            return tx.insert("customer", Row.of(5L, "zed"));
        })).isInstanceOf(ForeignKeyViolationException.class).hasMessageContaining("delete from table CUSTOMER");
        assertThat(db.version()).isEqualTo(version);
    }

    @Test
    void aMovedRowChangedInPlaceKeepsItsChildren() {
        customersAndOrders(ForeignKeyAction.CASCADE, ForeignKeyAction.CASCADE, true);
        db.transaction(tx -> {
            move(tx, "customer", Row.of(1L, "ann"), Row.of(5L, "ann"));
            tx.write("customer", Row.of(5L, "anne")); // SQL's UPDATE of a column nothing references
            return null;
        });
        assertThat(column("customer", "name")).containsEntry(5L, "anne");
        assertThat(column("orders", "customer_id")).containsEntry(10L, 5L).containsEntry(11L, 5L);
    }

    @Test
    void aForeignKeyDeclaresEveryUpdateAction() {
        for (ForeignKeyAction a : ForeignKeyAction.values()) {
            assertThat(ForeignKeyDef.on("c").references("p").onUpdate(a).onUpdate()).isEqualTo(a);
        }
    }
}

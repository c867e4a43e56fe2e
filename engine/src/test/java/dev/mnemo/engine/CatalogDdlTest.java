package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schema changes through Mnemo: tables, columns and indexes created and dropped online, with their errors. */
class CatalogDdlTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    private void createPeople() {
        db.createTable(TableDef.named("people")
                .column("id", ColumnType.BIGINT)
                .column("name", ColumnType.varchar(20))
                .column("city", ColumnType.varchar(20))
                .primaryKey("id"));
        db.transaction(tx -> {
            tx.insert("people", Row.of(1L, "ann", "oslo"));
            tx.insert("people", Row.of(2L, "bob", "rome"));
            tx.insert("people", Row.of(3L, "cid", "oslo"));
            tx.insert("people", Row.of(4L, "dan", null));
            tx.insert("people", Row.of(5L, "eve", null));
            return null;
        });
    }

    private List<Long> idsByIndex(String index, Object... values) {
        return db.transaction(tx -> tx.indexRead("people", index, values)).stream()
                .map(r -> r.getLong("id")).sorted().toList();
    }

    private static String sqlState(Throwable e) {
        return ((MnemoException) e).sqlState();
    }

    @Test
    void createTableReturnsTheSchemaAndListsIt() {
        TableSchema s = db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).primaryKey("id"));
        assertThat(s.name()).isEqualTo("T");
        assertThat(db.tables()).extracting(TableSchema::name).containsExactly("T");
        assertThat(db.schema("t").tableId()).isEqualTo(s.tableId());
        assertThat(db.size("T")).isZero();
    }

    @Test
    void creatingAnExistingTableFailsUnlessIfNotExists() {
        createPeople();
        assertThatThrownBy(() -> db.createTable(TableDef.named("PEOPLE").column("x", ColumnType.INTEGER)
                .primaryKey("x")))
                .isInstanceOf(TableExistsException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42S01"));
        TableSchema kept = db.createTable(TableDef.named("people").column("x", ColumnType.INTEGER).primaryKey("x"),
                true);
        assertThat(kept.columns()).extracting(ColumnDef::name).containsExactly("ID", "NAME", "CITY");
        assertThat(db.size("people")).isEqualTo(5);
    }

    @Test
    void droppingATableRemovesItAndItsRows() {
        createPeople();
        db.dropTable("people");
        assertThatThrownBy(() -> db.schema("people")).isInstanceOf(UnknownTableException.class);
        assertThatThrownBy(() -> db.dirtyRead("people", 1L)).isInstanceOf(UnknownTableException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42S02"));
        assertThatThrownBy(() -> db.transaction(tx -> tx.read("people", 1L)))
                .isInstanceOf(UnknownTableException.class);
        db.createTable(TableDef.named("people").column("id", ColumnType.BIGINT).primaryKey("id"));
        assertThat(db.size("people")).as("a table made again under the name starts empty").isZero();
    }

    @Test
    void droppingAMissingTableFailsUnlessIfExists() {
        assertThatThrownBy(() -> db.dropTable("ghost")).isInstanceOf(UnknownTableException.class);
        db.dropTable("ghost", true);
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void everyOperationOnAnUnknownTableFailsWithUnknownTable() {
        assertThatThrownBy(() -> db.size("ghost")).isInstanceOf(UnknownTableException.class);
        assertThatThrownBy(() -> db.dirtyWrite("ghost", Row.of(1))).isInstanceOf(UnknownTableException.class);
        assertThatThrownBy(() -> db.dirtyDelete("ghost", 1)).isInstanceOf(UnknownTableException.class);
        assertThatThrownBy(() -> db.addColumn("ghost", ColumnDef.of("x", ColumnType.INTEGER)))
                .isInstanceOf(UnknownTableException.class);
        assertThatThrownBy(() -> db.createIndex("ghost", IndexDef.hash("ix", "x")))
                .isInstanceOf(UnknownTableException.class);
        assertThatThrownBy(() -> db.subscribe("ghost", e -> { })).isInstanceOf(UnknownTableException.class);
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("ghost", Row.of(1));
            return null;
        })).isInstanceOf(UnknownTableException.class);
    }

    @Test
    void aDiscTableNeedsADataDirectory() {
        assertThatThrownBy(() -> db.createTable(TableDef.named("d").column("id", ColumnType.INTEGER).primaryKey("id")
                .storage(Storage.DISC))).isInstanceOf(SchemaException.class).hasMessageContaining("data directory");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void anAddedColumnReadsAsItsDefaultInExistingRows() {
        createPeople();
        TableSchema s = db.addColumn("people", ColumnDef.of("score", ColumnType.INTEGER).notNull().withDefault(10));
        assertThat(s.version()).isEqualTo(2);
        assertThat(db.dirtyRead("people", 1L).getInt("score")).isEqualTo(10);
        assertThat(db.dirtyRead("people", 1L).values()).containsExactly(1L, "ann", "oslo", 10);
        db.addColumn("people", ColumnDef.of("note", ColumnType.varchar(5)));
        assertThat(db.dirtyRead("people", 2L).get("note")).isNull();
        db.transaction(tx -> {
            tx.write("people", Row.of(6L, "fay", "bonn", 99, "hi"));
            tx.write("people", tx.read("people", 2L).with("score", 20));
            return null;
        });
        assertThat(db.dirtyRead("people", 6L).values()).containsExactly(6L, "fay", "bonn", 99, "hi");
        assertThat(db.dirtyRead("people", 2L).values()).containsExactly(2L, "bob", "rome", 20, null);
        List<Row> all = db.transaction(tx -> tx.select("people", KeyRange.all()));
        assertThat(all).hasSize(6).allSatisfy(r -> assertThat(r.size()).isEqualTo(5));
    }

    @Test
    void addingAColumnThatExistsOrANotNullColumnWithoutDefaultFails() {
        createPeople();
        assertThatThrownBy(() -> db.addColumn("people", ColumnDef.of("NAME", ColumnType.INTEGER)))
                .isInstanceOf(ColumnExistsException.class);
        assertThatThrownBy(() -> db.addColumn("people", ColumnDef.of("x", ColumnType.INTEGER).notNull()))
                .isInstanceOf(SchemaException.class);
        assertThat(db.schema("people").version()).isEqualTo(1);
    }

    @Test
    void aDroppedColumnDisappearsFromRowsAndComesBackOnlyAsANewColumn() {
        createPeople();
        db.dropColumn("people", "city");
        assertThat(db.dirtyRead("people", 1L).values()).containsExactly(1L, "ann");
        assertThatThrownBy(() -> db.dirtyRead("people", 1L).get("city")).isInstanceOf(UnknownColumnException.class);
        db.dirtyWrite("people", Row.of(7L, "gus"));
        db.addColumn("people", ColumnDef.of("city", ColumnType.varchar(20)).withDefault("?"));
        assertThat(db.dirtyRead("people", 1L).getString("city")).as("the old values are gone").isEqualTo("?");
        assertThat(db.dirtyRead("people", 7L).getString("city")).isEqualTo("?");
    }

    @Test
    void droppingAKeyOrIndexedOrUnknownColumnFails() {
        createPeople();
        db.createIndex("people", IndexDef.hash("by_city", "city"));
        assertThatThrownBy(() -> db.dropColumn("people", "id")).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> db.dropColumn("people", "city")).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> db.dropColumn("people", "nope")).isInstanceOf(UnknownColumnException.class);
        assertThat(db.schema("people").columnCount()).isEqualTo(3);
    }

    @Test
    void anIndexCreatedOnExistingRowsFindsThem() {
        createPeople();
        db.createIndex("people", IndexDef.hash("by_city", "city"));
        db.createIndex("people", IndexDef.ordered("by_name", "name"));
        assertThat(idsByIndex("by_city", "oslo")).containsExactly(1L, 3L);
        assertThat(idsByIndex("by_city", (Object) null)).containsExactly(4L, 5L);
        List<Row> range = db.transaction(tx -> tx.indexRange("people", "by_name",
                KeyRange.all().from(true, "bob").to(false, "eve")));
        assertThat(range).extracting(r -> r.getString("name")).containsExactly("bob", "cid", "dan");
        db.dirtyWrite("people", Row.of(3L, "cid", "rome"));
        assertThat(idsByIndex("by_city", "oslo")).containsExactly(1L);
        assertThat(idsByIndex("by_city", "rome")).containsExactly(2L, 3L);
    }

    @Test
    void aUniqueIndexThatExistingRowsViolateIsNotCreated() {
        createPeople();
        assertThatThrownBy(() -> db.createIndex("people", IndexDef.hash("u_city", "city").unique()))
                .isInstanceOf(DuplicateKeyException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
        assertThatThrownBy(() -> db.createIndex("people", IndexDef.ordered("u_city2", "city").unique()))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(db.schema("people").indexes()).isEmpty();
        assertThat(db.schema("people").version()).isEqualTo(1);
        assertThatThrownBy(() -> db.transaction(tx -> tx.indexRead("people", "u_city", "oslo")))
                .isInstanceOf(UnknownIndexException.class);
        db.dirtyWrite("people", Row.of(8L, "hal", "oslo"));
        assertThat(db.size("people")).as("writes still work").isEqualTo(6);
    }

    @Test
    void aUniqueIndexAllowsManyNullsAndThenEnforcesItself() {
        createPeople();
        db.dirtyDelete("people", 3L);
        db.createIndex("people", IndexDef.hash("u_city", "city").unique());
        assertThat(idsByIndex("u_city", "oslo")).containsExactly(1L);
        assertThatThrownBy(() -> db.dirtyWrite("people", Row.of(9L, "ida", "rome")))
                .isInstanceOf(DuplicateKeyException.class);
        db.dirtyWrite("people", Row.of(9L, "ida", null));
        assertThat(idsByIndex("u_city", (Object) null)).containsExactly(4L, 5L, 9L);
    }

    @Test
    void aDroppedIndexCannotBeRead() {
        createPeople();
        db.createIndex("people", IndexDef.hash("by_city", "city"));
        TableSchema s = db.dropIndex("people", "BY_CITY");
        assertThat(s.indexes()).isEmpty();
        assertThatThrownBy(() -> db.transaction(tx -> tx.indexRead("people", "by_city", "oslo")))
                .isInstanceOf(UnknownIndexException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42S12"));
        db.dropColumn("people", "city");
        assertThat(db.schema("people").columnCount()).isEqualTo(2);
    }

    @Test
    void indexIfNotExistsAndIfExistsAreQuietNoOps() {
        createPeople();
        db.createIndex("people", IndexDef.hash("ix", "city"));
        assertThatThrownBy(() -> db.createIndex("people", IndexDef.ordered("ix", "name")))
                .isInstanceOf(IndexExistsException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42S11"));
        TableSchema s = db.createIndex("people", IndexDef.ordered("ix", "name"), true);
        assertThat(s.indexes()).singleElement().satisfies(ix -> {
            assertThat(ix.columns()).containsExactly("CITY");
            assertThat(ix.isOrdered()).isFalse();
        });
        db.dropIndex("people", "ix");
        assertThatThrownBy(() -> db.dropIndex("people", "ix")).isInstanceOf(UnknownIndexException.class);
        assertThat(db.dropIndex("people", "ix", true).indexes()).isEmpty();
    }

    @Test
    void aHashIndexAnswersOnlyEqualityOnAllItsColumns() {
        db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("a", ColumnType.INTEGER)
                .column("b", ColumnType.INTEGER).primaryKey("id").index(IndexDef.hash("ab", "a", "b")));
        db.dirtyWrite("t", Row.of(1, 10, 20));
        List<Row> both = db.transaction(tx -> tx.indexRead("t", "ab", 10, 20));
        assertThat(both).hasSize(1);
        List<Row> walkedBackwards = db.transaction(tx -> tx.indexRange("t", "ab",
                KeyRange.prefix(10, 20).descending()));
        assertThat(walkedBackwards).as("equality is equality in either direction").isEqualTo(both);
        assertThatThrownBy(() -> db.transaction(tx -> tx.indexRead("t", "ab", 10)))
                .isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> db.transaction(tx -> tx.indexRange("t", "ab", KeyRange.all().from(true, 5))))
                .isInstanceOf(SchemaException.class);
    }

    @Test
    void tableAndColumnNamesAreCaseInsensitive() {
        createPeople();
        assertThat(db.dirtyRead("PeOpLe", 1L).getString("NaMe")).isEqualTo("ann");
        db.createIndex("PEOPLE", IndexDef.hash("ByName", "NAME"));
        assertThat(idsByIndex("BYNAME", "bob")).containsExactly(2L);
    }
}

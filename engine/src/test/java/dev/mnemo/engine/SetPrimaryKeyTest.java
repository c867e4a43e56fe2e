package dev.mnemo.engine;

import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.RecordCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Re-keying a table on other columns: every row moves to its new key in one step of the log, the columns of the new
 * key become NOT NULL, a column of the old key may go with it, indexes point at the new keys, NULLs or repeated keys
 * fail the whole change with nothing changed, a write made under the old key and ordered after the change conflicts,
 * and the re-keyed rows survive a restart and a snapshot.
 */
class SetPrimaryKeyTest {
    private static TableDef log(Storage storage, TableKind kind) {
        return TableDef.named("log").column("rid", ColumnType.BIGINT).column("code", ColumnType.varchar(8))
                .column("n", ColumnType.INTEGER).primaryKey("rid").kind(kind).storage(storage)
                .index(IndexDef.hash("by_n", "n"));
    }

    private static void fill(Mnemo db) {
        db.dirtyWrite("log", Row.of(10L, "c", 3));
        db.dirtyWrite("log", Row.of(20L, "a", 1));
        db.dirtyWrite("log", Row.of(30L, "b", 1));
    }

    private static List<Row> byN(Mnemo db, int n) {
        return db.transaction(tx -> tx.indexRead("log", "by_n", n));
    }

    private static List<Row> inKeyOrder(Mnemo db) {
        return db.transaction(tx -> tx.select("log", KeyRange.all()));
    }

    private static String sqlState(Throwable e) {
        return ((MnemoException) e).sqlState();
    }

    @Test
    void everyRowMovesToItsNewKeyAndTheOldKeyColumnGoes() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.SET));
            fill(db);
            TableSchema s = db.setPrimaryKey("log", List.of("code"), "rid");
            assertThat(s.primaryKeyNames()).containsExactly("CODE");
            assertThat(s.hasColumn("rid")).isFalse();
            assertThat(s.column(s.position("code")).nullable()).isFalse();
            assertThat(db.size("log")).isEqualTo(3);
            assertThat(db.dirtyRead("log", "a").values()).containsExactly("a", 1);
            assertThat(db.dirtyRead("log", "c").values()).containsExactly("c", 3);
            assertThat(byN(db, 1)).extracting(r -> r.getString("code"))
                    .containsExactlyInAnyOrder("a", "b");
            assertThatThrownBy(() -> db.transaction(tx -> tx.insert("log", Row.of("a", 5)) ? null : "refused"))
                    .isInstanceOf(DuplicateKeyException.class);
            db.dirtyWrite("log", Row.of("d", 4));
            assertThat(db.dirtyRead("log", "d").values()).containsExactly("d", 4);
        }
    }

    @Test
    void withoutAColumnToDropTheOldKeyStaysAColumn() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.SET));
            fill(db);
            TableSchema s = db.setPrimaryKey("log", List.of("n", "code"), null);
            assertThat(s.primaryKeyNames()).containsExactly("N", "CODE");
            assertThat(db.dirtyRead("log", 1, "b").values()).containsExactly(30L, "b", 1);
        }
    }

    @Test
    void anOrderedSetWalksItsRowsInTheNewKeysOrder() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.ORDERED_SET));
            fill(db);
            db.setPrimaryKey("log", List.of("code"), "rid");
            assertThat(inKeyOrder(db)).extracting(r -> r.getString("code"))
                    .containsExactly("a", "b", "c");
            db.dirtyWrite("log", Row.of("ab", 9));
            assertThat(inKeyOrder(db)).extracting(r -> r.getString("code"))
                    .containsExactly("a", "ab", "b", "c");
        }
    }

    @Test
    void aNullInTheNewKeyFailsTheChangeAndChangesNothing() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.SET));
            fill(db);
            db.dirtyWrite("log", Row.of(40L, null, 2));
            int version = db.schema("log").version();
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("code"), "rid"))
                    .isInstanceOf(NotNullViolationException.class).hasMessageContaining("CODE")
                    .extracting(SetPrimaryKeyTest::sqlState).isEqualTo("23502");
            unchanged(db, version);
        }
    }

    @Test
    void aRepeatedKeyFailsTheChangeNamingItAndChangesNothing() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.ORDERED_SET));
            fill(db);
            db.dirtyWrite("log", Row.of(40L, "b", 2));
            int version = db.schema("log").version();
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("code"), "rid"))
                    .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("CODE=b")
                    .extracting(SetPrimaryKeyTest::sqlState).isEqualTo("23505");
            unchanged(db, version);
        }
    }

    private static void unchanged(Mnemo db, int version) {
        assertThat(db.schema("log").version()).isEqualTo(version);
        assertThat(db.schema("log").primaryKeyNames()).containsExactly("RID");
        assertThat(db.dirtyRead("log", 20L).values()).containsExactly(20L, "a", 1);
        assertThat(db.size("log")).isEqualTo(4);
        assertThat(byN(db, 1)).extracting(r -> r.getLong("rid"))
                .containsExactlyInAnyOrder(20L, 30L);
    }

    @Test
    void whatTheChangeCannotDoIsRefused() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.BAG));
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("code"), "rid"))
                    .isInstanceOf(UnsupportedChangeException.class).hasMessageContaining("bag");
            db.dropTable("log");
            db.createTable(log(Storage.RAM, TableKind.SET));
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("nope"), "rid"))
                    .isInstanceOf(UnknownColumnException.class);
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("code", "code"), "rid"))
                    .isInstanceOf(SchemaException.class).hasMessageContaining("twice");
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("code"), "n"))
                    .isInstanceOf(SchemaException.class).hasMessageContaining("old key");
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("rid", "code"), "rid"))
                    .isInstanceOf(SchemaException.class).hasMessageContaining("old key");
            assertThat(db.schema("log").version()).isEqualTo(1);
        }
    }

    @Test
    void aSecondChangeMadeAgainstTheKeyTheFirstReplacedIsRefusedAsAKeyChanged() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.SET));
            fill(db);
            db.setPrimaryKey("log", List.of("code"), "rid");
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("n", "code"), "rid"))
                    .isInstanceOfSatisfying(KeyChangedException.class, e -> {
                        assertThat(sqlState(e)).isEqualTo("42P16");
                        assertThat(e.getMessage()).contains("[CODE]");
                    });
            assertThat(db.schema("log").primaryKeyNames()).containsExactly("CODE");
        }
    }

    @Test
    void foreignKeysToTheTableStayChecked() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.SET).index(IndexDef.hash("by_code", "code").unique()));
            db.createTable(TableDef.named("child").column("id", ColumnType.INTEGER)
                    .column("code", ColumnType.varchar(8)).column("rid", ColumnType.BIGINT).primaryKey("id")
                    .foreignKey(ForeignKeyDef.of("to_code", List.of("code"), "log", List.of("code"),
                            ForeignKeyAction.NO_ACTION, ForeignKeyAction.NO_ACTION)));
            fill(db);
            db.dirtyWrite("child", Row.of(1, "a", null));
            db.setPrimaryKey("log", List.of("code"), "rid");
            assertThatThrownBy(() -> db.dirtyWrite("child", Row.of(2, "zz", null)))
                    .isInstanceOf(ForeignKeyViolationException.class);
            assertThatThrownBy(() -> db.dirtyDelete("log", "a")).isInstanceOf(ForeignKeyViolationException.class);
            db.dirtyDelete("log", "b");
            assertThat(db.size("log")).isEqualTo(2);
        }
    }

    @Test
    void aReferencedOldKeyColumnCannotGo() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.SET));
            db.createTable(TableDef.named("child").column("id", ColumnType.INTEGER).column("rid", ColumnType.BIGINT)
                    .primaryKey("id").foreignKey(ForeignKeyDef.of("to_log", List.of("rid"), "log", List.of(),
                            ForeignKeyAction.NO_ACTION, ForeignKeyAction.NO_ACTION)));
            fill(db);
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("code"), "rid"))
                    .isInstanceOf(StillReferencedException.class).hasMessageContaining("TO_LOG");
            assertThatThrownBy(() -> db.setPrimaryKey("log", List.of("code"), null))
                    .isInstanceOf(StillReferencedException.class).hasMessageContaining("TO_LOG");
            assertThat(db.schema("log").primaryKeyNames()).containsExactly("RID");
        }
    }

    @Test
    void aWriteMadeUnderTheOldKeyAndOrderedAfterTheChangeConflicts() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(log(Storage.RAM, TableKind.SET));
            ExplicitTransaction tx = db.begin();
            tx.insert("log", Row.of(50L, "e", 5));
            db.setPrimaryKey("log", List.of("code"), "rid");
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
            assertThat(db.size("log")).isZero();
            int[] runs = {0};
            db.transaction(t -> {
                if (runs[0]++ == 0) {
                    t.insert("log", Row.of("f", 6));
                    db.setPrimaryKey("log", List.of("n", "code"), null); // ordered between the run and its commit
                    return null;
                }
                t.insert("log", Row.of("f", 6));
                return null;
            });
            assertThat(runs[0]).isEqualTo(2);
            assertThat(db.dirtyRead("log", 6, "f").values()).containsExactly("f", 6);
        }
    }

    private static void rekey(Mnemo db) {
        fill(db);
        db.setPrimaryKey("log", List.of("code"), "rid");
        db.dirtyWrite("log", Row.of("d", 4));
    }

    private static void checkRekeyed(Mnemo db) {
        assertThat(db.schema("log").primaryKeyNames()).containsExactly("CODE");
        assertThat(db.schema("log").hasColumn("rid")).isFalse();
        assertThat(inKeyOrder(db)).extracting(r -> r.getString("code"))
                .containsExactly("a", "b", "c", "d");
        assertThat(byN(db, 1)).extracting(r -> r.getString("code"))
                .containsExactlyInAnyOrder("a", "b");
        assertThat(db.dirtyRead("log", "c").values()).containsExactly("c", 3);
    }

    @Test
    void reKeyedRowsSurviveARestartOfADiscTable(@TempDir Path dir) {
        RoundTrips.afterRestart(dir, db -> {
            db.createTable(log(Storage.DISC, TableKind.ORDERED_SET));
            rekey(db);
        }, SetPrimaryKeyTest::checkRekeyed);
    }

    @Test
    void reKeyedRowsTravelInASnapshot() throws IOException {
        RoundTrips.afterSnapshot(db -> {
            db.createTable(log(Storage.RAM, TableKind.ORDERED_SET));
            rekey(db);
        }, SetPrimaryKeyTest::checkRekeyed);
    }

    @Test
    void aKeyChangeCrossesTheWireIntact() {
        for (String dropped : new String[] {"RID", null}) {
            DdlOp op = DdlOp.setPrimaryKey("LOG", List.of("N", "CODE"), dropped);
            DdlOp back = RecordCodec.decode(RecordCodec.encode(CommitRecord.schemaChange(op))).ddl();
            assertThat(back).isEqualTo(op);
        }
    }
}

package dev.mnemo.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * UUID columns whose default is a new random UUID for each row: the member that makes the write draws it, a column
 * with it is added to an empty table only, and the catalog keeps the default through the journal, snapshots and
 * restarts.
 */
class RandomUuidDefaultTest {
    private static TableDef tokens() {
        return TableDef.named("tokens").column("id", ColumnType.UUID).notNull().randomUuidDefault()
                .column("n", ColumnType.INTEGER).column("other", ColumnType.UUID).primaryKey("id");
    }

    @Test
    void eachNewRowTakesItsOwnRandomUuid() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(tokens());
            Set<Object> ids = new HashSet<>();
            db.transaction(tx -> {
                for (int n = 0; n < 50; n++) {
                    Row row = tx.newRow("tokens").with("n", n);
                    ids.add(row.get("id"));
                    tx.insert("tokens", row);
                }
                return null;
            });
            assertThat(ids).hasSize(50).allSatisfy(id -> assertThat(((UUID) id).version()).isEqualTo(4));
            assertThat(db.size("tokens")).isEqualTo(50);
            assertThat(db.transaction(tx -> tx.newRow("tokens")).get("other")).isNull();
            assertThat(db.schema("tokens").column(0).randomUuidDefault()).isTrue();
            assertThat(db.schema("tokens").column(0).hasDefault()).isTrue();
            assertThat(db.schema("tokens").column(0).defaultValue()).isNull();
        }
    }

    @Test
    void aRowOfAnotherTableThatLacksTheColumnTakesANewUuidEachWrite() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(tokens());
            db.createTable(TableDef.named("source").column("n", ColumnType.INTEGER).primaryKey("n"));
            db.dirtyWrite("source", Row.of(1));
            db.dirtyWrite("source", Row.of(2));
            db.transaction(tx -> {
                tx.insert("tokens", tx.read("source", 1));
                tx.insert("tokens", tx.read("source", 2));
                return null;
            });
            Set<Object> ids = new HashSet<>();
            db.transaction(tx -> {
                tx.forEach("tokens", KeyRange.all(), r -> {
                    ids.add(r.get("id"));
                    return true;
                });
                return null;
            });
            assertThat(ids).hasSize(2).doesNotContainNull();
        }
    }

    @Test
    void onlyAUuidColumnTakesTheDefault() {
        assertThatThrownBy(() -> ColumnDef.of("n", ColumnType.varchar(36)).withRandomUuidDefault())
                .isInstanceOf(SchemaException.class).hasMessageContaining("DEFAULT RANDOM_UUID()");
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(tokens());
            assertThatThrownBy(() -> db.setColumnRandomUuidDefault("tokens", "n"))
                    .isInstanceOf(SchemaException.class);
            db.setColumnRandomUuidDefault("tokens", "other");
            // Dropping the default unasked would leave the rows written from then on NULL: the user drops it.
            assertThatThrownBy(() -> db.setColumnType("tokens", "other", ColumnType.varchar(36)))
                    .isInstanceOf(UnsupportedChangeException.class)
                    .hasMessageContaining("RANDOM_UUID()").hasMessageContaining("DROP DEFAULT");
            assertThat(db.schema("tokens").column(2).randomUuidDefault()).isTrue();
            db.dropColumnDefault("tokens", "other");
            assertThat(db.transaction(tx -> tx.newRow("tokens")).get("other")).isNull();
            db.setColumnType("tokens", "other", ColumnType.varchar(36));
            assertThat(db.schema("tokens").column(2).type()).isEqualTo(ColumnType.varchar(36));
        }
    }

    @Test
    void setAndDropTheDefaultOnAColumnThere() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(tokens());
            db.setColumnRandomUuidDefault("tokens", "other");
            Row a = db.transaction(tx -> tx.newRow("tokens"));
            Row b = db.transaction(tx -> tx.newRow("tokens"));
            assertThat(a.get("other")).isNotNull().isNotEqualTo(b.get("other"));
            db.setColumnDefault("tokens", "other", (Object) null);
            assertThat(db.transaction(tx -> tx.newRow("tokens")).get("other")).isNull();
        }
    }

    @Test
    void aColumnWithTheDefaultIsAddedToAnEmptyTableOnly() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("n", ColumnType.INTEGER).primaryKey("n"));
            db.dirtyWrite("t", Row.of(1));
            ColumnDef id = ColumnDef.of("id", ColumnType.UUID).notNull().withRandomUuidDefault();
            assertThatThrownBy(() -> db.addColumn("t", id)).isInstanceOf(UnsupportedChangeException.class)
                    .hasMessageContaining("has rows").hasMessageContaining("SET DEFAULT RANDOM_UUID()")
                    .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo("0A000"));
            assertThat(db.schema("t").columnCount()).isEqualTo(1);
            db.dirtyDelete("t", 1);
            db.addColumn("t", id);
            db.transaction(tx -> tx.insert("t", tx.newRow("t").with("n", 1)));
            db.transaction(tx -> tx.insert("t", tx.newRow("t").with("n", 2)));
            assertThat(db.dirtyRead("t", 1).get("id")).isNotNull().isNotEqualTo(db.dirtyRead("t", 2).get("id"));
        }
    }

    @Test
    void aWriteMadeBeforeTheColumnWasAddedRunsAgainRatherThanLeaveItNull() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("n", ColumnType.INTEGER).primaryKey("n"));
            ExplicitTransaction early = db.begin();
            early.write("t", Row.of(1));
            db.addColumn("t", ColumnDef.of("id", ColumnType.UUID).withRandomUuidDefault());
            assertThatThrownBy(early::commit).isInstanceOf(TransactionConflictException.class);
            assertThat(db.dirtyRead("t", 1)).isNull();
            db.transaction(tx -> tx.insert("t", tx.newRow("t").with("n", 1)));
            assertThat(db.dirtyRead("t", 1).get("id")).isInstanceOf(UUID.class);
        }
    }

    @Test
    void theCatalogKeepsTheDefaultAcrossARestartAndASnapshot(@TempDir Path dir) throws IOException {
        byte[] snapshot;
        try (Mnemo db = Mnemo.open(MnemoConfig.builder().dataDir(dir).build())) {
            db.createTable(tokens().storage(Storage.DISC));
            db.createTable(TableDef.named("late").column("n", ColumnType.INTEGER).primaryKey("n")
                    .storage(Storage.DISC));
            db.addColumn("late", ColumnDef.of("id", ColumnType.UUID).withRandomUuidDefault());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            db.snapshot(out);
            snapshot = out.toByteArray();
        }
        try (Mnemo db = Mnemo.open(MnemoConfig.builder().dataDir(dir).build());
             Mnemo copy = Mnemo.inMemory()) {
            copy.loadSnapshot(new ByteArrayInputStream(snapshot));
            for (Mnemo m : new Mnemo[] {db, copy}) {
                assertThat(m.schema("tokens").columns()).extracting(ColumnDef::randomUuidDefault)
                        .containsExactly(true, false, false);
                assertThat(m.schema("late").column(1).randomUuidDefault()).isTrue();
                Row a = m.transaction(tx -> tx.newRow("late"));
                Row b = m.transaction(tx -> tx.newRow("late"));
                assertThat(a.get("id")).isNotNull().isNotEqualTo(b.get("id"));
            }
        }
    }
}

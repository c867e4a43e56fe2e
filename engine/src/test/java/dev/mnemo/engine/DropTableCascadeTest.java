package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table dropped with the foreign keys of other tables that reference it (SQL's DROP TABLE ... CASCADE): one schema
 * change, one step of the log, so that no member ever holds the table without those foreign keys.
 */
class DropTableCascadeTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    /** dept; staff with a foreign key to dept and one to itself; desk with one to dept through an index of its own. */
    private static void deptStaffAndDesk(Mnemo on, Storage storage) {
        on.createTable(TableDef.named("dept").column("id", ColumnType.BIGINT).primaryKey("id").storage(storage));
        on.createTable(TableDef.named("staff").column("id", ColumnType.BIGINT).column("dept", ColumnType.BIGINT)
                .column("boss", ColumnType.BIGINT).primaryKey("id").storage(storage)
                .foreignKey(ForeignKeyDef.on("dept").references("dept").named("staff_dept"))
                .foreignKey(ForeignKeyDef.on("boss").references("staff").named("staff_boss")));
        on.createTable(TableDef.named("desk").column("id", ColumnType.BIGINT).column("dept", ColumnType.BIGINT)
                .primaryKey("id").storage(storage).index(IndexDef.hash("desk_by_dept", "dept"))
                .foreignKey(ForeignKeyDef.on("dept").references("dept").named("desk_dept")));
        on.transaction(tx -> {
            tx.insert("dept", Row.of(1L));
            tx.insert("staff", Row.of(10L, 1L, null));
            tx.insert("staff", Row.of(11L, 1L, 10L));
            return tx.insert("desk", Row.of(100L, 1L));
        });
    }

    /** What the drop leaves: the children, their rows and their other foreign keys, without those to dept. */
    private static void assertDeptDroppedWithItsReferences(Mnemo on) {
        assertThat(on.tables()).extracting(TableSchema::name).contains("STAFF", "DESK").doesNotContain("DEPT");
        assertThat(on.foreignKeys("staff")).extracting(ForeignKeyDef::name).containsExactly("STAFF_BOSS");
        assertThat(on.schema("staff").indexes()).as("the index made for STAFF_DEPT went with it")
                .extracting(IndexDef::name).containsExactly("STAFF_BOSS");
        assertThat(on.foreignKeys("desk")).isEmpty();
        assertThat(on.schema("desk").indexes()).as("the user's index stays").extracting(IndexDef::name)
                .containsExactly("DESK_BY_DEPT");
        assertThat(on.size("staff")).isEqualTo(2);
        assertThat(on.size("desk")).isEqualTo(1);
        on.dirtyWrite("staff", Row.of(12L, 99L, 10L));
        on.dirtyWrite("desk", Row.of(101L, 99L));
        assertThatThrownBy(() -> on.dirtyWrite("staff", Row.of(13L, 1L, 77L)))
                .isInstanceOf(ForeignKeyViolationException.class).hasMessageContaining("STAFF_BOSS");
    }

    @Test
    void theTableGoesWithTheForeignKeysThatReferenceItInOneStepOfTheLog() {
        deptStaffAndDesk(db, Storage.RAM);
        long version = db.version();
        db.dropTableCascade("dept", false);
        assertThat(db.version()).as("one schema change, one step").isEqualTo(version + 1);
        assertDeptDroppedWithItsReferences(db);
    }

    @Test
    void withoutCascadeTheDropStillRefusesAndIfExistsFindsNothingQuietly() {
        deptStaffAndDesk(db, Storage.RAM);
        assertThatThrownBy(() -> db.dropTable("dept")).isInstanceOf(StillReferencedException.class);
        assertThat(db.foreignKeys("desk")).hasSize(1);
        long version = db.version();
        db.dropTableCascade("nothing", true);
        assertThatThrownBy(() -> db.dropTableCascade("nothing", false)).isInstanceOf(UnknownTableException.class);
        assertThat(db.version()).isEqualTo(version + 1);
    }

    @Test
    void aTableThatOnlyReferencesItselfDropsAlone() {
        deptStaffAndDesk(db, Storage.RAM);
        db.dropTableCascade("desk", false);
        db.dropTableCascade("staff", false);
        assertThat(db.tables()).extracting(TableSchema::name).containsExactly("DEPT");
    }

    @Test
    void writesAlongsideApplyInTheSameStepButNotToATableTheDropChanges() {
        deptStaffAndDesk(db, Storage.RAM);
        db.createTable(TableDef.named("log").column("id", ColumnType.BIGINT).primaryKey("id"));
        long version = db.version();
        assertThatThrownBy(() -> db.dropTableCascade("dept", false, tx -> tx.write("desk", Row.of(102L, 1L))))
                .isInstanceOf(SchemaException.class).hasMessageContaining("DESK");
        assertThat(db.version()).isEqualTo(version);
        assertThat(db.foreignKeys("desk")).hasSize(1);
        db.dropTableCascade("dept", false, tx -> tx.write("log", Row.of(1L)));
        assertThat(db.version()).isEqualTo(version + 1);
        assertThat(db.size("log")).isEqualTo(1);
        assertDeptDroppedWithItsReferences(db);
    }

    @Test
    void theDropIsDurableOnDisc(@TempDir Path dir) {
        for (long checkpointBytes : new long[] {64L << 20, 4096}) {
            MnemoConfig config = MnemoConfig.builder().dataDir(dir.resolve("c" + checkpointBytes))
                    .checkpointJournalBytes(checkpointBytes).build();
            try (Mnemo disc = Mnemo.open(config)) {
                deptStaffAndDesk(disc, Storage.DISC);
                disc.dropTableCascade("dept", false);
            }
            try (Mnemo disc = Mnemo.open(config)) {
                assertDeptDroppedWithItsReferences(disc);
            }
        }
    }
}

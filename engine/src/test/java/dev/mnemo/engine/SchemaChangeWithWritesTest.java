package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Creating a table, dropping a column and renaming a column with writes to another table in the same step of the
 * log: both apply at one version, or, when the change fails, neither does.
 */
class SchemaChangeWithWritesTest {
    private static TableDef people() {
        return TableDef.named("people").column("id", ColumnType.INTEGER).column("name", ColumnType.varchar(10))
                .primaryKey("id");
    }

    private static Mnemo withNotes() {
        Mnemo db = Mnemo.inMemory();
        db.createTable(TableDef.named("notes").column("name", ColumnType.varchar(20))
                .column("text", ColumnType.varchar(20)).primaryKey("name"));
        return db;
    }

    @Test
    void aTableIsCreatedWithTheWritesOfItsStep() {
        try (Mnemo db = withNotes()) {
            long before = db.version();
            db.createTableWithWrites(people(), false, tx -> tx.write("notes", Row.of("PEOPLE", "made")));
            assertThat(db.version()).isEqualTo(before + 1);
            assertThat(db.dirtyRead("notes", "PEOPLE").get("text")).isEqualTo("made");
            assertThat(db.schema("people").name()).isEqualTo("PEOPLE");
        }
    }

    @Test
    void aCreationThatFailsMakesNoneOfItsWrites() {
        try (Mnemo db = withNotes()) {
            db.createTable(people());
            assertThatThrownBy(() -> db.createTableWithWrites(people(), false,
                    tx -> tx.write("notes", Row.of("PEOPLE", "again")))).isInstanceOf(TableExistsException.class);
            assertThat(db.dirtyRead("notes", "PEOPLE")).isNull();
        }
    }

    @Test
    void aColumnIsDroppedAndRenamedWithTheWritesOfItsStep() {
        try (Mnemo db = withNotes()) {
            db.createTable(people().column("age", ColumnType.INTEGER));
            long before = db.version();
            db.renameColumn("people", "name", "full_name", tx -> tx.write("notes", Row.of("renamed", "name")));
            db.dropColumn("people", "age", tx -> tx.write("notes", Row.of("dropped", "age")));
            assertThat(db.version()).isEqualTo(before + 2);
            assertThat(db.schema("people").hasColumn("FULL_NAME")).isTrue();
            assertThat(db.schema("people").hasColumn("AGE")).isFalse();
            assertThat(db.dirtyRead("notes", "renamed")).isNotNull();
            assertThat(db.dirtyRead("notes", "dropped")).isNotNull();
        }
    }

    @Test
    void aColumnChangeThatFailsMakesNoneOfItsWrites() {
        try (Mnemo db = withNotes()) {
            db.createTable(people());
            assertThatThrownBy(() -> db.renameColumn("people", "name", "id",
                    tx -> tx.write("notes", Row.of("renamed", "x")))).isInstanceOf(ColumnExistsException.class);
            assertThatThrownBy(() -> db.dropColumn("people", "nope",
                    tx -> tx.write("notes", Row.of("dropped", "x")))).isInstanceOf(MnemoException.class);
            assertThat(db.dirtyRead("notes", "renamed")).isNull();
            assertThat(db.dirtyRead("notes", "dropped")).isNull();
        }
    }
}

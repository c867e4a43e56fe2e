package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Creating a table, dropping a column and renaming a column with writes to another table in the same step of the
 * log: both apply at one version, or, when the change fails, neither does. The writes are held to the foreign
 * keys as a transaction's are, with their cascades: a write that breaks one fails the whole step.
 */
class SchemaChangeWithWritesTest {
    private static TableDef people() {
        return TableDef.named("people").column("id", ColumnType.INTEGER).column("name", ColumnType.varchar(10))
                .primaryKey("id");
    }

    /** A database with a table {@code notes} (name, text) for a schema change's writes. */
    static Mnemo withNotes() {
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
    /** Customers and their orders, the orders' foreign key acting {@code onDelete}; customer 1 has order 10. */
    private static Mnemo withCustomersAndOrders(ForeignKeyAction onDelete) {
        Mnemo db = withNotes();
        db.createTable(TableDef.named("customer").column("id", ColumnType.BIGINT).primaryKey("id"));
        db.createTable(TableDef.named("orders").column("id", ColumnType.BIGINT).column("customer_id", ColumnType.BIGINT)
                .column("note", ColumnType.varchar(10)).primaryKey("id")
                .foreignKey(ForeignKeyDef.on("customer_id").references("customer").onDelete(onDelete)));
        db.transaction(tx -> {
            tx.insert("customer", Row.of(1L));
            tx.insert("orders", Row.of(10L, 1L, "a"));
            return null;
        });
        return db;
    }

    private static boolean hasTable(Mnemo db, String name) {
        return db.tables().stream().anyMatch(t -> t.name().equals(name));
    }

    /** The step of each schema change that can carry writes, on tables other than the orders and customers. */
    private static List<Consumer<Consumer<Transaction>>> steps(Mnemo db) {
        db.createTable(people().column("age", ColumnType.INTEGER));
        return List.of(
                w -> db.createTableWithWrites(TableDef.named("made").column("id", ColumnType.INTEGER).primaryKey("id"),
                        false, w),
                w -> db.dropColumn("people", "age", w),
                w -> db.renameColumn("people", "name", "full_name", w),
                w -> db.renameTable("people", "persons", w),
                w -> db.dropTable("people", false, w));
    }

    @Test
    void aChildWrittenWithASchemaChangeWithoutItsParentFailsTheWholeStepAsATransactionWould() {
        try (Mnemo db = withCustomersAndOrders(ForeignKeyAction.NO_ACTION)) {
            Consumer<Transaction> orphan = tx -> tx.insert("orders", Row.of(11L, 99L, "x"));
            Throwable plain = catchThrowable(() -> db.transaction(tx -> {
                orphan.accept(tx);
                return null;
            }));
            assertThat(plain).isInstanceOf(ForeignKeyViolationException.class);
            for (Consumer<Consumer<Transaction>> step : steps(db)) {
                long before = db.version();
                List<TableSchema> tables = db.tables();
                assertThatThrownBy(() -> step.accept(orphan)).isInstanceOf(ForeignKeyViolationException.class)
                        .hasMessage(plain.getMessage())
                        .extracting(e -> ((MnemoException) e).sqlState())
                        .isEqualTo(((MnemoException) plain).sqlState());
                assertThat(db.version()).as("nothing applied").isEqualTo(before);
                assertThat(db.tables()).as("the schema change was refused with its writes").isEqualTo(tables);
                assertThat(db.dirtyRead("orders", 11L)).isNull();
            }
        }
    }

    @Test
    void aParentDeletedWithASchemaChangeRunsItsForeignKeysActions() {
        try (Mnemo db = withCustomersAndOrders(ForeignKeyAction.NO_ACTION)) {
            assertThatThrownBy(() -> db.createTableWithWrites(people(), false, tx -> tx.delete("customer", 1L)))
                    .isInstanceOf(ForeignKeyViolationException.class);
            assertThat(hasTable(db, "PEOPLE")).isFalse();
            assertThat(db.dirtyRead("customer", 1L)).isNotNull();
        }
        try (Mnemo db = withCustomersAndOrders(ForeignKeyAction.CASCADE)) {
            db.createTableWithWrites(people(), false, tx -> tx.delete("customer", 1L));
            assertThat(hasTable(db, "PEOPLE")).isTrue();
            assertThat(db.dirtyRead("customer", 1L)).isNull();
            assertThat(db.dirtyRead("orders", 10L)).as("deleted by the cascade").isNull();
        }
    }

    @Test
    void aCascadeIntoTheTableTheStepChangesFailsTheStep() {
        try (Mnemo db = withCustomersAndOrders(ForeignKeyAction.CASCADE)) {
            assertThatThrownBy(() -> db.dropColumn("orders", "note", tx -> tx.delete("customer", 1L)))
                    .isInstanceOf(SchemaException.class).hasMessageContaining("ORDERS");
            assertThat(db.schema("orders").hasColumn("NOTE")).isTrue();
            assertThat(db.dirtyRead("customer", 1L)).isNotNull();
            assertThat(db.dirtyRead("orders", 10L)).isNotNull();
        }
    }

    @Test
    void aChildWrittenWithItsParentInTheStepOfASchemaChangeIsKept() {
        try (Mnemo db = withCustomersAndOrders(ForeignKeyAction.NO_ACTION)) {
            db.createTableWithWrites(people(), false, tx -> {
                tx.insert("orders", Row.of(20L, 2L, "b"));
                tx.insert("customer", Row.of(2L));
            });
            assertThat(db.dirtyRead("orders", 20L).getLong("customer_id")).isEqualTo(2L);
        }
    }
}

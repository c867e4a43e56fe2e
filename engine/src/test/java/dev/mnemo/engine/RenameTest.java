package dev.mnemo.engine;

import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.RecordCodec;
import dev.mnemo.engine.txn.WriteOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renaming a table or a column: rows, key and indexes follow the new name, a name already taken is refused with
 * nothing changed, and the new names survive the journal, a restart and a snapshot.
 */
class RenameTest {
    private static TableDef people(Storage storage) {
        return TableDef.named("people").column("id", ColumnType.INTEGER).column("name", ColumnType.varchar(10))
                .primaryKey("id").storage(storage).index(IndexDef.ordered("by_name", "name"));
    }

    private static void renameAll(Mnemo db) {
        db.dirtyWrite("people", Row.of(1, "ann"));
        db.renameTable("people", "persons");
        db.renameColumn("persons", "name", "full_name");
        db.renameColumn("persons", "id", "person_id");
        db.dirtyWrite("persons", Row.of(2, "bob"));
    }

    private static void checkRenamed(Mnemo db) {
        assertThat(db.tables()).extracting(TableSchema::name).containsExactly("PERSONS");
        TableSchema s = db.schema("persons");
        assertThat(s.columns()).extracting(ColumnDef::name).containsExactly("PERSON_ID", "FULL_NAME");
        assertThat(s.primaryKeyNames()).containsExactly("PERSON_ID");
        assertThat(s.indexes().get(0).columns()).containsExactly("FULL_NAME");
        assertThat(db.dirtyRead("persons", 1).get("full_name")).isEqualTo("ann");
        List<Row> bob = db.transaction(tx -> tx.indexRead("persons", "by_name", "bob"));
        assertThat(bob).extracting(r -> r.getInt("person_id")).containsExactly(2);
        assertThatThrownBy(() -> db.schema("people")).isInstanceOf(UnknownTableException.class);
    }

    @Test
    void rowsKeyAndIndexesFollowTheNewNames() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            renameAll(db);
            checkRenamed(db);
        }
    }

    @Test
    void aSpellingUsedBeforeANameMovedFindsWhatTheNameNamesNow() throws Exception {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            // Readers keep looking the table up by its lower-case spelling while its name is dropped, made again and
            // moved: whatever they find must be a table of that name at some moment, and never a closed one.
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    try {
                        Row r = db.dirtyRead("people", 1);
                        if (r != null && !r.getString("name").startsWith("gen")) {
                            failed.set(new AssertionError("read " + r));
                        }
                    } catch (UnknownTableException expected) {
                        // Between a drop and the next creation.
                    } catch (RuntimeException e) {
                        failed.compareAndSet(null, e);
                    }
                }
            });
            reader.start();
            for (int gen = 0; gen < 200; gen++) {
                db.dirtyWrite("people", Row.of(1, "gen" + gen));
                if (gen % 2 == 0) {
                    db.dropTable("PEOPLE", false);
                } else {
                    db.renameTable("people", "elsewhere" + gen);
                }
                db.createTable(people(Storage.RAM));
                assertThat(db.dirtyRead("people", 1)).isNull();
            }
            done.set(true);
            reader.join();
            assertThat(failed.get()).isNull();
            db.dirtyWrite("people", Row.of(1, "last"));
            assertThat(db.dirtyRead("people", 1).getString("name")).isEqualTo("last");
            assertThat(db.dirtyRead("Elsewhere199", 1).getString("name")).isEqualTo("gen199");
            assertThat(db.tables()).hasSize(101);
        }
    }

    @Test
    void aNameAlreadyTakenIsRefusedAndChangesNothing() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            db.createTable(TableDef.named("other").column("id", ColumnType.INTEGER).primaryKey("id"));
            assertThatThrownBy(() -> db.renameTable("people", "OTHER")).isInstanceOf(TableExistsException.class)
                    .extracting(e -> ((MnemoException) e).sqlState()).isEqualTo("42S01");
            assertThatThrownBy(() -> db.renameColumn("people", "name", "id"))
                    .isInstanceOf(ColumnExistsException.class)
                    .extracting(e -> ((MnemoException) e).sqlState()).isEqualTo("42S21");
            assertThatThrownBy(() -> db.renameColumn("people", "nope", "x"))
                    .isInstanceOf(UnknownColumnException.class);
            assertThat(db.schema("people").version()).isEqualTo(1);
            assertThat(db.schema("other").version()).isEqualTo(1);
        }
    }

    @Test
    void aSubscriptionFollowsTheNameItWasMadeWith() throws Exception {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            List<ChangeEvent> old = new CopyOnWriteArrayList<>();
            List<ChangeEvent> all = new CopyOnWriteArrayList<>();
            db.subscribe("people", old::add);
            db.subscribe(null, all::add);
            db.dirtyWrite("people", Row.of(1, "ann"));
            db.renameTable("people", "persons");
            db.dirtyWrite("persons", Row.of(2, "bob"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while ((all.size() < 2 || old.isEmpty()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(all).extracting(ChangeEvent::table).containsExactly("PEOPLE", "PERSONS");
            assertThat(old).extracting(ChangeEvent::table).containsExactly("PEOPLE");
        }
    }

    private static TableDef notes(Storage storage) {
        return TableDef.named("notes").column("name", ColumnType.varchar(20)).column("owner", ColumnType.varchar(20))
                .primaryKey("name").storage(storage);
    }

    @Test
    void aRenameCarriesWritesToOtherTablesInTheSameStep() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            db.createTable(notes(Storage.RAM));
            db.dirtyWrite("notes", Row.of("n1", "PEOPLE"));
            long before = db.version();
            db.renameTable("people", "persons", tx -> {
                Row n = tx.read("notes", "n1");
                tx.write("notes", n.with("owner", "PERSONS"));
            });
            assertThat(db.version()).isEqualTo(before + 1);
            assertThat(db.dirtyRead("notes", "n1").get("owner")).isEqualTo("PERSONS");
            assertThat(db.schema("persons").name()).isEqualTo("PERSONS");
        }
    }

    @Test
    void aRenameThatFailsMakesNoneOfItsWrites() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(people(Storage.RAM));
            db.createTable(notes(Storage.RAM));
            assertThatThrownBy(() -> db.renameTable("people", "notes", tx -> tx.write("notes", Row.of("n2", "x"))))
                    .isInstanceOf(TableExistsException.class);
            assertThat(db.dirtyRead("notes", "n2")).isNull();
            assertThatThrownBy(() -> db.renameTable("people", "persons", tx -> tx.write("people", Row.of(1, "a"))))
                    .isInstanceOf(SchemaException.class);
            assertThat(db.schema("people").version()).isEqualTo(1);
            assertThat(db.size("people")).isZero();
        }
    }

    @Test
    void aRenameWithWritesIsReplayedAfterARestart(@TempDir Path dir) {
        RoundTrips.afterRestart(dir, db -> {
            db.createTable(people(Storage.DISC));
            db.createTable(notes(Storage.DISC));
            db.renameTable("people", "persons", tx -> tx.write("notes", Row.of("n1", "PERSONS")));
        }, db -> {
            assertThat(db.dirtyRead("notes", "n1").get("owner")).isEqualTo("PERSONS");
            assertThat(db.tables()).extracting(TableSchema::name).containsExactly("PERSONS", "NOTES");
        });
    }

    @Test
    void aRenameWithWritesCrossesTheWireIntact() {
        DdlOp op = DdlOp.rename("T", null, "U");
        CommitRecord record = CommitRecord.schemaChange(List.of(), List.of(new WriteOp(3, WriteOp.Type.PUT,
                new byte[] {1, 2}, 1, new byte[] {3})), op);
        CommitRecord back = RecordCodec.decode(RecordCodec.encode(record));
        assertThat(back.ddl()).isEqualTo(op);
        assertThat(back.writes()).hasSize(1);
        assertThat(back.writes().get(0).key()).containsExactly(1, 2);
        assertThat(back.writes().get(0).row()).containsExactly(3);
    }

    @Test
    void renamesCrossTheWireIntact() {
        for (DdlOp op : List.of(DdlOp.rename("T", null, "U"), DdlOp.rename("T", "A", "B"))) {
            assertThat(RecordCodec.decode(RecordCodec.encode(CommitRecord.schemaChange(op))).ddl()).isEqualTo(op);
        }
    }

    @Test
    void renamesSurviveARestartOfADiscTable(@TempDir Path dir) {
        RoundTrips.afterRestart(dir, db -> {
            db.createTable(people(Storage.DISC));
            renameAll(db);
        }, RenameTest::checkRenamed);
    }

    @Test
    void renamesTravelInASnapshot() throws IOException {
        RoundTrips.afterSnapshot(db -> {
            db.createTable(people(Storage.RAM));
            renameAll(db);
        }, RenameTest::checkRenamed);
    }
}

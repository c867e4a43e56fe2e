package dev.mnemo.engine;

import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;
import dev.mnemo.engine.codec.SchemaCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table's check mark, set by a layer above in one step with that layer's writes, is a schema version of its own:
 * a row stored under an older version conflicts, every later version keeps the mark, and disc tables and older
 * encodings keep what they knew.
 */
class CheckMarkTest {
    private static TableDef items() {
        return TableDef.named("items").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                .primaryKey("id");
    }

    @Test
    void aTableStartsWithTheMarkItIsCreatedWithAndAChangeBumpsItsVersion() {
        try (Mnemo db = SchemaChangeWithWritesTest.withNotes()) {
            db.createTable(items());
            db.createTable(TableDef.named("marked").column("id", ColumnType.INTEGER).primaryKey("id").checks("m"));
            assertThat(db.schema("items").checks()).isEqualTo(CheckMark.NONE);
            assertThat(db.schema("marked").checks().value()).isEqualTo("m");
            long before = db.version();
            TableSchema now = db.setChecks("items", tx -> {
                tx.write("notes", Row.of("ITEMS", "checked"));
                return "positive";
            });
            assertThat(db.version()).isEqualTo(before + 1);
            assertThat(now.checks()).isEqualTo(new CheckMark("positive", now.version()));
            assertThat(db.dirtyRead("notes", "ITEMS").get("text")).isEqualTo("checked");
            db.createIndex("items", IndexDef.ordered("by_v", "v"));
            db.renameTable("items", "goods");
            assertThat(db.schema("goods").checks()).isEqualTo(now.checks());
            assertThat(db.setChecks("goods", tx -> null)).isSameAs(db.schema("goods"));
        }
    }

    @Test
    void aRowStoredUnderAVersionBeforeTheMarkChangedConflictsAndARemovalDoesNot() {
        try (Mnemo db = SchemaChangeWithWritesTest.withNotes()) {
            db.createTable(items());
            db.transaction(tx -> {
                tx.write("items", Row.of(1, 1));
                return null;
            });
            ExplicitTransaction stale = db.begin();
            stale.write("items", Row.of(2, -2));
            ExplicitTransaction removal = db.begin();
            removal.delete("items", 1);
            db.setChecks("items", tx -> "positive");
            assertThatThrownBy(stale::commit).isInstanceOf(TransactionConflictException.class);
            removal.commit();
            db.transaction(tx -> {
                tx.write("items", Row.of(3, 3));
                return null;
            });
            assertThat(db.dirtyRead("items", 2)).isNull();
            assertThat(db.dirtyRead("items", 1)).isNull();
            assertThat(db.dirtyRead("items", 3)).isNotNull();
        }
    }

    @Test
    void aWriteCommittedAfterTheFunctionReadMakesItRunAgain() {
        try (Mnemo db = SchemaChangeWithWritesTest.withNotes()) {
            db.createTable(items());
            int[] runs = {0};
            db.setChecks("items", tx -> {
                tx.readLockTable("items");
                if (runs[0]++ == 0) {
                    db.transaction(other -> {
                        other.write("items", Row.of(1, -1));
                        return null;
                    });
                }
                return "seen " + db.size("items");
            });
            assertThat(runs[0]).isEqualTo(2);
            assertThat(db.schema("items").checks().value()).isEqualTo("seen 1");
        }
    }

    @Test
    void theValidatorIsToldOfEachNewVersionOfATableWithChecksAsItApplies() {
        try (Mnemo db = SchemaChangeWithWritesTest.withNotes()) {
            db.createTable(items());
            List<Integer> told = new ArrayList<>();
            db.validateActions(new ActionValidator() {
                @Override
                public void validate(TableSchema table, Object[] row) {
                }

                @Override
                public void prepare(TableSchema table) {
                    told.add(table.version());
                }
            });
            db.createIndex("items", IndexDef.ordered("by_v", "v"));
            int marked = db.setChecks("items", tx -> "positive").version();
            int renamed = db.renameTable("items", "goods").version();
            db.setChecks("goods", tx -> "");
            db.dropTable("goods");
            assertThat(told).containsExactly(marked, renamed);
        }
    }

    @Test
    void aSchemaRecordedBeforeSchemasHeldAMarkReadsWithoutOne() {
        TableSchema old = TableSchema.restore(4, "OLD", TableKind.SET, Storage.RAM, 3,
                List.of(ColumnDef.of("ID", ColumnType.INTEGER).notNull()), new int[] {1}, 2, List.of("ID"), List.of(),
                List.of(), null);
        for (TableSchema s : List.of(old, old.withChecks("c"))) {
            ByteSink out = new ByteSink(64);
            SchemaCodec.encodeSchema(s, out);
            TableSchema back = SchemaCodec.decodeSchema(new Bytes.Reader(out.toByteArray()));
            assertThat(back.checks()).isEqualTo(s.checks());
            assertThat(back.version()).isEqualTo(s.version());
        }
        assertThat(old.withChecks("c").checks()).isEqualTo(new CheckMark("c", 4));
        assertThat(old.withName("NEW").checks()).isNull();
    }

    @Test
    void aDiscTableKeepsItsMarkAcrossARestart(@TempDir Path dir) {
        MnemoConfig config = MnemoConfig.builder().dataDir(dir).build();
        int version;
        try (Mnemo db = Mnemo.open(config)) {
            db.createTable(items().storage(Storage.DISC));
            version = db.setChecks("items", tx -> "positive").version();
        }
        try (Mnemo db = Mnemo.open(config)) {
            assertThat(db.schema("items").checks()).isEqualTo(new CheckMark("positive", version));
        }
    }
}

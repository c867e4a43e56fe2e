package dev.mnemo.engine;

import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;
import dev.mnemo.engine.codec.SchemaCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Columns whose default is the next value of a sequence: the engine keeps the sequence's name (the SQL layer draws
 * the values), carries it through changes of the column, the schema codec, snapshots and restarts, and adds such a
 * column to an empty table only.
 */
class SequenceDefaultTest {
    @Test
    void theDefaultNamesItsSequenceAndFollowsTheColumnThroughItsChanges() {
        ColumnDef c = ColumnDef.of("id", ColumnType.BIGINT).withSequenceDefault("Seq");
        assertThat(c.sequenceDefault()).as("kept as given: a quoted name keeps its case").isEqualTo("Seq");
        assertThat(c.hasDefault()).isTrue();
        assertThat(c.drawnAtWrite()).as("the engine does not draw it").isFalse();
        assertThat(c.defaultValue()).isNull();
        assertThat(c).hasToString("ID BIGINT DEFAULT NEXT VALUE FOR Seq");
        assertThat(c.notNull().withName("n").withNullable(true).withType(ColumnType.INTEGER).sequenceDefault())
                .isEqualTo("Seq");
        assertThat(ColumnDef.of("x", ColumnType.INTEGER).withDefaultOf(c).sequenceDefault()).isEqualTo("Seq");
        assertThat(c.withoutDefault().sequenceDefault()).isNull();
        assertThat(c.withDefault(5L).sequenceDefault()).isNull();
        assertThatThrownBy(() -> ColumnDef.of("id", ColumnType.BIGINT).withSequenceDefault(" "))
                .isInstanceOf(SchemaException.class);
    }

    @Test
    void theSchemaCodecWritesTheSequenceAfterItsOwnTagAndReadsItBack() {
        ByteSink out = new ByteSink(32);
        SchemaCodec.encodeColumn(ColumnDef.of("ID", ColumnType.INTEGER).notNull().withSequenceDefault("S"), out);
        ByteSink expected = new ByteSink(32);
        expected.putString("ID").put(ColumnType.Kind.INTEGER.ordinal()).putVarint(0).putVarint(0).put(0)
                .put(4).putString("S").put(0);
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        ColumnDef back = SchemaCodec.decodeColumn(new Bytes.Reader(out.toByteArray()));
        assertThat(back.sequenceDefault()).isEqualTo("S");
        assertThat(back.nullable()).isFalse();
        assertThat(back.defaultValue()).isNull();
    }

    @Test
    void aColumnWithTheDefaultIsAddedToAnEmptyTableOnlyAndTheErrorSaysWhatToDo() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("n", ColumnType.INTEGER).primaryKey("n"));
            db.dirtyWrite("t", Row.of(1));
            ColumnDef id = ColumnDef.of("id", ColumnType.BIGINT).notNull().withSequenceDefault("S");
            assertThatThrownBy(() -> db.addColumn("t", id)).isInstanceOf(UnsupportedChangeException.class)
                    .hasMessageContaining("has rows")
                    .hasMessageContaining("UPDATE ... SET ID = NEXT VALUE FOR S")
                    .hasMessageContaining("ALTER COLUMN ID SET DEFAULT NEXT VALUE FOR S")
                    .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo("0A000"));
            assertThat(db.schema("t").columnCount()).isEqualTo(1);
            db.dirtyDelete("t", 1);
            db.addColumn("t", id);
            assertThat(db.schema("t").column(1).sequenceDefault()).isEqualTo("S");
        }
    }

    @Test
    void aWriteMadeBeforeTheColumnWasAddedRunsAgainRatherThanLeaveItNull() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("n", ColumnType.INTEGER).primaryKey("n"));
            ExplicitTransaction early = db.begin();
            early.write("t", Row.of(1));
            db.addColumn("t", ColumnDef.of("id", ColumnType.BIGINT).withSequenceDefault("S"));
            assertThatThrownBy(early::commit).isInstanceOf(TransactionConflictException.class);
            assertThat(db.dirtyRead("t", 1)).isNull();
        }
    }

    @Test
    void setAndDropTheDefaultOnAColumnThere() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("n", ColumnType.INTEGER).column("id", ColumnType.BIGINT)
                    .primaryKey("n"));
            db.setColumnSequenceDefault("t", "id", "S");
            assertThat(db.schema("t").column(1).sequenceDefault()).isEqualTo("S");
            db.dropColumnDefault("t", "id");
            assertThat(db.schema("t").column(1).hasDefault()).isFalse();
        }
    }

    @Test
    void theCatalogKeepsTheDefaultAcrossARestartAndASnapshot(@TempDir Path dir) throws IOException {
        byte[] snapshot;
        try (Mnemo db = Mnemo.open(MnemoConfig.builder().dataDir(dir).build())) {
            db.createTable(TableDef.named("t").column(ColumnDef.of("id", ColumnType.BIGINT).notNull()
                    .withSequenceDefault("S")).column("n", ColumnType.INTEGER).primaryKey("id")
                    .storage(Storage.DISC));
            db.setColumnSequenceDefault("t", "n", "Other");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            db.snapshot(out);
            snapshot = out.toByteArray();
        }
        try (Mnemo db = Mnemo.open(MnemoConfig.builder().dataDir(dir).build());
             Mnemo copy = Mnemo.inMemory()) {
            copy.loadSnapshot(new ByteArrayInputStream(snapshot));
            for (Mnemo m : new Mnemo[] {db, copy}) {
                assertThat(m.schema("t").columns()).extracting(ColumnDef::sequenceDefault)
                        .containsExactly("S", "Other");
            }
        }
    }
}

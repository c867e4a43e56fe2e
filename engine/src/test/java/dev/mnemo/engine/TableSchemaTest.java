package dev.mnemo.engine;

import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;
import dev.mnemo.engine.codec.SchemaCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TableSchema: versions made by create and alter, stable column ids, and every definition error. */
class TableSchemaTest {

    private static TableDef account() {
        return TableDef.named("account")
                .column("id", ColumnType.BIGINT)
                .column("owner", ColumnType.varchar(20))
                .column("balance", ColumnType.BIGINT).notNull().defaultValue(0)
                .primaryKey("id")
                .index(IndexDef.hash("by_owner", "owner"));
    }

    @Test
    void createMakesVersionOneWithColumnIdsInDeclarationOrder() {
        TableSchema s = TableSchema.create(7, account());
        assertThat(s.tableId()).isEqualTo(7);
        assertThat(s.name()).isEqualTo("ACCOUNT");
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.columnCount()).isEqualTo(3);
        assertThat(new int[] {s.columnId(0), s.columnId(1), s.columnId(2)}).containsExactly(1, 2, 3);
        assertThat(s.nextColumnId()).isEqualTo(4);
        assertThat(s.primaryKeyNames()).containsExactly("ID");
        assertThat(s.keyPositions()).containsExactly(0);
        assertThat(s.indexes()).extracting(IndexDef::name).containsExactly("BY_OWNER");
        assertThat(s.kind()).isEqualTo(TableKind.SET);
        assertThat(s.storage()).isEqualTo(Storage.RAM);
    }

    @Test
    void namesAreCaseInsensitive() {
        TableSchema s = TableSchema.create(1, account());
        assertThat(s.position("Balance")).isEqualTo(2);
        assertThat(s.hasColumn("OWNER")).isTrue();
        assertThat(s.findIndex("By_Owner")).isZero();
    }

    @Test
    void primaryKeyColumnsAreNotNullEvenWhenDeclaredNullable() {
        TableSchema s = TableSchema.create(1, account());
        assertThat(s.column(0).nullable()).isFalse();
        assertThat(s.column(1).nullable()).isTrue();
    }

    @Test
    void aStoredSchemaWithANullableKeyColumnIsRejected() {
        assertThatThrownBy(() -> TableSchema.restore(1, "T", TableKind.SET, Storage.RAM, 1,
                List.of(ColumnDef.of("id", ColumnType.BIGINT)), new int[] {1}, 2, List.of("ID"), List.of()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("NOT NULL");
    }

    @Test
    void defaultsAreCoercedToTheColumnType() {
        TableSchema s = TableSchema.create(1, account());
        assertThat(s.column(2).defaultValue()).isEqualTo(0L);
        assertThatThrownBy(() -> TableSchema.create(1, TableDef.named("t").column("id", ColumnType.BIGINT)
                .column("n", ColumnType.INTEGER).defaultValue("zero").primaryKey("id")))
                .isInstanceOf(TypeMismatchException.class);
        assertThatThrownBy(() -> TableSchema.create(1, TableDef.named("t").column("id", ColumnType.BIGINT)
                .column("n", ColumnType.varchar(2)).defaultValue("abc").primaryKey("id")))
                .isInstanceOf(ValueTooLargeException.class);
    }

    @Test
    void anAddedColumnsDefaultIsCoercedAsACreatedOnesIs() {
        TableSchema s = TableSchema.create(1, account());
        TableSchema added = s.withColumnAdded(ColumnDef.of("tier", ColumnType.INTEGER)
                .withDefault(new java.math.BigDecimal("5")));
        assertThat(added.column(3).defaultValue()).isEqualTo(5);
        assertThatThrownBy(() -> s.withColumnAdded(ColumnDef.of("code", ColumnType.varchar(3)).withDefault("toolong")))
                .isInstanceOf(ValueTooLargeException.class);
        assertThatThrownBy(() -> s.withColumnAdded(ColumnDef.of("n", ColumnType.INTEGER).withDefault("five")))
                .isInstanceOf(TypeMismatchException.class);
    }

    @Test
    void aTableAlteredAsOftenAsItsRowsCanRecordRefusesTheNextAlteration() {
        TableSchema v1 = TableSchema.create(1, account());
        TableSchema last = TableSchema.restore(1, v1.name(), v1.kind(), v1.storage(), TableSchema.VERSION_MAX,
                v1.columns(), new int[] {1, 2, 3}, 4, v1.primaryKeyNames(), v1.indexes());
        TableSchema before = TableSchema.restore(1, v1.name(), v1.kind(), v1.storage(), TableSchema.VERSION_MAX - 1,
                v1.columns(), new int[] {1, 2, 3}, 4, v1.primaryKeyNames(), v1.indexes());
        assertThat(before.withoutIndex("by_owner").version()).isEqualTo(TableSchema.VERSION_MAX);
        assertThatThrownBy(() -> last.withoutIndex("by_owner")).isInstanceOf(SchemaException.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> last.withColumnAdded(ColumnDef.of("note", ColumnType.varchar(10))))
                .isInstanceOf(SchemaException.class).hasMessageContaining("altered");
        assertThatThrownBy(() -> last.withColumnDropped("balance")).isInstanceOf(SchemaException.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> last.withIndex(IndexDef.hash("by_balance", "balance")))
                .isInstanceOf(SchemaException.class).hasMessageContaining("altered");
    }

    @Test
    void badDefinitionsFailWithTypedErrors() {
        assertThatThrownBy(() -> TableSchema.create(1, TableDef.named("t").primaryKey("id")))
                .isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> TableSchema.create(1, TableDef.named("t").column("id", ColumnType.BIGINT)))
                .isInstanceOf(SchemaException.class).hasMessageContaining("primary key");
        assertThatThrownBy(() -> TableSchema.create(1, TableDef.named("t").column("id", ColumnType.BIGINT)
                .primaryKey("nope")))
                .isInstanceOf(UnknownColumnException.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> TableSchema.create(1, TableDef.named("t").column("id", ColumnType.BIGINT)
                .column("ID", ColumnType.INTEGER).primaryKey("id")))
                .isInstanceOf(ColumnExistsException.class);
        assertThatThrownBy(() -> TableSchema.create(1, account().index(IndexDef.ordered("by_x", "x"))))
                .isInstanceOf(UnknownColumnException.class);
        assertThatThrownBy(() -> TableSchema.create(1, account().index(IndexDef.ordered("BY_OWNER", "balance"))))
                .isInstanceOf(IndexExistsException.class);
        assertThatThrownBy(() -> ColumnType.varchar(0)).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> ColumnType.decimal(10, 11)).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> TableDef.named(" ")).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> IndexDef.hash("empty")).isInstanceOf(SchemaException.class);
    }

    @Test
    void addingAColumnMakesTheNextVersionWithAFreshColumnId() {
        TableSchema v1 = TableSchema.create(1, account());
        TableSchema v2 = v1.withColumnAdded(ColumnDef.of("note", ColumnType.varchar(10)));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.columnCount()).isEqualTo(4);
        assertThat(v2.columnId(3)).isEqualTo(4);
        assertThat(v2.nextColumnId()).isEqualTo(5);
        assertThat(v1.columnCount()).as("versions are immutable").isEqualTo(3);
    }

    @Test
    void addingAnExistingColumnFails() {
        TableSchema s = TableSchema.create(1, account());
        assertThatThrownBy(() -> s.withColumnAdded(ColumnDef.of("Owner", ColumnType.INTEGER)))
                .isInstanceOf(ColumnExistsException.class)
                .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo("42S21"));
    }

    @Test
    void aNotNullColumnCanBeAddedOnlyWithADefault() {
        TableSchema s = TableSchema.create(1, account());
        assertThatThrownBy(() -> s.withColumnAdded(ColumnDef.of("flag", ColumnType.BOOLEAN).notNull()))
                .isInstanceOf(SchemaException.class);
        TableSchema ok = s.withColumnAdded(ColumnDef.of("flag", ColumnType.BOOLEAN).notNull().withDefault(false));
        assertThat(ok.column(3).nullable()).isFalse();
    }

    @Test
    void droppingAColumnKeepsTheOtherColumnIdsAndNeverReusesItsId() {
        TableSchema v1 = TableSchema.create(1, account());
        TableSchema v2 = v1.withColumnDropped("balance");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.columns()).extracting(ColumnDef::name).containsExactly("ID", "OWNER");
        assertThat(v2.positionOfId(3)).isEqualTo(-1);
        TableSchema v3 = v2.withColumnAdded(ColumnDef.of("balance", ColumnType.BIGINT));
        assertThat(v3.columnId(2)).as("a re-added column is a new column").isEqualTo(4);
    }

    @Test
    void droppingAnUnknownKeyOrIndexedColumnFails() {
        TableSchema s = TableSchema.create(1, account());
        assertThatThrownBy(() -> s.withColumnDropped("nope"))
                .isInstanceOf(UnknownColumnException.class)
                .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo("42S22"));
        assertThatThrownBy(() -> s.withColumnDropped("id")).isInstanceOf(SchemaException.class)
                .hasMessageContaining("primary key");
        assertThatThrownBy(() -> s.withColumnDropped("owner")).isInstanceOf(SchemaException.class)
                .hasMessageContaining("BY_OWNER");
    }

    @Test
    void indexesAreAddedAndRemovedByName() {
        TableSchema s = TableSchema.create(1, account());
        TableSchema v2 = s.withIndex(IndexDef.ordered("by_balance", "balance").unique());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.indexPositions(1)).containsExactly(2);
        assertThat(v2.indexes().get(1).isUnique()).isTrue();
        assertThatThrownBy(() -> v2.withIndex(IndexDef.hash("by_balance", "owner")))
                .isInstanceOf(IndexExistsException.class);
        TableSchema v3 = v2.withoutIndex("BY_OWNER");
        assertThat(v3.indexes()).extracting(IndexDef::name).containsExactly("BY_BALANCE");
        assertThat(v3.withColumnDropped("owner").columnCount()).isEqualTo(2);
        assertThatThrownBy(() -> v3.withoutIndex("by_owner")).isInstanceOf(UnknownIndexException.class);
        assertThatThrownBy(() -> s.withIndex(IndexDef.hash("by_x", "x"))).isInstanceOf(UnknownColumnException.class);
    }

    @Test
    void aSchemaSurvivesItsBinaryForm() {
        TableSchema s = TableSchema.create(3, TableDef.named("t")
                        .column("a", ColumnType.INTEGER)
                        .column("b", ColumnType.decimal(30, 4)).defaultValue(new java.math.BigDecimal("1.5"))
                        .column("c", ColumnType.fixedChar(3)).notNull().defaultValue("x")
                        .column("e", ColumnType.varbinary(5))
                        .primaryKey("a", "c").kind(TableKind.ORDERED_SET).storage(Storage.DISC)
                        .index(IndexDef.ordered("ob", "b", "a").unique()))
                .withColumnAdded(ColumnDef.of("d", ColumnType.TIMESTAMP))
                .withColumnDropped("e").withIndex(IndexDef.hash("hd", "d"));
        ByteSink out = new ByteSink(64);
        SchemaCodec.encodeSchema(s, out);
        TableSchema back = SchemaCodec.decodeSchema(new Bytes.Reader(out.toByteArray()));
        assertThat(back.toString()).isEqualTo(s.toString());
        assertThat(back.nextColumnId()).isEqualTo(s.nextColumnId());
        for (int i = 0; i < s.columnCount(); i++) {
            assertThat(back.columnId(i)).isEqualTo(s.columnId(i));
            assertThat(back.column(i).defaultValue()).isEqualTo(s.column(i).defaultValue());
        }
    }

    @Test
    void timeAndTimestampPrecisionsAreZeroToNineDigitsAndPartOfTheType() {
        assertThat(ColumnType.time(0)).hasToString("TIME(0)").isNotEqualTo(ColumnType.TIME);
        assertThat(ColumnType.timestamp(9)).hasToString("TIMESTAMP(9)");
        assertThat(ColumnType.TIMESTAMP).hasToString("TIMESTAMP(3)").isEqualTo(ColumnType.timestamp(3));
        assertThat(ColumnType.time(2).scale()).isEqualTo(2);
        assertThat(ColumnType.of(ColumnType.Kind.TIMESTAMP, 0, 1)).isEqualTo(ColumnType.timestamp(1));
        assertThatThrownBy(() -> ColumnType.time(10)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("precision must be 0..9");
        assertThatThrownBy(() -> ColumnType.timestamp(-1)).isInstanceOf(SchemaException.class);
    }

    @Test
    void aDatetimeColumnKeepsItsPrecisionAndItsRoundedDefaultThroughItsBinaryForm() {
        ColumnDef t0 = ColumnDef.of("t0", ColumnType.time(0)).withDefault(java.time.LocalTime.of(7, 0, 0, 600_000_000));
        ColumnDef ts9 = ColumnDef.of("ts9", ColumnType.timestamp(9));
        TableSchema s = TableSchema.create(1, TableDef.named("t").column("id", ColumnType.timestamp(1))
                .column("t3", ColumnType.TIME).primaryKey("id")).withColumnAdded(t0).withColumnAdded(ts9);
        assertThat(s.column(2).defaultValue()).isEqualTo(java.time.LocalTime.of(7, 0, 1));
        ByteSink out = new ByteSink(64);
        SchemaCodec.encodeSchema(s, out);
        TableSchema back = SchemaCodec.decodeSchema(new Bytes.Reader(out.toByteArray()));
        assertThat(back.columns()).extracting(ColumnDef::type).containsExactly(ColumnType.timestamp(1),
                ColumnType.TIME, ColumnType.time(0), ColumnType.timestamp(9));
        assertThat(back.column(2).defaultValue()).isEqualTo(java.time.LocalTime.of(7, 0, 1));
    }

    @Test
    void aDatetimeColumnStoredBeforePrecisionsWereKeptReadsAsMilliseconds() {
        for (ColumnType.Kind kind : new ColumnType.Kind[] {ColumnType.Kind.TIME, ColumnType.Kind.TIMESTAMP}) {
            ByteSink old = new ByteSink(16); // name, kind, length 0, scale 0, nullable, no default
            old.putString("T").put(kind.ordinal()).putVarint(0).putVarint(0).put(1).put(0);
            ColumnDef c = SchemaCodec.decodeColumn(new Bytes.Reader(old.toByteArray()));
            assertThat(c.type()).isEqualTo(ColumnType.of(kind, 0, 3));
            assertThat(c.type().scale()).isEqualTo(3);
        }
    }
}

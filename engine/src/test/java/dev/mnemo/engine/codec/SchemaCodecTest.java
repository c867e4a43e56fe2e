package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.TimeDefault;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog's binary form of a column's default: constant defaults as always, and defaults that are a time. */
class SchemaCodecTest {
    @Test
    void aColumnStoredBeforeTimeDefaultsExistedStillDecodes() {
        // The catalog's column form as constant defaults have always been written: a 1 and the value, or a 0.
        ByteSink old = new ByteSink(32);
        old.putString("N").put(ColumnType.Kind.INTEGER.ordinal()).putVarint(0).putVarint(0).put(1).put(1);
        RowCodec.encodeValue(ColumnType.INTEGER, 7, old);
        old.putString("S").put(ColumnType.Kind.VARCHAR.ordinal()).putVarint(5).putVarint(0).put(0).put(0);
        Bytes.Reader r = new Bytes.Reader(old.toByteArray());
        ColumnDef n = SchemaCodec.decodeColumn(r);
        ColumnDef s = SchemaCodec.decodeColumn(r);
        assertThat(n.defaultValue()).isEqualTo(7);
        assertThat(n.timeDefault()).isNull();
        assertThat(s.nullable()).isFalse();
        assertThat(s.hasDefault()).isFalse();
        ByteSink again = new ByteSink(32);
        SchemaCodec.encodeColumn(n, again);
        SchemaCodec.encodeColumn(s, again);
        assertThat(again.toByteArray()).as("a constant default is written as before").isEqualTo(old.toByteArray());
    }

    @Test
    void aTinyintIsWrittenAsASmallintOfThreeDigitsAndReadBackAsATinyint() {
        ByteSink out = new ByteSink(32);
        SchemaCodec.encodeColumn(ColumnDef.of("T", ColumnType.TINYINT), out);
        SchemaCodec.encodeColumn(ColumnDef.of("S", ColumnType.SMALLINT), out);
        ByteSink expected = new ByteSink(32);
        expected.putString("T").put(ColumnType.Kind.SMALLINT.ordinal()).putVarint(3).putVarint(0).put(1).put(0);
        expected.putString("S").put(ColumnType.Kind.SMALLINT.ordinal()).putVarint(0).putVarint(0).put(1).put(0);
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        Bytes.Reader r = new Bytes.Reader(out.toByteArray());
        assertThat(SchemaCodec.decodeColumn(r).type()).isEqualTo(ColumnType.TINYINT).hasToString("TINYINT");
        assertThat(SchemaCodec.decodeColumn(r).type()).isEqualTo(ColumnType.SMALLINT);
    }

    @Test
    void aTimeDefaultRoundTripsWithTheTimeItsColumnWasAdded() {
        ColumnDef made = ColumnDef.of("AT", ColumnType.timestamp(0)).withTimeDefault(TimeDefault.CURRENT_TIMESTAMP);
        ColumnDef added = ColumnDef.of("D", ColumnType.DATE).notNull().withTimeDefault(TimeDefault.LOCALTIMESTAMP)
                .stampedAt(LocalDateTime.of(2024, 2, 29, 23, 59).atZone(ZoneOffset.UTC));
        ByteSink out = new ByteSink(32);
        SchemaCodec.encodeColumn(made, out);
        SchemaCodec.encodeColumn(added, out);
        Bytes.Reader r = new Bytes.Reader(out.toByteArray());
        ColumnDef madeBack = SchemaCodec.decodeColumn(r);
        ColumnDef addedBack = SchemaCodec.decodeColumn(r);
        assertThat(madeBack.timeDefault()).isEqualTo(TimeDefault.CURRENT_TIMESTAMP);
        assertThat(madeBack.defaultValue()).isNull();
        assertThat(addedBack.timeDefault()).isEqualTo(TimeDefault.LOCALTIMESTAMP);
        assertThat(addedBack.defaultValue()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(addedBack.nullable()).isFalse();
    }

    /** A table's schema as catalogs, journals and snapshots have held it since before foreign keys existed. */
    private static byte[] schemaOfOldFormat() {
        ByteSink old = new ByteSink(64);
        old.putVarint(3).putString("ORDERS").put(TableKind.ORDERED_SET.ordinal()).put(Storage.DISC.ordinal());
        old.putVarint(2).putVarint(3).putVarint(2);
        old.putVarint(1).putString("ID").put(ColumnType.Kind.BIGINT.ordinal()).putVarint(0).putVarint(0).put(0).put(0);
        old.putVarint(2).putString("C").put(ColumnType.Kind.BIGINT.ordinal()).putVarint(0).putVarint(0).put(1).put(0);
        old.putVarint(1).putString("ID");
        old.putVarint(1).putString("BY_C").put(0).put(1).putVarint(1).putString("C");
        return old.toByteArray();
    }

    @Test
    void aSchemaStoredBeforeForeignKeysExistedStillDecodesAndIsWrittenAlike() {
        byte[] old = schemaOfOldFormat();
        TableSchema s = SchemaCodec.decodeSchema(new Bytes.Reader(old));
        assertThat(s.name()).isEqualTo("ORDERS");
        assertThat(s.storage()).isEqualTo(Storage.DISC);
        assertThat(s.kind()).isEqualTo(TableKind.ORDERED_SET);
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.indexes()).extracting(IndexDef::name).containsExactly("BY_C");
        assertThat(s.indexes().get(0).isForForeignKey()).as("an index recorded before the mark is a user's").isFalse();
        assertThat(s.foreignKeys()).isEmpty();
        ByteSink again = new ByteSink(64);
        SchemaCodec.encodeSchema(s, again);
        assertThat(again.toByteArray()).as("a schema without foreign keys is written as before").isEqualTo(old);
    }

    @Test
    void foreignKeysRoundTripResolvedAndAsDeclared() {
        TableSchema old = SchemaCodec.decodeSchema(new Bytes.Reader(schemaOfOldFormat()));
        ForeignKeyDef resolved = ForeignKeyDef.resolved("FK_C", List.of("C"), 1, new int[] {4},
                ForeignKeyAction.SET_NULL, ForeignKeyAction.RESTRICT);
        TableSchema s = old.withForeignKey(resolved);
        ByteSink out = new ByteSink(64);
        SchemaCodec.encodeSchema(s, out);
        out.putString("next");
        Bytes.Reader r = new Bytes.Reader(out.toByteArray());
        TableSchema back = SchemaCodec.decodeSchema(r);
        assertThat(r.getString()).as("the reader stops where the schema ends").isEqualTo("next");
        assertThat(back.foreignKeys()).containsExactly(resolved);
        assertThat(back.storage()).isEqualTo(Storage.DISC);
        assertThat(back.indexes()).extracting(IndexDef::name).containsExactly("BY_C");

        TableSchema made = old.withoutIndex("BY_C").withForeignKey(resolved);
        out = new ByteSink(64);
        SchemaCodec.encodeSchema(made, out);
        assertThat(SchemaCodec.decodeSchema(new Bytes.Reader(out.toByteArray())).indexes())
                .as("an index made for a foreign key is recorded as such").singleElement()
                .satisfies(ix -> assertThat(ix.isForForeignKey()).isTrue());

        ForeignKeyDef declared = ForeignKeyDef.on("c").references("customer", "id")
                .onDelete(ForeignKeyAction.CASCADE);
        ByteSink d = new ByteSink(32);
        SchemaCodec.encodeForeignKey(declared, d);
        assertThat(SchemaCodec.decodeForeignKey(new Bytes.Reader(d.toByteArray()))).isEqualTo(declared);
    }

    @Test
    void aUuidColumnAndItsDefaultRoundTrip() {
        java.util.UUID fixed = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        ColumnDef c = ColumnDef.of("U", ColumnType.UUID).notNull().withDefault(fixed);
        ByteSink out = new ByteSink(32);
        SchemaCodec.encodeColumn(c, out);
        byte[] bytes = out.toByteArray();
        assertThat(bytes[2]).as("the kind's number, after the name").isEqualTo((byte) ColumnType.Kind.UUID.ordinal());
        ColumnDef back = SchemaCodec.decodeColumn(new Bytes.Reader(bytes));
        assertThat(back.type()).isSameAs(ColumnType.UUID);
        assertThat(back.defaultValue()).isEqualTo(fixed);
        assertThat(back.nullable()).isFalse();
    }
}

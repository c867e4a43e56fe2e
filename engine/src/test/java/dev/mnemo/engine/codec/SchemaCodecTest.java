package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TimeDefault;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;

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
    void aTimeDefaultRoundTripsWithTheTimeItsColumnWasAdded() {
        ColumnDef made = ColumnDef.of("AT", ColumnType.timestamp(0)).withTimeDefault(TimeDefault.CURRENT_TIMESTAMP);
        ColumnDef added = ColumnDef.of("D", ColumnType.DATE).notNull().withTimeDefault(TimeDefault.LOCALTIMESTAMP)
                .stampedAt(LocalDateTime.of(2024, 2, 29, 23, 59));
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
}

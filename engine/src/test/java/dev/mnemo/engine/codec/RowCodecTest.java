package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.testing.Texts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RowCodec: every type survives encode/decode, with and without NULLs, including DECIMAL past 18 digits. */
class RowCodecTest {
    /** One column of every type (15 columns: the NULL bitmap takes two bytes). */
    static final TableSchema ALL_TYPES = TableSchema.create(1, TableDef.named("all_types")
            .column("k", ColumnType.BIGINT)
            .column("i", ColumnType.INTEGER)
            .column("s", ColumnType.SMALLINT)
            .column("d", ColumnType.DOUBLE)
            .column("r", ColumnType.REAL)
            .column("small_dec", ColumnType.decimal(18, 4))
            .column("wide_dec", ColumnType.decimal(38, 6))
            .column("b", ColumnType.BOOLEAN)
            .column("v", ColumnType.varchar(50))
            .column("c", ColumnType.fixedChar(5))
            .column("bin", ColumnType.varbinary(50))
            .column("dt", ColumnType.DATE)
            .column("tm", ColumnType.TIME)
            .column("ts", ColumnType.TIMESTAMP)
            .column("u", ColumnType.UUID)
            .column("tz", ColumnType.timestampTz(9))
            .primaryKey("k"));

    private static Object[] roundTrip(TableSchema schema, Object[] values) {
        ByteSink out = new ByteSink(8);
        out.put(0x5A); // something before the row: decode must honour the offset
        RowCodec.encode(schema, values, out);
        byte[] buf = out.toByteArray();
        return RowCodec.decode(schema, buf, 1, buf.length - 1);
    }

    private static Object[] coerced(Object... values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Values.coerce(ALL_TYPES.column(i).type(), values[i], ALL_TYPES.column(i).name());
        }
        return out;
    }

    @Test
    void aRowOfEveryTypeRoundTrips() {
        Object[] row = coerced(Long.MIN_VALUE, Integer.MAX_VALUE, (short) -32768, -0.0d, Float.NaN,
                new BigDecimal("-99999999999999.9999"), new BigDecimal("12345678901234567890123456789012.123456"),
                true, "h\u00e9llo \uD83D\uDE00 \0 end", "ab", new byte[] {0, -1, 127, -128},
                LocalDate.of(-4000, 1, 1), LocalTime.MAX, LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1),
                new UUID(Long.MIN_VALUE, -1),
                OffsetDateTime.of(1900, 1, 1, 5, 30, 0, 1, ZoneOffset.ofHoursMinutes(5, 30)));
        Object[] back = roundTrip(ALL_TYPES, row);
        assertThat(Row.of(back)).isEqualTo(Row.of(row));
        assertThat(back[15]).isEqualTo(OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 1, ZoneOffset.UTC));
        assertThat(Double.doubleToRawLongBits((Double) back[3])).isEqualTo(Double.doubleToRawLongBits(-0.0d));
        assertThat(back[9]).isEqualTo("ab   ");
    }

    @Test
    void aRowOfNullsRoundTripsAndTakesOnlyTheBitmap() {
        Object[] row = new Object[ALL_TYPES.columnCount()];
        row[0] = 1L;
        ByteSink out = new ByteSink(8);
        RowCodec.encode(ALL_TYPES, row, out);
        assertThat(out.size()).isEqualTo(2 + 8);
        assertThat(roundTrip(ALL_TYPES, row)).containsExactly(row);
    }

    @Test
    void aUuidTakesSixteenBytesBigEndian() {
        Object[] row = new Object[ALL_TYPES.columnCount()];
        row[0] = 1L;
        row[14] = UUID.fromString("00112233-4455-6677-8899-AABBCCDDEEFF");
        ByteSink out = new ByteSink(8);
        RowCodec.encode(ALL_TYPES, row, out);
        byte[] bytes = out.toByteArray();
        assertThat(java.util.Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length))
                .isEqualTo(java.util.HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));
        assertThat(bytes).hasSize(2 + 8 + 16);
        assertThat(roundTrip(ALL_TYPES, row)[14]).isEqualTo(row[14]);
    }

    @Test
    void decimalsBeyondEighteenDigitsKeepEveryDigitAndSign() {
        for (String s : new String[] {"99999999999999999999999999999999.999999",
                "-99999999999999999999999999999999.999999",
                "0.000001", "-0.000001", "0.000000", "9223372036854775808.000000", "-9223372036854775809.000000"}) {
            Object[] row = new Object[ALL_TYPES.columnCount()];
            row[0] = 7L;
            row[6] = Values.coerce(ALL_TYPES.column(6).type(), new BigDecimal(s), "WIDE_DEC");
            assertThat(roundTrip(ALL_TYPES, row)[6]).as(s).isEqualTo(new BigDecimal(s));
        }
    }

    @Test
    void eighteenDigitDecimalsUseTheirWholeRange() {
        for (String s : new String[] {"99999999999999.9999", "-99999999999999.9999", "0.0001", "0.0000"}) {
            Object[] row = new Object[ALL_TYPES.columnCount()];
            row[0] = 7L;
            row[5] = Values.coerce(ALL_TYPES.column(5).type(), new BigDecimal(s), "SMALL_DEC");
            assertThat(roundTrip(ALL_TYPES, row)[5]).as(s).isEqualTo(new BigDecimal(s));
        }
    }

    @Test
    void theExtremeDatesAcceptedForAColumnRoundTrip() {
        for (LocalDate d : new LocalDate[] {LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.ofEpochDay(Integer.MIN_VALUE), LocalDate.ofEpochDay(Integer.MAX_VALUE)}) {
            Object[] row = new Object[ALL_TYPES.columnCount()];
            row[0] = 7L;
            row[11] = Values.coerce(ColumnType.DATE, d, "DT");
            assertThat(roundTrip(ALL_TYPES, row)[11]).isEqualTo(d);
        }
    }

    @Test
    void datesTheRowFormatCannotHoldAreRejectedNotTruncated() {
        for (LocalDate d : new LocalDate[] {LocalDate.MIN, LocalDate.MAX,
                LocalDate.ofEpochDay((long) Integer.MAX_VALUE + 1)}) {
            Object accepted;
            try {
                accepted = Values.coerce(ColumnType.DATE, d, "DT");
            } catch (dev.mnemo.engine.ValueTooLargeException e) {
                assertThat(e.sqlState()).isEqualTo("22003");
                continue;
            }
            Object[] row = new Object[ALL_TYPES.columnCount()];
            row[0] = 7L;
            row[11] = accepted;
            assertThat(roundTrip(ALL_TYPES, row)[11]).as("an accepted date must read back as written").isEqualTo(d);
        }
    }

    @Test
    void aTruncatedRowFailsToDecodeAsCorruptData() {
        Object[] row = coerced(1L, 2, (short) 3, 4.0, 5.0f, BigDecimal.ONE, BigDecimal.TEN, false, "text", "c",
                new byte[] {9}, LocalDate.EPOCH, LocalTime.NOON, LocalDateTime.of(2020, 1, 1, 0, 0), new UUID(1, 2),
                OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        ByteSink out = new ByteSink(8);
        RowCodec.encode(ALL_TYPES, row, out);
        byte[] buf = out.toByteArray();
        assertThatThrownBy(() -> RowCodec.decode(ALL_TYPES, buf, 0, buf.length - 3))
                .isInstanceOf(CorruptDataException.class);
    }

    @Property(tries = 300)
    void randomRowsRoundTrip(@ForAll("rows") Object[] row) {
        assertThat(Row.of(roundTrip(ALL_TYPES, row))).isEqualTo(Row.of(row));
    }

    @Property(tries = 300)
    void anyCharSequenceRoundTripsAsAValue(@ForAll("anyTexts") String text) {
        TableSchema schema = TableSchema.create(1, TableDef.named("texts").column("k", ColumnType.INTEGER)
                .column("v", ColumnType.varchar(20)).column("c", ColumnType.fixedChar(8)).primaryKey("k"));
        Object[] row = {1, text, Values.coerce(ColumnType.fixedChar(8), text, "c")};
        assertThat(roundTrip(schema, row)).containsExactly(row);
    }

    @Provide
    Arbitrary<String> anyTexts() {
        return Texts.anyCharSequences();
    }

    @Provide
    Arbitrary<Object[]> rows() {
        List<Arbitrary<Object>> cols = new ArrayList<>();
        cols.add(Arbitraries.longs().map(x -> x));
        cols.add(nullable(Arbitraries.integers().map(x -> x)));
        cols.add(nullable(Arbitraries.shorts().map(x -> x)));
        cols.add(nullable(Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0d)
                .withSpecialValue(Double.NEGATIVE_INFINITY).map(x -> x)));
        cols.add(nullable(Arbitraries.floats().withSpecialValue(Float.NaN).map(x -> x)));
        cols.add(nullable(decimals(18, 4)));
        cols.add(nullable(decimals(38, 6)));
        cols.add(nullable(Arbitraries.of(true, false).map(x -> x)));
        cols.add(nullable(Arbitraries.strings().withCharRange('\0', '\uD7FF').ofMaxLength(50).map(x -> x)));
        cols.add(nullable(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(5)
                .map(s -> Values.coerce(ColumnType.fixedChar(5), s, "C"))));
        cols.add(nullable(Arbitraries.bytes().array(byte[].class).ofMaxSize(50).map(x -> x)));
        cols.add(nullable(Arbitraries.integers().map(d -> (Object) LocalDate.ofEpochDay(d))));
        cols.add(nullable(Arbitraries.longs().between(0, LocalTime.MAX.toNanoOfDay())
                .map(n -> (Object) LocalTime.ofNanoOfDay(n))));
        cols.add(nullable(Combinators.combine(Arbitraries.longs().between(-10_000_000_000L, 100_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999))
                .as((sec, nano) -> (Object) LocalDateTime.ofEpochSecond(sec, nano, java.time.ZoneOffset.UTC))));
        cols.add(nullable(Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                .as((high, low) -> (Object) new UUID(high, low))));
        cols.add(nullable(Combinators.combine(Arbitraries.longs().between(-10_000_000_000L, 100_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999))
                .as((sec, nano) -> (Object) LocalDateTime.ofEpochSecond(sec, nano, ZoneOffset.UTC)
                        .atOffset(ZoneOffset.UTC))));
        return Combinators.combine(cols).as(List::toArray);
    }

    private static Arbitrary<Object> nullable(Arbitrary<Object> a) {
        return a.injectNull(0.2);
    }

    private static Arbitrary<Object> decimals(int precision, int scale) {
        return Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.TEN.pow(precision).negate()
                .add(BigInteger.ONE), BigInteger.TEN.pow(precision).subtract(BigInteger.ONE)), Arbitraries.just(scale))
                .as((unscaled, s) -> (Object) new BigDecimal(unscaled, s));
    }
}

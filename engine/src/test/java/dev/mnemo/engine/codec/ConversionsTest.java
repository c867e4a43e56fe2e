package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.TypeMismatchException;
import dev.mnemo.engine.ValueTooLargeException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The conversions a column type change makes, value by value: widening, narrowing that fits, and what does not. */
class ConversionsTest {
    private static Object convert(ColumnType from, ColumnType to, Object v) {
        return Conversions.convert(from, to, v, "C");
    }

    private static String stateOf(ColumnType from, ColumnType to, Object v) {
        try {
            convert(from, to, v);
        } catch (MnemoException e) {
            return e.sqlState();
        }
        throw new AssertionError(v + " converted from " + from + " to " + to);
    }

    @Test
    void wideningNeverFails() {
        assertThat(convert(ColumnType.SMALLINT, ColumnType.INTEGER, (short) -7)).isEqualTo(-7);
        assertThat(convert(ColumnType.INTEGER, ColumnType.BIGINT, Integer.MAX_VALUE)).isEqualTo(2147483647L);
        assertThat(convert(ColumnType.REAL, ColumnType.DOUBLE, 1.5f)).isEqualTo(1.5);
        assertThat(convert(ColumnType.BIGINT, ColumnType.decimal(19, 0), Long.MIN_VALUE))
                .isEqualTo(BigDecimal.valueOf(Long.MIN_VALUE));
        assertThat(convert(ColumnType.INTEGER, ColumnType.DOUBLE, 3)).isEqualTo(3.0);
        assertThat(convert(ColumnType.varchar(3), ColumnType.varchar(10), "abc")).isEqualTo("abc");
        assertThat(convert(ColumnType.fixedChar(3), ColumnType.varchar(3), "a  ")).isEqualTo("a  ");
        assertThat((byte[]) convert(ColumnType.varbinary(2), ColumnType.varbinary(4), new byte[] {1, 2}))
                .containsExactly(1, 2);
        assertThat(convert(ColumnType.decimal(4, 2), ColumnType.decimal(6, 3), new BigDecimal("12.34")))
                .isEqualTo(new BigDecimal("12.340"));
        assertThat(convert(ColumnType.DATE, ColumnType.timestamp(0), LocalDate.of(2024, 2, 29)))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(convert(ColumnType.INTEGER, ColumnType.BIGINT, null)).isNull();
    }

    @Test
    void narrowingKeepsWhatFitsAndRefusesWhatDoesNot() {
        assertThat(convert(ColumnType.BIGINT, ColumnType.INTEGER, 42L)).isEqualTo(42);
        assertThat(stateOf(ColumnType.BIGINT, ColumnType.INTEGER, 1L << 40)).isEqualTo("22003");
        assertThat(stateOf(ColumnType.INTEGER, ColumnType.SMALLINT, 40_000)).isEqualTo("22003");
        assertThat(stateOf(ColumnType.DOUBLE, ColumnType.REAL, 1e300)).isEqualTo("22003");
        assertThat(stateOf(ColumnType.DOUBLE, ColumnType.BIGINT, Double.NaN)).isEqualTo("22003");
        assertThat(stateOf(ColumnType.decimal(6, 2), ColumnType.decimal(4, 2), new BigDecimal("1234.50")))
                .isEqualTo("22003");
        assertThat(convert(ColumnType.varchar(10), ColumnType.varchar(3), "abc")).isEqualTo("abc");
        assertThat(stateOf(ColumnType.varchar(10), ColumnType.varchar(3), "abcd")).isEqualTo("22001");
        assertThat(stateOf(ColumnType.varbinary(4), ColumnType.varbinary(1), new byte[] {1, 2}))
                .isEqualTo("22001");
        assertThat(convert(ColumnType.timestamp(3), ColumnType.DATE, LocalDateTime.of(2024, 1, 2, 23, 59)))
                .isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(convert(ColumnType.timestamp(3), ColumnType.timestamp(0),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000))).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 6));
    }

    @Test
    void fractionsRoundHalfUpToAnIntegerType() {
        assertThat(convert(ColumnType.DOUBLE, ColumnType.INTEGER, 2.5)).isEqualTo(3);
        assertThat(convert(ColumnType.DOUBLE, ColumnType.INTEGER, -2.5)).isEqualTo(-3);
        assertThat(convert(ColumnType.decimal(5, 2), ColumnType.SMALLINT, new BigDecimal("1.49")))
                .isEqualTo((short) 1);
    }

    @Test
    void valuesBecomeTextAsTheirLiteralsWriteThemAndTextBecomesNumbers() {
        assertThat(convert(ColumnType.BIGINT, ColumnType.varchar(20), -12L)).isEqualTo("-12");
        assertThat(convert(ColumnType.decimal(6, 2), ColumnType.varchar(10), new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(convert(ColumnType.BOOLEAN, ColumnType.varchar(5), true)).isEqualTo("TRUE");
        assertThat(convert(ColumnType.timestamp(3), ColumnType.varchar(30), LocalDateTime.of(2024, 2, 29, 12, 0)))
                .isEqualTo("2024-02-29 12:00:00");
        assertThat(convert(ColumnType.time(3), ColumnType.varchar(12), LocalTime.of(8, 0, 0, 250_000_000)))
                .isEqualTo("08:00:00.25");
        assertThat(stateOf(ColumnType.BIGINT, ColumnType.varchar(2), 123L)).isEqualTo("22001");
        assertThat(convert(ColumnType.varchar(10), ColumnType.decimal(5, 1), " 2.25 "))
                .isEqualTo(new BigDecimal("2.3"));
        assertThat(convert(ColumnType.varchar(10), ColumnType.BIGINT, "7")).isEqualTo(7L);
        assertThatThrownBy(() -> convert(ColumnType.varchar(10), ColumnType.BIGINT, "seven"))
                .isInstanceOf(TypeMismatchException.class);
        assertThatThrownBy(() -> convert(ColumnType.varchar(30), ColumnType.SMALLINT, "99999"))
                .isInstanceOf(ValueTooLargeException.class);
    }

    @Test
    void canonicalTextBecomesAUuidAndAUuidBecomesItsLowerCaseText() {
        UUID u = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        assertThat(convert(ColumnType.varchar(40), ColumnType.UUID, " 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0 "))
                .isEqualTo(u);
        assertThat(convert(ColumnType.fixedChar(36), ColumnType.UUID, u.toString())).isEqualTo(u);
        assertThat(convert(ColumnType.UUID, ColumnType.varchar(36), u))
                .isEqualTo("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        assertThat(stateOf(ColumnType.UUID, ColumnType.varchar(35), u)).isEqualTo("22001");
        for (String bad : new String[] {"not a uuid", "1-2-3-4-5", "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg", "0f1e2d3c-4b5a-6978-8796_a5b4c3d2e1f0",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0a", "\u0660f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f"}) {
            assertThatThrownBy(() -> convert(ColumnType.varchar(40), ColumnType.UUID, bad)).as(bad)
                    .isInstanceOf(TypeMismatchException.class).hasMessageContaining("no UUID");
        }
        assertThat(Conversions.supported(ColumnType.varchar(36), ColumnType.UUID)).isTrue();
        assertThat(Conversions.supported(ColumnType.UUID, ColumnType.varchar(36))).isTrue();
        assertThat(Conversions.supported(ColumnType.BIGINT, ColumnType.UUID)).isFalse();
        assertThat(Conversions.supported(ColumnType.varbinary(16), ColumnType.UUID)).isFalse();
        assertThat(Conversions.supported(ColumnType.UUID, ColumnType.BIGINT)).isFalse();
    }

    @Test
    void onlySensibleConversionsAreSupported() {
        assertThat(Conversions.supported(ColumnType.BOOLEAN, ColumnType.DATE)).isFalse();
        assertThat(Conversions.supported(ColumnType.varbinary(3), ColumnType.varchar(3))).isFalse();
        assertThat(Conversions.supported(ColumnType.varchar(3), ColumnType.varbinary(3))).isFalse();
        assertThat(Conversions.supported(ColumnType.DATE, ColumnType.INTEGER)).isFalse();
        assertThat(Conversions.supported(ColumnType.TIME, ColumnType.TIMESTAMP)).isFalse();
        assertThat(Conversions.supported(ColumnType.DATE, ColumnType.varchar(10))).isTrue();
        assertThat(Conversions.supported(ColumnType.varchar(3), ColumnType.DOUBLE)).isTrue();
    }

    @Test
    void aKeyKeepsItsEncodingOnlyWhereEveryValueEncodesAsBefore() {
        assertThat(Conversions.keepsKeyEncoding(ColumnType.varchar(3), ColumnType.varchar(1))).isTrue();
        assertThat(Conversions.keepsKeyEncoding(ColumnType.fixedChar(3), ColumnType.varchar(8))).isTrue();
        assertThat(Conversions.keepsKeyEncoding(ColumnType.decimal(5, 2), ColumnType.decimal(9, 2))).isTrue();
        assertThat(Conversions.keepsKeyEncoding(ColumnType.timestamp(0), ColumnType.timestamp(3))).isTrue();
        assertThat(Conversions.keepsKeyEncoding(ColumnType.timestamp(3), ColumnType.timestamp(0))).isFalse();
        assertThat(Conversions.keepsKeyEncoding(ColumnType.decimal(5, 2), ColumnType.decimal(6, 3))).isFalse();
        assertThat(Conversions.keepsKeyEncoding(ColumnType.INTEGER, ColumnType.BIGINT)).isFalse();
        assertThat(Conversions.keepsKeyEncoding(ColumnType.fixedChar(3), ColumnType.fixedChar(4))).isFalse();
    }

    @Test
    void aTimestampAndTheSameClockAtUtcEncodeAsOneKeySoEitherChangesInAKey() {
        ColumnType clock = ColumnType.timestamp(3);
        ColumnType instant = ColumnType.timestampTz(3);
        LocalDateTime t = LocalDateTime.of(2026, 12, 3, 8, 0, 0, 500_000_000);
        Object converted = convert(clock, instant, t);
        assertThat(converted).isEqualTo(t.atOffset(ZoneOffset.UTC));
        assertThat(KeyCodec.encode(new ColumnType[] {instant}, new Object[] {converted}))
                .isEqualTo(KeyCodec.encode(new ColumnType[] {clock}, new Object[] {t}));
        assertThat(convert(instant, clock, converted)).isEqualTo(t);
        assertThat(Conversions.keepsKeyEncoding(clock, instant)).isTrue();
        assertThat(Conversions.keepsKeyEncoding(ColumnType.timestampTz(0), clock)).isTrue();
        assertThat(Conversions.keepsKeyEncoding(clock, ColumnType.timestampTz(0))).isFalse();
        assertThat(Conversions.keepsKeyEncoding(instant, ColumnType.timestamp(0))).isFalse();
    }
}

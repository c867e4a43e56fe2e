package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.TypeMismatchException;
import dev.mnemo.engine.ValueTooLargeException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values.coerce: every type's accepted inputs, canonical outputs, and each typed error with its SQLState. */
class ValuesTest {

    private static Object coerce(ColumnType type, Object value) {
        return Values.coerce(type, value, "C");
    }

    private static void assertRejected(ColumnType type, Object value, Class<? extends MnemoException> error,
                                       String sqlState) {
        assertThatThrownBy(() -> coerce(type, value))
                .isInstanceOf(error)
                .hasMessageContaining("C")
                .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo(sqlState));
    }

    @Test
    void aTinyintHoldsMinus128To127AsAShort() {
        assertThat(coerce(ColumnType.TINYINT, (byte) -128)).isEqualTo((short) -128);
        assertThat(coerce(ColumnType.TINYINT, 127)).isEqualTo((short) 127);
        assertThat(coerce(ColumnType.TINYINT, (short) 5)).isEqualTo((short) 5);
        assertRejected(ColumnType.TINYINT, 128, ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.TINYINT, (short) -129, ValueTooLargeException.class, "22003");
        assertThat(coerce(ColumnType.SMALLINT, 128)).isEqualTo((short) 128);
    }

    @Test
    void nullStaysNullForEveryType() {
        for (ColumnType t : new ColumnType[] {ColumnType.BIGINT, ColumnType.INTEGER, ColumnType.SMALLINT,
                ColumnType.DOUBLE, ColumnType.REAL, ColumnType.decimal(10, 2), ColumnType.BOOLEAN,
                ColumnType.varchar(3), ColumnType.fixedChar(3), ColumnType.varbinary(3), ColumnType.DATE,
                ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.UUID}) {
            assertThat(coerce(t, null)).as("%s", t).isNull();
        }
    }

    @Test
    void aUuidColumnTakesOnlyUuids() {
        java.util.UUID u = java.util.UUID.randomUUID();
        assertThat(coerce(ColumnType.UUID, u)).isSameAs(u);
        assertRejected(ColumnType.UUID, u.toString(), TypeMismatchException.class, "22018");
        assertRejected(ColumnType.UUID, 7L, TypeMismatchException.class, "22018");
        assertThat(ColumnType.UUID.javaClass()).isEqualTo(java.util.UUID.class);
        assertThat(ColumnType.UUID).hasToString("UUID");
        assertThat(ColumnType.of(ColumnType.Kind.UUID, 0, 0)).isSameAs(ColumnType.UUID);
    }

    @Test
    void bigintWidensEveryIntegralTypeAndTakesWholeDecimalsAndDoubles() {
        assertThat(coerce(ColumnType.BIGINT, 7)).isEqualTo(7L);
        assertThat(coerce(ColumnType.BIGINT, (short) -7)).isEqualTo(-7L);
        assertThat(coerce(ColumnType.BIGINT, (byte) 1)).isEqualTo(1L);
        assertThat(coerce(ColumnType.BIGINT, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(coerce(ColumnType.BIGINT, new BigDecimal("42.000"))).isEqualTo(42L);
        assertThat(coerce(ColumnType.BIGINT, BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(coerce(ColumnType.BIGINT, 3.0d)).isEqualTo(3L);
        assertThat(coerce(ColumnType.BIGINT, -2.0f)).isEqualTo(-2L);
    }

    @Test
    void integerColumnsRejectFractionsAndNonNumbersAsTypeMismatch() {
        assertRejected(ColumnType.BIGINT, 1.5d, TypeMismatchException.class, "22018");
        assertRejected(ColumnType.BIGINT, new BigDecimal("0.1"), TypeMismatchException.class, "22018");
        assertRejected(ColumnType.BIGINT, "5", TypeMismatchException.class, "22018");
        assertRejected(ColumnType.INTEGER, true, TypeMismatchException.class, "22018");
        assertRejected(ColumnType.SMALLINT, Double.NaN, TypeMismatchException.class, "22018");
        assertRejected(ColumnType.BIGINT, Double.POSITIVE_INFINITY, TypeMismatchException.class, "22018");
    }

    @Test
    void integerColumnsRejectValuesOutsideTheirRangeWith22003() {
        assertRejected(ColumnType.BIGINT, BigInteger.ONE.shiftLeft(63), ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.BIGINT, 1e19d, ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.INTEGER, (long) Integer.MAX_VALUE + 1, ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.INTEGER, (long) Integer.MIN_VALUE - 1, ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.SMALLINT, 32768, ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.SMALLINT, -32769, ValueTooLargeException.class, "22003");
    }

    @Test
    void integerAndSmallintTakeTheirWholeRangeAsTheirOwnJavaType() {
        assertThat(coerce(ColumnType.INTEGER, (long) Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(coerce(ColumnType.INTEGER, Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(coerce(ColumnType.SMALLINT, 32767)).isEqualTo((short) 32767);
        assertThat(coerce(ColumnType.SMALLINT, -32768L)).isEqualTo((short) -32768);
    }

    @Test
    void doubleTakesAnyNumberAndNothingElse() {
        assertThat(coerce(ColumnType.DOUBLE, 3)).isEqualTo(3.0d);
        assertThat(coerce(ColumnType.DOUBLE, 1.5f)).isEqualTo(1.5d);
        assertThat(coerce(ColumnType.DOUBLE, new BigDecimal("2.25"))).isEqualTo(2.25d);
        assertThat(coerce(ColumnType.DOUBLE, -0.0d)).isEqualTo(-0.0d);
        assertRejected(ColumnType.DOUBLE, "1.0", TypeMismatchException.class, "22018");
        assertRejected(ColumnType.DOUBLE, false, TypeMismatchException.class, "22018");
    }

    @Test
    void realNarrowsDoublesThatFitAndRejectsFiniteOnesThatDoNot() {
        assertThat(coerce(ColumnType.REAL, 1.5f)).isEqualTo(1.5f);
        assertThat(coerce(ColumnType.REAL, 1.5d)).isEqualTo(1.5f);
        assertThat(coerce(ColumnType.REAL, 7L)).isEqualTo(7.0f);
        assertThat(coerce(ColumnType.REAL, Double.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertRejected(ColumnType.REAL, 1e39d, ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.REAL, -1e39d, ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.REAL, "1", TypeMismatchException.class, "22018");
    }

    @Test
    void decimalTakesItsColumnScaleRoundingHalfUp() {
        ColumnType t = ColumnType.decimal(5, 2);
        assertThat(coerce(t, new BigDecimal("123.456"))).isEqualTo(new BigDecimal("123.46"));
        assertThat(coerce(t, new BigDecimal("-123.455"))).isEqualTo(new BigDecimal("-123.46"));
        assertThat(coerce(t, 999)).isEqualTo(new BigDecimal("999.00"));
        assertThat(coerce(t, 0.1d)).isEqualTo(new BigDecimal("0.10"));
        assertThat(coerce(t, BigInteger.TEN)).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void decimalRejectsValuesWithTooManyIntegerDigitsWith22003() {
        ColumnType t = ColumnType.decimal(5, 2);
        assertRejected(t, 1000, ValueTooLargeException.class, "22003");
        assertRejected(t, new BigDecimal("999.995"), ValueTooLargeException.class, "22003"); // rounds up to 1000.00
        assertRejected(t, new BigDecimal("-1000"), ValueTooLargeException.class, "22003");
        assertRejected(t, "1", TypeMismatchException.class, "22018");
        assertRejected(t, Double.NaN, TypeMismatchException.class, "22018");
    }

    @Test
    void wideDecimalsKeepEveryDigit() {
        ColumnType t = ColumnType.decimal(40, 5);
        BigDecimal v = new BigDecimal("-12345678901234567890123456789012345.12345");
        assertThat(coerce(t, v)).isEqualTo(v);
        assertRejected(t, new BigDecimal("1e35"), ValueTooLargeException.class, "22003");
    }

    @Test
    void booleanTakesOnlyBooleans() {
        assertThat(coerce(ColumnType.BOOLEAN, true)).isEqualTo(true);
        assertRejected(ColumnType.BOOLEAN, 1, TypeMismatchException.class, "22018");
        assertRejected(ColumnType.BOOLEAN, "true", TypeMismatchException.class, "22018");
    }

    @Test
    void varcharCountsCodePointsAndRejectsLongerStringsWith22001() {
        ColumnType t = ColumnType.varchar(3);
        assertThat(coerce(t, "abc")).isEqualTo("abc");
        assertThat(coerce(t, "")).isEqualTo("");
        assertThat(coerce(t, "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")).isEqualTo("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00");
        assertRejected(t, "abcd", ValueTooLargeException.class, "22001");
        assertRejected(t, 12, TypeMismatchException.class, "22018");
    }

    @Test
    void charPadsWithSpacesAndIgnoresExcessTrailingSpaces() {
        ColumnType t = ColumnType.fixedChar(4);
        assertThat(coerce(t, "ab")).isEqualTo("ab  ");
        assertThat(coerce(t, "")).isEqualTo("    ");
        assertThat(coerce(t, "abcd   ")).isEqualTo("abcd");
        assertRejected(t, "abcde", ValueTooLargeException.class, "22001");
        assertRejected(t, 'a', TypeMismatchException.class, "22018");
    }

    @Test
    void varbinaryTakesByteArraysUpToItsLength() {
        ColumnType t = ColumnType.varbinary(2);
        assertThat((byte[]) coerce(t, new byte[] {1, 2})).containsExactly(1, 2);
        assertThat((byte[]) coerce(t, new byte[0])).isEmpty();
        assertRejected(t, new byte[] {1, 2, 3}, ValueTooLargeException.class, "22001");
        assertRejected(t, "ab", TypeMismatchException.class, "22018");
    }

    @Test
    void temporalTypesTakeJavaTimeAndJdbcValues() {
        LocalDate d = LocalDate.of(2024, 2, 29);
        LocalTime t = LocalTime.of(23, 59, 59, 999_999_999);
        LocalDateTime ts = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_789);
        assertThat(coerce(ColumnType.DATE, d)).isEqualTo(d);
        assertThat(coerce(ColumnType.DATE, Date.valueOf(d))).isEqualTo(d);
        assertThat(coerce(ColumnType.time(9), t)).isEqualTo(t);
        assertThat(coerce(ColumnType.TIME, Time.valueOf(LocalTime.of(1, 2, 3)))).isEqualTo(LocalTime.of(1, 2, 3));
        assertThat(coerce(ColumnType.timestamp(9), ts)).isEqualTo(ts);
        assertThat(coerce(ColumnType.timestamp(9), Timestamp.valueOf(ts))).isEqualTo(ts);
        assertRejected(ColumnType.DATE, "2024-02-29", TypeMismatchException.class, "22018");
        assertRejected(ColumnType.DATE, LocalDate.MAX, ValueTooLargeException.class, "22003");
        assertRejected(ColumnType.DATE, LocalDate.ofEpochDay(Integer.MIN_VALUE - 1L), ValueTooLargeException.class,
                "22003");
        assertThat(coerce(ColumnType.DATE, LocalDate.ofEpochDay(Integer.MIN_VALUE)))
                .isEqualTo(LocalDate.ofEpochDay(Integer.MIN_VALUE));
        assertRejected(ColumnType.TIME, ts, TypeMismatchException.class, "22018");
        assertRejected(ColumnType.TIMESTAMP, d, TypeMismatchException.class, "22018");
    }

    @Test
    void timeAndTimestampDeclaredWithoutAPrecisionKeepMillisecondsRoundedHalfUp() {
        assertThat(coerce(ColumnType.TIME, LocalTime.of(12, 0, 0, 1_500_000)))
                .isEqualTo(LocalTime.of(12, 0, 0, 2_000_000));
        assertThat(coerce(ColumnType.TIME, LocalTime.of(12, 0, 0, 1_499_999)))
                .isEqualTo(LocalTime.of(12, 0, 0, 1_000_000));
        assertThat(coerce(ColumnType.TIMESTAMP, LocalDateTime.of(2024, 2, 29, 12, 0, 0, 999_500_000)))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 1));
        assertThat(coerce(ColumnType.TIMESTAMP, Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 12, 0, 0, 400))))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0));
    }

    @Test
    void aTimestampWithTimeZoneIsTheInstantAtUtcWhateverJavaTypeNamesIt() {
        OffsetDateTime utc = OffsetDateTime.of(2026, 12, 3, 8, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime plusTwo = OffsetDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.ofHours(2));
        assertThat(coerce(ColumnType.TIMESTAMP_TZ, plusTwo)).isEqualTo(utc);
        assertThat(coerce(ColumnType.TIMESTAMP_TZ, plusTwo.toInstant())).isEqualTo(utc);
        assertThat(coerce(ColumnType.TIMESTAMP_TZ, plusTwo.atZoneSameInstant(ZoneId.of("Europe/Paris"))))
                .isEqualTo(utc);
        assertThat(coerce(ColumnType.TIMESTAMP_TZ, Timestamp.from(plusTwo.toInstant()))).isEqualTo(utc);
        assertThat(coerce(ColumnType.TIMESTAMP_TZ, LocalDateTime.of(2026, 12, 3, 8, 0))).isEqualTo(utc);
        assertThat(coerce(ColumnType.TIMESTAMP_TZ, plusTwo.withNano(999_500_000)))
                .isEqualTo(utc.plusSeconds(1));
        assertThat(coerce(ColumnType.timestampTz(0), plusTwo.withNano(400_000_000))).isEqualTo(utc);
        assertRejected(ColumnType.TIMESTAMP_TZ, LocalDate.of(2026, 12, 3), TypeMismatchException.class, "22018");
    }

    @Test
    void timeAndTimestampRoundHalfUpToTheirDeclaredDigits() {
        LocalTime t = LocalTime.of(8, 30, 15, 250_000_000);
        assertThat(coerce(ColumnType.time(0), t)).isEqualTo(LocalTime.of(8, 30, 15));
        assertThat(coerce(ColumnType.time(0), t.plusNanos(250_000_000))).isEqualTo(LocalTime.of(8, 30, 16));
        assertThat(coerce(ColumnType.time(1), t)).isEqualTo(LocalTime.of(8, 30, 15, 300_000_000));
        assertThat(coerce(ColumnType.time(2), t.plusNanos(4_999_999))).isEqualTo(t);
        assertThat(coerce(ColumnType.time(2), Time.valueOf(LocalTime.of(1, 2, 3)))).isEqualTo(LocalTime.of(1, 2, 3));
        LocalDateTime ts = LocalDateTime.of(1969, 12, 31, 23, 59, 58, 449_999_999);
        assertThat(coerce(ColumnType.timestamp(0), ts)).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 58));
        assertThat(coerce(ColumnType.timestamp(1), ts))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 58, 400_000_000));
        assertThat(coerce(ColumnType.timestamp(6), ts))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 58, 450_000_000));
        assertThat(coerce(ColumnType.timestamp(2), Timestamp.valueOf(ts)))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 58, 450_000_000));
    }

    @Test
    void aTimestampRoundingUpCarriesIntoTheNextSecondMinuteDayAndYear() {
        assertThat(coerce(ColumnType.timestamp(0), LocalDateTime.of(2024, 12, 31, 23, 59, 59, 500_000_000)))
                .isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 0));
        assertThat(coerce(ColumnType.timestamp(1), LocalDateTime.of(2024, 2, 28, 23, 59, 59, 950_000_000)))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(coerce(ColumnType.timestamp(2), LocalDateTime.of(2024, 2, 29, 10, 14, 59, 995_000_000)))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 10, 15));
        assertThat(coerce(ColumnType.timestamp(0), LocalDateTime.MAX)).isEqualTo(LocalDateTime.MAX.withNano(0));
        assertThat(coerce(ColumnType.timestamp(2), LocalDateTime.MAX))
                .isEqualTo(LocalDateTime.MAX.withNano(990_000_000));
    }

    @Test
    void aTimeRoundingPastTheEndOfTheDayIsTheLastTimeItsPrecisionHolds() {
        assertThat(coerce(ColumnType.time(0), LocalTime.of(23, 59, 59, 500_000_000)))
                .isEqualTo(LocalTime.of(23, 59, 59));
        assertThat(coerce(ColumnType.time(1), LocalTime.MAX)).isEqualTo(LocalTime.of(23, 59, 59, 900_000_000));
        assertThat(coerce(ColumnType.TIME, LocalTime.MAX)).isEqualTo(LocalTime.of(23, 59, 59, 999_000_000));
        assertThat(coerce(ColumnType.time(0), LocalTime.of(23, 59, 58, 500_000_000)))
                .isEqualTo(LocalTime.of(23, 59, 59));
        assertThat(coerce(ColumnType.time(0), LocalTime.MIDNIGHT)).isEqualTo(LocalTime.MIDNIGHT);
    }
}

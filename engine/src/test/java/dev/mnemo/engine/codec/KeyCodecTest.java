package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.testing.Format10Keys;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KeyCodec: comparing encodings as unsigned bytes orders them exactly as their values, for every type, NULL
 * first, and component by component for composite keys; each component delimits itself.
 */
class KeyCodecTest {
    private static final ColumnType DEC = ColumnType.decimal(40, 3);
    private static final ColumnType CHAR4 = ColumnType.fixedChar(4);
    private static final ColumnType VARCHAR = ColumnType.varchar(64);
    private static final ColumnType VARBINARY = ColumnType.varbinary(64);

    /** Value order with NULL first; strings as String.compareTo, doubles with -0.0 equal to 0.0 and NaN last. */
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Double) {
            double x = (Double) a;
            double y = (Double) b;
            return x == y ? 0 : Double.compare(x, y);
        }
        if (a instanceof Float) {
            float x = (Float) a;
            float y = (Float) b;
            return x == y ? 0 : Float.compare(x, y);
        }
        if (a instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (a instanceof byte[]) {
            return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
        }
        if (a instanceof UUID) {
            // As the identifiers' text orders: each half unsigned (UUID.compareTo compares them signed).
            int high = Long.compareUnsigned(((UUID) a).getMostSignificantBits(), ((UUID) b).getMostSignificantBits());
            return high != 0 ? high
                    : Long.compareUnsigned(((UUID) a).getLeastSignificantBits(), ((UUID) b).getLeastSignificantBits());
        }
        @SuppressWarnings("unchecked")
        Comparable<Object> c = (Comparable<Object>) a;
        return c.compareTo(b);
    }

    private static byte[] encode(ColumnType type, Object value) {
        ByteSink out = new ByteSink(8);
        KeyCodec.encode(type, Values.coerce(type, value, "K"), out);
        return out.toByteArray();
    }

    private static void assertOrderPreserved(ColumnType type, Object a, Object b) {
        Object ca = Values.coerce(type, a, "K");
        Object cb = Values.coerce(type, b, "K");
        int byValue = Integer.signum(compareValues(ca, cb));
        int byBytes = Integer.signum(Arrays.compareUnsigned(encode(type, a), encode(type, b)));
        assertThat(byBytes).as("%s: %s vs %s", type, a, b).isEqualTo(byValue);
    }

    private static void assertSelfDelimiting(ColumnType type, Object v) {
        byte[] enc = encode(type, v);
        byte[] withTail = Arrays.copyOf(enc, enc.length + 3);
        withTail[enc.length] = 0x01;
        assertThat(KeyCodec.skip(type, withTail, 0)).as("%s: %s", type, v).isEqualTo(enc.length);
    }

    // ---- one property per type --------------------------------------------------------------------------

    @Property(tries = 200)
    void bigintKeysSortLikeTheirValues(@ForAll("bigints") Long a, @ForAll("bigints") Long b) {
        assertOrderPreserved(ColumnType.BIGINT, a, b);
        assertSelfDelimiting(ColumnType.BIGINT, a);
    }

    @Property(tries = 200)
    void integerKeysSortLikeTheirValues(@ForAll("integers") Integer a, @ForAll("integers") Integer b) {
        assertOrderPreserved(ColumnType.INTEGER, a, b);
        assertSelfDelimiting(ColumnType.INTEGER, a);
    }

    @Property(tries = 200)
    void smallintKeysSortLikeTheirValues(@ForAll("smallints") Short a, @ForAll("smallints") Short b) {
        assertOrderPreserved(ColumnType.SMALLINT, a, b);
        assertSelfDelimiting(ColumnType.SMALLINT, a);
    }

    @Property(tries = 200)
    void doubleKeysSortLikeTheirValues(@ForAll("doubles") Double a, @ForAll("doubles") Double b) {
        assertOrderPreserved(ColumnType.DOUBLE, a, b);
        assertSelfDelimiting(ColumnType.DOUBLE, a);
    }

    @Property(tries = 200)
    void realKeysSortLikeTheirValues(@ForAll("reals") Float a, @ForAll("reals") Float b) {
        assertOrderPreserved(ColumnType.REAL, a, b);
        assertSelfDelimiting(ColumnType.REAL, a);
    }

    @Property(tries = 200)
    void decimalKeysSortLikeTheirValues(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        assertOrderPreserved(DEC, a, b);
        assertSelfDelimiting(DEC, a);
    }

    @Property(tries = 200)
    void varcharKeysSortAsStringCompareTo(@ForAll("strings") String a, @ForAll("strings") String b) {
        assertOrderPreserved(VARCHAR, a, b);
        assertSelfDelimiting(VARCHAR, a);
    }

    @Property(tries = 1000)
    void anyTextsKeysSortAsStringCompareTo(@ForAll("unitTexts") String a, @ForAll("unitTexts") String b) {
        int byValue = Integer.signum(a.compareTo(b));
        int byBytes = Integer.signum(Arrays.compareUnsigned(encode(VARCHAR, a), encode(VARCHAR, b)));
        assertThat(byBytes).as("%s vs %s", escaped(a), escaped(b)).isEqualTo(byValue);
        assertSelfDelimiting(VARCHAR, a);
    }

    @Test
    void aSupplementaryCharacterSortsAmongTheSurrogatesBeforeU_E000() {
        // String.compareTo's order, and SQL's: U+1F600 is D83D DE00, below the fullwidth forms and private use.
        assertSorted(VARCHAR, "\uD7FF", "\uD83D", "\uD83D\uDE00", "\uD83D\uDE00a", "\uDBFF\uDFFF", "\uDFFF",
                "\uE000", "\uFF01", "\uFF3A", "\uFFFF");
        assertThat("\uD83D\uDE00".compareTo("\uFF3A")).isNegative();
    }

    @Test
    void aKeyWithoutSupplementaryCharactersIsItsUtf8() {
        for (String s : List.of("", "abc", "h\u00E9llo", "\uFF3A\u4E2D", "a\0b", "\uD800")) {
            byte[] utf8 = Utf8.encode(s);
            assertThat(Utf8.encodeCodeUnits(s)).as(escaped(s)).isEqualTo(utf8);
        }
        assertThat(encode(VARCHAR, "\uD83D\uDE00")).containsExactly(0x01, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, 0, 0);
    }

    @Property(tries = 500)
    void upgradeTextTurnsAFormat10KeyIntoTheNewOne(@ForAll("unitTexts") String a, @ForAll("unitTexts") String b,
                                                   @ForAll long n) {
        ColumnType[] types = {ColumnType.BIGINT, VARCHAR, CHAR4, VARCHAR};
        Object[] values = {n, a, "x   ", b};
        byte[] now = KeyCodec.encode(types, values);
        assertThat(KeyCodec.upgradeText(types, format10Key(types, values))).as("%s, %s", escaped(a), escaped(b))
                .isEqualTo(now);
        assertThat(KeyCodec.upgradeText(types, now)).isSameAs(now);
        // A prefix (a range bound) too.
        ColumnType[] two = Arrays.copyOf(types, 2);
        Object[] prefix = {n, a};
        assertThat(KeyCodec.upgradeText(types, format10Key(two, prefix))).isEqualTo(KeyCodec.encode(two, prefix));
    }

    @Test
    void upgradeTextLeavesBytesThatAreNoKeyOfTheTypes() {
        byte[] notAKey = {0x01, (byte) 0xF0, (byte) 0x9F};
        assertThat(KeyCodec.upgradeText(new ColumnType[] {VARCHAR}, notAKey)).isSameAs(notAKey);
        byte[] number = KeyCodec.encode(new ColumnType[] {ColumnType.BIGINT}, new Object[] {-0x0F0F0F0F0F0FL});
        assertThat(KeyCodec.upgradeText(new ColumnType[] {ColumnType.BIGINT}, number)).isSameAs(number);
    }

    private static byte[] format10Key(ColumnType[] types, Object[] values) {
        return Format10Keys.key(types, values);
    }

    @Property(tries = 300)
    void distinctCharSequencesGiveDistinctKeys(@ForAll("anyTexts") String a, @ForAll("anyTexts") String b) {
        assertThat(Arrays.equals(encode(VARCHAR, a), encode(VARCHAR, b))).as("%s vs %s", escaped(a), escaped(b))
                .isEqualTo(a.equals(b));
        assertSelfDelimiting(VARCHAR, a);
    }

    @Test
    void aLoneSurrogateSortsAfterU_D7FF_andBeforeU_E000() {
        assertSorted(VARCHAR, "\uD7FF", "\uD800", "\uD800a", "\uD800\uDC00", "\uDBFF", "\uDC00", "\uDFFF",
                "\uE000", "\uFFFF");
    }

    @Property(tries = 200)
    void charKeysSortLikeTheirPaddedValues(@ForAll("shortStrings") String a, @ForAll("shortStrings") String b) {
        assertOrderPreserved(CHAR4, a, b);
        assertSelfDelimiting(CHAR4, a);
    }

    @Property(tries = 200)
    void varbinaryKeysSortAsUnsignedBytes(@ForAll("binaries") byte[] a, @ForAll("binaries") byte[] b) {
        assertOrderPreserved(VARBINARY, a, b);
        assertSelfDelimiting(VARBINARY, a);
    }

    @Property(tries = 200)
    void temporalKeysSortLikeTheirValues(@ForAll("dates") LocalDate d1, @ForAll("dates") LocalDate d2,
                                         @ForAll("times") LocalTime t1, @ForAll("times") LocalTime t2,
                                         @ForAll("timestamps") LocalDateTime s1,
                                         @ForAll("timestamps") LocalDateTime s2) {
        assertOrderPreserved(ColumnType.DATE, d1, d2);
        assertOrderPreserved(ColumnType.TIME, t1, t2);
        assertOrderPreserved(ColumnType.TIMESTAMP, s1, s2);
        assertSelfDelimiting(ColumnType.DATE, d1);
        assertSelfDelimiting(ColumnType.TIME, t1);
        assertSelfDelimiting(ColumnType.TIMESTAMP, s1);
    }

    @Property(tries = 300)
    void uuidKeysSortAsTheirTextUnsigned(@ForAll("uuids") UUID a, @ForAll("uuids") UUID b) {
        assertOrderPreserved(ColumnType.UUID, a, b);
        assertSelfDelimiting(ColumnType.UUID, a);
        if (a != null && b != null) {
            assertThat(Integer.signum(compareValues(a, b))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
        }
    }

    @Property(tries = 200)
    void timestampWithTimeZoneKeysSortByInstantWhateverTheirOffsets(
            @ForAll("timestamps") LocalDateTime s1, @ForAll("timestamps") LocalDateTime s2,
            @ForAll("offsets") ZoneOffset o1, @ForAll("offsets") ZoneOffset o2) {
        OffsetDateTime a = s1.atOffset(o1);
        OffsetDateTime b = s2.atOffset(o2);
        ColumnType tz = ColumnType.timestampTz(9);
        int byInstant = Integer.signum(a.toInstant().compareTo(b.toInstant()));
        int byBytes = Integer.signum(Arrays.compareUnsigned(encode(tz, a), encode(tz, b)));
        assertThat(byBytes).as("%s vs %s", a, b).isEqualTo(byInstant);
        assertThat(encode(tz, a)).isEqualTo(encode(tz, a.toInstant()));
        assertSelfDelimiting(tz, a);
    }

    @Provide
    Arbitrary<ZoneOffset> offsets() {
        return Arbitraries.integers().between(-18 * 3600, 18 * 3600).map(ZoneOffset::ofTotalSeconds);
    }

    // ---- composite keys ---------------------------------------------------------------------------------

    private static final ColumnType[] COMPOSITE = {ColumnType.INTEGER, VARCHAR, ColumnType.DOUBLE};

    @Property(tries = 300)
    void compositeKeysSortComponentByComponent(@ForAll("composites") List<Object> a,
                                               @ForAll("composites") List<Object> b) {
        int byValue = 0;
        for (int i = 0; i < COMPOSITE.length && byValue == 0; i++) {
            byValue = Integer.signum(compareValues(a.get(i), b.get(i)));
        }
        byte[] ea = KeyCodec.encode(COMPOSITE, a.toArray());
        byte[] eb = KeyCodec.encode(COMPOSITE, b.toArray());
        assertThat(Integer.signum(Arrays.compareUnsigned(ea, eb))).as("%s vs %s", a, b).isEqualTo(byValue);
    }

    @Property(tries = 200)
    void aKeyPrefixEncodesAsAPrefixOfTheWholeKey(@ForAll("composites") List<Object> key) {
        byte[] whole = KeyCodec.encode(COMPOSITE, key.toArray());
        for (int n = 0; n <= COMPOSITE.length; n++) {
            byte[] prefix = KeyCodec.encode(Arrays.copyOf(COMPOSITE, n), key.subList(0, n).toArray());
            assertThat(Arrays.copyOf(whole, prefix.length)).isEqualTo(prefix);
        }
        int pos = 0;
        for (ColumnType t : COMPOSITE) {
            pos = KeyCodec.skip(t, whole, pos);
        }
        assertThat(pos).isEqualTo(whole.length);
    }

    // ---- the edges, spelled out ---------------------------------------------------------------------------

    @Test
    void negativeAndPositiveZeroAreOneKey() {
        assertThat(encode(ColumnType.DOUBLE, -0.0d)).isEqualTo(encode(ColumnType.DOUBLE, 0.0d));
        assertThat(encode(ColumnType.REAL, -0.0f)).isEqualTo(encode(ColumnType.REAL, 0.0f));
    }

    @Test
    void doublesSortFromMinusInfinityThroughZeroToInfinityThenNaN() {
        assertSorted(ColumnType.DOUBLE, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.0, -Double.MIN_VALUE, 0.0,
                Double.MIN_VALUE, 1.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN);
    }

    @Test
    void negativeNumbersSortBeforePositiveOnes() {
        assertSorted(ColumnType.BIGINT, Long.MIN_VALUE, -2L, -1L, 0L, 1L, Long.MAX_VALUE);
        assertSorted(ColumnType.INTEGER, Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE);
        assertSorted(ColumnType.SMALLINT, Short.MIN_VALUE, (short) -1, (short) 0, (short) 1, Short.MAX_VALUE);
        assertSorted(DEC, new BigDecimal("-1e36"), new BigDecimal("-256"), new BigDecimal("-255"),
                new BigDecimal("-1"), new BigDecimal("-0.001"), BigDecimal.ZERO, new BigDecimal("0.001"),
                BigDecimal.ONE, new BigDecimal("255"), new BigDecimal("256"), new BigDecimal("1e36"));
        assertSorted(ColumnType.DATE, LocalDate.of(1, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.EPOCH,
                LocalDate.of(9999, 12, 31));
        assertSorted(ColumnType.timestamp(9), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1));
    }

    @Test
    void uuidsSortByTheirBytesUnsignedWithTheHighHalfFirst() {
        assertSorted(ColumnType.UUID, null, new UUID(0, 0), new UUID(0, 1), new UUID(0, Long.MAX_VALUE),
                new UUID(0, Long.MIN_VALUE), new UUID(0, -1), new UUID(1, 0), new UUID(Long.MAX_VALUE, -1),
                new UUID(Long.MIN_VALUE, 0), new UUID(-1, -1));
        assertThat(encode(ColumnType.UUID, UUID.fromString("00112233-4455-6677-8899-aabbccddeeff")))
                .as("a value tag, then the 16 bytes as the text spells them")
                .isEqualTo(HexFormat.of().parseHex("0100112233445566778899aabbccddeeff"));
    }

    @Test
    void stringsWithEmbeddedZeroBytesSortAndDelimitCorrectly() {
        assertSorted(VARCHAR, "", "\0", "\0\0", "\0\u0001", "a", "a\0", "a\0\0", "a\0b", "a\u0001", "ab", "\u00ff",
                "\uD83D\uDE00", "\uFFFF");
        assertSorted(VARBINARY, new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {0, (byte) 0xFF},
                new byte[] {1}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFF, 0},
                new byte[] {(byte) 0xFF, (byte) 0xFF});
        for (String s : new String[] {"", "\0", "a\0", "\0\0\0"}) {
            assertSelfDelimiting(VARCHAR, s);
        }
    }

    @Test
    void nullSortsBeforeEveryValueOfItsType() {
        assertSorted(ColumnType.BIGINT, null, Long.MIN_VALUE);
        assertSorted(ColumnType.DOUBLE, null, Double.NEGATIVE_INFINITY);
        assertSorted(VARCHAR, null, "");
        assertSorted(VARBINARY, null, new byte[0]);
        assertSorted(ColumnType.BOOLEAN, null, false, true);
        assertSorted(DEC, null, new BigDecimal("-1e36"));
        assertSelfDelimiting(VARCHAR, null);
    }

    @Test
    void aShorterStringPrefixSortsBeforeTheLongerCompositeKey() {
        ColumnType[] types = {VARCHAR, ColumnType.INTEGER};
        byte[] a = KeyCodec.encode(types, new Object[] {"ab", Integer.MAX_VALUE});
        byte[] b = KeyCodec.encode(types, new Object[] {"ab\0", Integer.MIN_VALUE});
        byte[] c = KeyCodec.encode(types, new Object[] {"abc", Integer.MIN_VALUE});
        assertThat(Arrays.compareUnsigned(a, b)).isNegative();
        assertThat(Arrays.compareUnsigned(b, c)).isNegative();
    }

    private static void assertSorted(ColumnType type, Object... ascending) {
        for (int i = 0; i + 1 < ascending.length; i++) {
            byte[] lo = encode(type, ascending[i]);
            byte[] hi = encode(type, ascending[i + 1]);
            assertThat(Arrays.compareUnsigned(lo, hi)).as("%s: %s < %s", type, show(ascending[i]),
                    show(ascending[i + 1])).isNegative();
        }
    }

    private static String escaped(String s) {
        return Texts.escaped(s);
    }

    private static String show(Object v) {
        return v instanceof byte[] ? Arrays.toString((byte[]) v) : String.valueOf(v);
    }

    // ---- generators -------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Long> bigints() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-3, 3)).injectNull(0.05);
    }

    @Provide
    Arbitrary<Integer> integers() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-3, 3)).injectNull(0.05);
    }

    @Provide
    Arbitrary<Short> smallints() {
        return Arbitraries.shorts().injectNull(0.05);
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(-0.0d, 0.0d, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                        Double.MIN_VALUE, -Double.MIN_VALUE)).injectNull(0.05);
    }

    @Provide
    Arbitrary<Float> reals() {
        return Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.integers().map(Float::intBitsToFloat),
                Arbitraries.of(-0.0f, 0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY))
                .injectNull(0.05);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        BigInteger max = BigInteger.TEN.pow(40).subtract(BigInteger.ONE);
        return Arbitraries.oneOf(Arbitraries.bigIntegers().between(max.negate(), max),
                        Arbitraries.bigIntegers().between(BigInteger.valueOf(-70_000), BigInteger.valueOf(70_000)))
                .map(u -> new BigDecimal(u, 3)).injectNull(0.05);
    }

    @Provide
    Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(0, 1, (int) 'a', (int) 'b', 0x7F, 0x80, 0xFF, 0xFFFF, 0x10000,
                        0x10FFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)));
        return codePoint.list().ofMaxSize(8).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        }).injectNull(0.05);
    }

    /**
     * Text where the code point and code unit orders part: supplementary characters, lone surrogates, U+E000..U+FFFF
     * (fullwidth forms among them), beside ASCII, NUL and other BMP chars.
     */
    @Provide
    Arbitrary<String> unitTexts() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of("a", "b", "\0", "\u00E9", "\uD7FF")),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString)),
                net.jqwik.api.Tuple.of(3, Arbitraries.chars().range('\uE000', '\uFFFF').map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\uFF01', '\uFF5E').map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("\uD83D\uDE00", "\uDBFF\uDFFF", "\uD800\uDC00")),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().map(String::valueOf)));
        return piece.list().ofMaxSize(6).map(ps -> String.join("", ps));
    }

    /** Any char sequence, lone surrogates included. */
    @Provide
    Arbitrary<String> anyTexts() {
        return Texts.anyCharSequences();
    }

    @Provide
    Arbitrary<String> shortStrings() {
        return Arbitraries.strings().withChars(" ab\0~").ofMaxLength(4);
    }

    @Provide
    Arbitrary<byte[]> binaries() {
        return Arbitraries.bytes().between((byte) -2, (byte) 2).array(byte[].class).ofMaxSize(6).injectNull(0.05);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(-100_000, 1, 1).toEpochDay(),
                LocalDate.of(100_000, 1, 1).toEpochDay()).map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<LocalTime> times() {
        return Arbitraries.longs().between(0, LocalTime.MAX.toNanoOfDay()).map(LocalTime::ofNanoOfDay);
    }

    @Provide
    Arbitrary<LocalDateTime> timestamps() {
        return Combinators.combine(Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
                        Arbitraries.integers().between(0, 999_999_999))
                .as((s, n) -> LocalDateTime.ofEpochSecond(s, n, ZoneOffset.UTC));
    }

    @Provide
    Arbitrary<UUID> uuids() {
        Arbitrary<Long> half = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        return Combinators.combine(half, half).as(UUID::new).injectNull(0.05);
    }

    @Provide
    Arbitrary<List<Object>> composites() {
        return Combinators.combine(Arbitraries.integers().between(-2, 2).injectNull(0.1),
                Arbitraries.strings().withChars("a\0b").ofMaxLength(3).injectNull(0.1),
                Arbitraries.of(-1.0d, -0.0d, 0.0d, 1.0d).injectNull(0.1))
                .as((i, s, d) -> {
                    List<Object> out = new ArrayList<>(3);
                    out.add(i);
                    out.add(s);
                    out.add(d);
                    return out;
                });
    }
}

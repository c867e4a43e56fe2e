package dev.mnemo.engine.offheap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffHeapSortedSetTest {
    /** Small pages force deep trees, many splits and merges with few keys. */
    private static final int PAGE_BYTES = 256;
    private static final int KEY_BYTES_MAX = 32;
    private static final HexFormat HEX = HexFormat.of();

    private static OffHeapSortedSet newSet() {
        return new OffHeapSortedSet(PAGE_BYTES, KEY_BYTES_MAX);
    }

    private static TreeSet<byte[]> newModel() {
        return new TreeSet<>(Arrays::compareUnsigned);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] intKey(int i) {
        return bytes(i >>> 24, i >>> 16, i >>> 8, i);
    }

    private static List<String> hex(Iterable<byte[]> keys) {
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(HEX.formatHex(k)));
        return out;
    }

    private static List<String> scan(OffHeapSortedSet set, byte[] from, boolean inclusive, boolean descending) {
        List<byte[]> seen = new ArrayList<>();
        set.forEach(from, inclusive, descending, seen::add);
        return hex(seen);
    }

    private static NavigableSet<byte[]> modelScan(TreeSet<byte[]> model, byte[] from, boolean incl, boolean desc) {
        if (from == null) {
            return desc ? model.descendingSet() : model;
        }
        return desc ? model.headSet(from, incl).descendingSet() : model.tailSet(from, incl);
    }

    private static void assertSameContents(OffHeapSortedSet set, TreeSet<byte[]> model) {
        assertThat(set.size()).isEqualTo(model.size());
        assertThat(scan(set, null, true, false)).isEqualTo(hex(model));
        assertThat(scan(set, null, true, true)).isEqualTo(hex(model.descendingSet()));
    }

    @Test
    void emptySetHasNoKeysAndScansNothing() {
        try (OffHeapSortedSet set = newSet()) {
            assertThat(set.size()).isZero();
            assertThat(set.contains(bytes())).isFalse();
            assertThat(set.contains(bytes(1))).isFalse();
            assertThat(set.remove(bytes(1))).isFalse();
            assertThat(scan(set, null, true, false)).isEmpty();
            assertThat(scan(set, bytes(5), true, true)).isEmpty();
            assertThat(set.next(null, true, false, 10, new ArrayList<>())).isZero();
            assertThat(set.offHeapBytes()).isEqualTo(PAGE_BYTES);
        }
    }

    @Test
    void singleKeyIsAddedOnceFoundAndRemoved() {
        try (OffHeapSortedSet set = newSet()) {
            byte[] key = bytes(1, 2, 3);
            assertThat(set.add(key)).isTrue();
            key[0] = 9; // the set keeps its own copy
            assertThat(set.add(bytes(1, 2, 3))).isFalse();
            assertThat(set.size()).isEqualTo(1);
            assertThat(set.contains(bytes(1, 2, 3))).isTrue();
            assertThat(set.contains(bytes(1, 2))).isFalse();
            assertThat(set.contains(bytes(1, 2, 3, 0))).isFalse();
            assertThat(scan(set, null, true, false)).containsExactly("010203");
            assertThat(set.remove(bytes(1, 2, 3))).isTrue();
            assertThat(set.remove(bytes(1, 2, 3))).isFalse();
            assertThat(set.size()).isZero();
            assertThat(scan(set, null, true, false)).isEmpty();
        }
    }

    @Test
    void prefixesSortFirstAndBytesCompareUnsigned() {
        try (OffHeapSortedSet set = newSet()) {
            byte[][] keys = {bytes(0x80), bytes(0x7f, 0), bytes(), bytes(0x7f), bytes(0xff), bytes(0x80, 0),
                bytes(0), bytes(0x7f, 0xff), bytes(0, 0)};
            for (byte[] k : keys) {
                assertThat(set.add(k)).isTrue();
            }
            assertThat(scan(set, null, true, false))
                    .containsExactly("", "00", "0000", "7f", "7f00", "7fff", "80", "8000", "ff");
            assertThat(scan(set, bytes(0x7f), false, false)).startsWith("7f00", "7fff", "80");
            assertThat(scan(set, bytes(0x80), false, true)).startsWith("7fff", "7f00", "7f");
            assertThat(set.contains(bytes())).isTrue();
        }
    }

    @Test
    void keyOfExactlyKeyBytesMaxIsAcceptedAndOneMoreByteIsRejected() {
        try (OffHeapSortedSet set = newSet()) {
            byte[] longest = new byte[KEY_BYTES_MAX];
            Arrays.fill(longest, (byte) 0xee);
            assertThat(set.add(longest)).isTrue();
            assertThat(set.contains(longest)).isTrue();
            byte[] tooLong = Arrays.copyOf(longest, KEY_BYTES_MAX + 1);
            assertThatThrownBy(() -> set.add(tooLong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("33 bytes").hasMessageContaining("keyBytesMax 32");
            assertThat(set.contains(tooLong)).isFalse();
            assertThat(set.remove(tooLong)).isFalse();
            assertThat(set.size()).isEqualTo(1);
        }
    }

    @Test
    void manyLongestKeysStillSplitCorrectly() {
        try (OffHeapSortedSet set = newSet()) {
            TreeSet<byte[]> model = newModel();
            Random random = new Random(7);
            for (int i = 0; i < 5_000; i++) {
                byte[] key = new byte[KEY_BYTES_MAX];
                random.nextBytes(key);
                assertThat(set.add(key)).isEqualTo(model.add(key));
            }
            assertSameContents(set, model);
        }
    }

    @Test
    void constructorRejectsPagesThatCannotHoldFourLongestKeys() {
        int limit = (PAGE_BYTES - 24) / 4 - 8;
        new OffHeapSortedSet(PAGE_BYTES, limit).close();
        assertThatThrownBy(() -> new OffHeapSortedSet(PAGE_BYTES, limit + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyBytesMax " + (limit + 1));
        assertThatThrownBy(() -> new OffHeapSortedSet(PAGE_BYTES, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffHeapSortedSet(127, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffHeapSortedSet((1 << 16) + 1, 8))
                .isInstanceOf(IllegalArgumentException.class);
        new OffHeapSortedSet(1 << 16, 1000).close();
    }

    @Test
    void twoHundredThousandRandomKeysMatchATreeSetThroughSplitsAndDeletes() {
        try (OffHeapSortedSet set = newSet()) {
            TreeSet<byte[]> model = newModel();
            Random random = new Random(42);
            List<byte[]> added = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                byte[] key = new byte[1 + random.nextInt(12)];
                random.nextBytes(key);
                assertThat(set.add(key)).isEqualTo(model.add(key));
                added.add(key);
            }
            assertSameContents(set, model);
            for (int i = 0; i < 50_000; i++) {
                byte[] probe = new byte[1 + random.nextInt(3)];
                random.nextBytes(probe);
                assertThat(set.contains(probe)).isEqualTo(model.contains(probe));
                assertThat(set.contains(added.get(i))).isTrue();
            }
            for (int i = 0; i < added.size(); i += 2) {
                assertThat(set.remove(added.get(i))).isEqualTo(model.remove(added.get(i)));
            }
            assertSameContents(set, model);
        }
    }

    @Test
    void deletingEverythingEmptiesTheSetAndRegrowthReusesFreedPages() {
        try (OffHeapSortedSet set = newSet()) {
            List<byte[]> keys = new ArrayList<>();
            Random random = new Random(3);
            for (int i = 0; i < 20_000; i++) {
                byte[] key = new byte[4 + random.nextInt(8)];
                random.nextBytes(key);
                keys.add(key);
            }
            long afterFirstCycle = 0;
            for (int cycle = 0; cycle < 10; cycle++) {
                keys.forEach(set::add);
                assertThat(set.size()).isEqualTo(new TreeSet<>(hex(keys)).size());
                afterFirstCycle = cycle == 0 ? set.offHeapBytes() : afterFirstCycle;
                assertThat(set.offHeapBytes()).isEqualTo(afterFirstCycle);
                for (int i = keys.size() - 1; i >= 0; i--) {
                    set.remove(keys.get(i));
                }
                assertThat(set.size()).isZero();
                assertThat(scan(set, null, true, false)).isEmpty();
                assertThat(scan(set, null, true, true)).isEmpty();
            }
            assertThat(afterFirstCycle).isGreaterThan(100L * PAGE_BYTES);
        }
    }

    @Test
    void randomChurnKeepsOffHeapBytesBounded() {
        try (OffHeapSortedSet set = newSet()) {
            TreeSet<byte[]> model = newModel();
            Random random = new Random(11);
            long peak = 0;
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 5_000; i++) {
                    byte[] key = intKey(random.nextInt(4_000));
                    if (random.nextBoolean()) {
                        assertThat(set.add(key)).isEqualTo(model.add(key));
                    } else {
                        assertThat(set.remove(key)).isEqualTo(model.remove(key));
                    }
                }
                peak = round == 1 ? set.offHeapBytes() : peak;
            }
            assertSameContents(set, model);
            assertThat(set.offHeapBytes()).isLessThanOrEqualTo(2 * peak);
        }
    }

    @Test
    void clearEmptiesTheSetAndItStaysUsable() {
        try (OffHeapSortedSet set = newSet()) {
            for (int i = 0; i < 10_000; i++) {
                set.add(intKey(i));
            }
            set.clear();
            assertThat(set.size()).isZero();
            assertThat(set.contains(intKey(5))).isFalse();
            assertThat(set.offHeapBytes()).isEqualTo(PAGE_BYTES);
            assertThat(set.add(intKey(5))).isTrue();
            assertThat(scan(set, null, true, false)).containsExactly("00000005");
        }
    }

    @Test
    void scansStartAtEveryBoundInclusiveOrExclusiveInBothDirections() {
        try (OffHeapSortedSet set = newSet()) {
            TreeSet<byte[]> model = newModel();
            for (int i = 0; i < 600; i += 2) { // even keys only, so odd bounds fall between keys
                set.add(bytes(i >>> 8, i));
                model.add(bytes(i >>> 8, i));
            }
            for (int b = -1; b <= 601; b++) {
                byte[] from = b < 0 ? bytes() : bytes(b >>> 8, b);
                for (boolean incl : new boolean[] {true, false}) {
                    for (boolean desc : new boolean[] {true, false}) {
                        assertThat(scan(set, from, incl, desc)).as("from %d incl %s desc %s", b, incl, desc)
                                .isEqualTo(hex(modelScan(model, from, incl, desc)));
                    }
                }
            }
            assertThat(scan(set, bytes(0, 0, 0), true, false)).first().isEqualTo("0002");
            assertThat(scan(set, bytes(0, 2, 0), true, true)).first().isEqualTo("0002");
        }
    }

    @Test
    void nextCopiesAtMostMaxKeysAndChunksResumeExclusively() {
        try (OffHeapSortedSet set = newSet()) {
            TreeSet<byte[]> model = newModel();
            for (int i = 0; i < 1_000; i++) {
                set.add(intKey(i * 3));
                model.add(intKey(i * 3));
            }
            for (boolean desc : new boolean[] {false, true}) {
                List<byte[]> all = new ArrayList<>();
                List<byte[]> chunk = new ArrayList<>();
                byte[] cursor = intKey(1_500);
                boolean inclusive = true;
                int n;
                do {
                    chunk.clear();
                    n = set.next(cursor, inclusive, desc, 7, chunk);
                    assertThat(chunk).hasSize(n);
                    assertThat(n).isLessThanOrEqualTo(7);
                    all.addAll(chunk);
                    cursor = n > 0 ? chunk.get(n - 1) : cursor;
                    inclusive = false;
                } while (n == 7);
                assertThat(hex(all)).isEqualTo(hex(modelScan(model, intKey(1_500), true, desc)));
            }
            assertThat(set.next(null, true, false, 0, new ArrayList<>())).isZero();
            assertThatThrownBy(() -> set.next(null, true, false, -1, new ArrayList<>()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void visitorReturningFalseStopsTheScan() {
        try (OffHeapSortedSet set = newSet()) {
            for (int i = 0; i < 1_000; i++) {
                set.add(intKey(i));
            }
            List<byte[]> seen = new ArrayList<>();
            set.forEach(intKey(500), false, false, k -> seen.add(k) && seen.size() < 300);
            assertThat(seen).hasSize(300);
            assertThat(HEX.formatHex(seen.get(0))).isEqualTo("000001f5");
            assertThat(HEX.formatHex(seen.get(299))).isEqualTo(HEX.formatHex(intKey(800)));
        }
    }

    @Test
    void aWalkThatWantsTenKeysCopiesTenFirst() {
        for (boolean descending : new boolean[] {false, true}) {
            try (OffHeapSortedSet set = newSet()) {
                for (int i = 0; i < 40; i++) {
                    set.add(intKey(2 * i));
                }
                // Added past the tenth key once the walk began: seen only if the first chunk stopped at ten keys.
                byte[] afterTenth = intKey(descending ? 78 - 19 : 19);
                List<String> seen = new ArrayList<>();
                set.forEach(null, true, descending, 10, k -> {
                    set.add(afterTenth);
                    return seen.add(HEX.formatHex(k)) && seen.size() < 12;
                });
                assertThat(seen).as(descending ? "descending" : "ascending").hasSize(12)
                        .element(10).isEqualTo(HEX.formatHex(afterTenth));
            }
        }
        try (OffHeapSortedSet set = newSet()) {
            assertThatThrownBy(() -> set.forEach(null, true, false, 0, k -> true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closedSetRejectsEveryCall() {
        OffHeapSortedSet set = newSet();
        set.add(bytes(1));
        set.close();
        set.close();
        assertThatThrownBy(() -> set.add(bytes(2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> set.remove(bytes(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> set.contains(bytes(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(set::size).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(set::offHeapBytes).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(set::clear).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> set.forEach(null, true, false, k -> true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readersScanningDuringWritesSeeOrderedKeysAndEveryStableKey() throws Exception {
        try (OffHeapSortedSet set = newSet()) {
            int stableCount = 20_000; // even keys: added before the readers start, never removed
            for (int i = 0; i < stableCount; i++) {
                set.add(intKey(2 * i));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> readers = List.of(
                    reader(set, false, stableCount, writing, failure, start),
                    reader(set, true, stableCount, writing, failure, start));
            TreeSet<byte[]> odd = newModel();
            readers.forEach(Thread::start);
            start.countDown();
            Random random = new Random(5);
            try {
                for (int i = 0; i < 400_000 && failure.get() == null; i++) {
                    byte[] key = intKey(2 * random.nextInt(stableCount) + 1);
                    assertThat(random.nextInt(3) > 0 ? set.add(key) == odd.add(key)
                            : set.remove(key) == odd.remove(key)).isTrue();
                }
            } finally {
                writing.set(false);
            }
            for (Thread t : readers) {
                t.join(20_000);
                assertThat(t.isAlive()).isFalse();
            }
            assertThat(failure.get()).isNull();
            assertThat(set.size()).isEqualTo(stableCount + odd.size());
        }
    }

    /** A reader that scans repeatedly (at least twice) until the writer stops, checking order and stable keys. */
    private static Thread reader(OffHeapSortedSet set, boolean descending, int stableCount, AtomicBoolean writing,
                                 AtomicReference<Throwable> failure, CountDownLatch start) {
        return new Thread(() -> {
            try {
                start.await();
                for (int pass = 0; pass < 2 || writing.get(); pass++) {
                    scanOnce(set, descending, stableCount);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "reader-" + (descending ? "desc" : "asc"));
    }

    private static void scanOnce(OffHeapSortedSet set, boolean descending, int stableCount) {
        long[] previous = {descending ? Long.MAX_VALUE : -1};
        int[] stableSeen = {0};
        set.forEach(null, true, descending, key -> {
            long value = Integer.toUnsignedLong(ByteBuffer.wrap(key).getInt());
            boolean ordered = descending ? value < previous[0] : value > previous[0];
            if (!ordered) {
                throw new AssertionError("key " + value + " after " + previous[0] + " in a "
                        + (descending ? "descending" : "ascending") + " scan");
            }
            previous[0] = value;
            stableSeen[0] += value % 2 == 0 ? 1 : 0;
            return true;
        });
        assertThat(stableSeen[0]).as("stable keys seen in one scan").isEqualTo(stableCount);
        assertThat(set.contains(intKey(2 * (stableCount / 2)))).isTrue();
    }

    // ---- property: random operation sequences against a TreeSet model ----

    enum Kind { ADD, REMOVE, CONTAINS, SCAN_FROM_KEY, SCAN_FROM_EDGE, NEXT, CLEAR }

    record Op(Kind kind, byte[] key, boolean inclusive, boolean descending, int limit) {
        @Override
        public String toString() {
            return kind + "(" + HEX.formatHex(key) + (inclusive ? ", incl" : ", excl")
                    + (descending ? ", desc" : ", asc") + ", " + limit + ")";
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<byte[]> keys = Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff)
                .list().ofMaxSize(5).map(OffHeapSortedSetTest::toArray);
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(45, Kind.ADD), Tuple.of(25, Kind.REMOVE),
                Tuple.of(12, Kind.CONTAINS), Tuple.of(6, Kind.SCAN_FROM_KEY), Tuple.of(3, Kind.SCAN_FROM_EDGE),
                Tuple.of(6, Kind.NEXT), Tuple.of(1, Kind.CLEAR));
        Arbitrary<Op> ops = Combinators.combine(kinds, keys, Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 40)).as(Op::new);
        return ops.list().ofMinSize(1).ofMaxSize(1_500);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = list.get(i);
        }
        return b;
    }

    @Property(tries = 150)
    void randomOperationsMatchATreeSetModel(@ForAll("operations") List<Op> ops) {
        try (OffHeapSortedSet set = new OffHeapSortedSet(128, 8)) { // tiny pages: 3-4 levels with ~100 keys
            TreeSet<byte[]> model = newModel();
            for (Op op : ops) {
                apply(op, set, model);
            }
            assertSameContents(set, model);
        }
    }

    private static void apply(Op op, OffHeapSortedSet set, TreeSet<byte[]> model) {
        switch (op.kind()) {
            case ADD -> assertThat(set.add(op.key())).as("%s", op).isEqualTo(model.add(op.key()));
            case REMOVE -> assertThat(set.remove(op.key())).as("%s", op).isEqualTo(model.remove(op.key()));
            case CONTAINS -> assertThat(set.contains(op.key())).as("%s", op).isEqualTo(model.contains(op.key()));
            case SCAN_FROM_KEY, SCAN_FROM_EDGE -> {
                byte[] from = op.kind() == Kind.SCAN_FROM_KEY ? op.key() : null;
                List<byte[]> seen = new ArrayList<>();
                set.forEach(from, op.inclusive(), op.descending(), k -> seen.add(k) && seen.size() < op.limit());
                List<String> expected = hex(modelScan(model, from, op.inclusive(), op.descending()));
                expected = expected.subList(0, Math.min(expected.size(), Math.max(1, op.limit())));
                assertThat(hex(seen)).as("%s", op).isEqualTo(expected);
            }
            case NEXT -> {
                List<byte[]> out = new ArrayList<>();
                int n = set.next(op.key(), op.inclusive(), op.descending(), op.limit(), out);
                List<String> expected = hex(modelScan(model, op.key(), op.inclusive(), op.descending()));
                expected = expected.subList(0, Math.min(expected.size(), op.limit()));
                assertThat(n).as("%s", op).isEqualTo(expected.size());
                assertThat(hex(out)).as("%s", op).isEqualTo(expected);
            }
            case CLEAR -> {
                set.clear();
                model.clear();
            }
            default -> throw new IllegalStateException("unknown operation " + op);
        }
        assertThat(set.size()).as("size after %s", op).isEqualTo(model.size());
    }
}

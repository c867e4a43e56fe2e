package dev.mnemo.engine.table;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map's read into the thread's scratch buffer and the key access it is built with: every key length and value
 * size reads back exactly, and the ordinary get, put, remove and visit paths behave as with Chronicle's own access.
 */
class OffHeapMapReadTest {
    private final Reclaimer reclaimer = new Reclaimer(0);
    private final OffHeapMap map = new OffHeapMap("t", 9, 60, 1_000_000, reclaimer);

    @AfterEach
    void close() {
        map.close();
        reclaimer.close();
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    /** A 9-byte key distinct for every {@code i}. */
    private static byte[] key(int i) {
        byte[] k = new byte[9];
        dev.mnemo.engine.codec.Bytes.putInt(k, 5, i);
        return k;
    }

    private static int read(OffHeapMap m, byte[] key) {
        ReadScratch s = ReadScratch.begin();
        s.key().put(key);
        return m.read(s);
    }

    private static byte[] readCopy(OffHeapMap m, byte[] key) {
        int n = read(m, key);
        return n < 0 ? null : Arrays.copyOf(ReadScratch.current().value(), n);
    }

    @Test
    void keysOfEveryLengthAndValuesOfEverySizeReadBackExactly() {
        Map<Integer, byte[]> values = new HashMap<>();
        int[] keyLengths = {1, 9, ReadScratch.EXACT_KEY_BYTES_MAX, ReadScratch.EXACT_KEY_BYTES_MAX + 1, 1_000};
        int[] valueSizes = {10, 255, 256, 257, 5_000, ReadScratch.RETAINED_BYTES_MAX + 1};
        for (int k = 0; k < keyLengths.length; k++) {
            for (int v = 0; v < valueSizes.length; v++) {
                byte[] key = bytes(keyLengths[k], v);
                byte[] value = bytes(valueSizes[v], k);
                map.put(key, value, null);
                values.put(k * 100 + v, value);
            }
        }
        for (int k = 0; k < keyLengths.length; k++) {
            for (int v = 0; v < valueSizes.length; v++) {
                byte[] key = bytes(keyLengths[k], v);
                assertThat(readCopy(map, key)).isEqualTo(values.get(k * 100 + v));
                assertThat(map.get(key)).isEqualTo(values.get(k * 100 + v));
            }
        }
        assertThat(read(map, bytes(9, 99))).isEqualTo(-1);
        assertThat(map.get(bytes(9, 99))).isNull();
    }

    @Test
    void ordinaryGetsReturnFreshExactArraysAfterReadsIntoTheScratchBuffer() {
        map.put(bytes(9, 1), bytes(60, 1), null);
        map.put(bytes(9, 2), bytes(20, 2), null);

        assertThat(read(map, bytes(9, 1))).isEqualTo(60);
        byte[] got = map.get(bytes(9, 2));
        assertThat(got).isEqualTo(bytes(20, 2)).isNotSameAs(ReadScratch.current().value());
        assertThat(map.get(bytes(9, 2))).isNotSameAs(got);
    }

    @Test
    void entriesSurviveRemovesAndTheMapGrowingUnderThem() {
        int keys = OffHeapMap.ENTRIES_INITIAL * 3;
        for (int i = 0; i < keys; i++) {
            map.put(key(i), bytes(10 + i % 100, i), null);
        }
        for (int i = 0; i < keys; i += 2) {
            assertThat(map.remove(key(i))).isEqualTo(bytes(10 + i % 100, i));
        }
        assertThat(map.capacity()).isGreaterThan(OffHeapMap.ENTRIES_INITIAL);
        assertThat(map.size()).isEqualTo(keys / 2);
        for (int i = 0; i < keys; i++) {
            assertThat(readCopy(map, key(i))).isEqualTo(i % 2 == 0 ? null : bytes(10 + i % 100, i));
        }
        Map<String, byte[]> visited = new HashMap<>();
        map.forEach((k, v) -> visited.put(HexFormat.of().formatHex(k), v));
        assertThat(visited.size()).isEqualTo(keys / 2);
        assertThat(visited.get(HexFormat.of().formatHex(key(1)))).isEqualTo(bytes(11, 1));
    }

    @Test
    void theScratchKeepsBuffersUpToTheRetainedLimitAndDropsLargerOnes() {
        ReadScratch s = ReadScratch.begin();
        byte[] atLimit = s.valueBuffer(ReadScratch.RETAINED_BYTES_MAX);
        s.key().put(new byte[ReadScratch.RETAINED_BYTES_MAX]);
        byte[] keyArray = s.key().array();
        s = ReadScratch.begin();
        assertThat(s.value()).isSameAs(atLimit);
        assertThat(s.key().array()).isSameAs(keyArray);
        assertThat(s.valueLength()).isEqualTo(-1);

        s.valueBuffer(ReadScratch.RETAINED_BYTES_MAX + 1);
        s.key().put(new byte[1]);
        s = ReadScratch.begin();
        assertThat(s.value().length).isLessThanOrEqualTo(ReadScratch.RETAINED_BYTES_MAX);
        assertThat(s.key().array().length).isLessThanOrEqualTo(ReadScratch.RETAINED_BYTES_MAX);
    }

    @Test
    void shortKeysReuseOneArrayPerLengthAndLongerKeysGetFreshOnes() {
        ReadScratch s = ReadScratch.begin();
        s.key().put(bytes(ReadScratch.EXACT_KEY_BYTES_MAX, 1));
        byte[] first = s.exactKey();
        s = ReadScratch.begin();
        s.key().put(bytes(ReadScratch.EXACT_KEY_BYTES_MAX, 2));
        assertThat(s.exactKey()).isSameAs(first).isEqualTo(bytes(ReadScratch.EXACT_KEY_BYTES_MAX, 2));

        s = ReadScratch.begin();
        s.key().put(bytes(ReadScratch.EXACT_KEY_BYTES_MAX + 1, 3));
        byte[] longer = s.exactKey();
        assertThat(longer).isEqualTo(bytes(ReadScratch.EXACT_KEY_BYTES_MAX + 1, 3));
        assertThat(s.exactKey()).isNotSameAs(longer);
    }
}

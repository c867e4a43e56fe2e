package dev.mnemo.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The key distributions: their shape, their range, and that a seed reproduces them. */
class KeyChooserTest {
    private static final int KEYS = 1_000;
    private static final int SAMPLES = 200_000;

    private static long[] histogram(KeyChooser chooser, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] counts = new long[(int) chooser.itemCount()];
        for (int i = 0; i < SAMPLES; i++) {
            long k = chooser.next(random);
            assertThat(k).isBetween(0L, chooser.itemCount() - 1);
            counts[(int) k]++;
        }
        return counts;
    }

    private static double share(long[] counts, int from, int to) {
        return Arrays.stream(counts, from, to).sum() / (double) SAMPLES;
    }

    private static long[] sortedDescending(long[] counts) {
        return Arrays.stream(counts).boxed().sorted((a, b) -> Long.compare(b, a)).mapToLong(Long::longValue)
                .toArray();
    }

    @Test
    void uniformHitsEveryKeyAboutEquallyOften() {
        long[] counts = histogram(Distribution.UNIFORM.chooser(KEYS), 1);
        // 200 expected per key, standard deviation ~14: 120..290 is beyond 5 sigma either way.
        assertThat(Arrays.stream(counts).min().getAsLong()).isGreaterThan(120);
        assertThat(Arrays.stream(counts).max().getAsLong()).isLessThan(290);
    }

    @Test
    void zipfianGivesRankRTheWeightOneOverRToTheTheta() {
        Zipfian zipfian = new Zipfian(KEYS, Zipfian.THETA);
        long[] counts = histogram(zipfian, 2);
        double zeta = Zipfian.zeta(KEYS, Zipfian.THETA);
        assertThat(counts[0] / (double) SAMPLES).isCloseTo(1 / zeta, within(0.01));
        assertThat(counts[1] / (double) counts[0]).isCloseTo(Math.pow(2, -Zipfian.THETA), within(0.05));
        assertThat(share(counts, 0, KEYS / 10)).isGreaterThan(0.6);
    }

    @Test
    void scrambledZipfianIsAsSkewedButSpreadOverTheKeySpace() {
        long[] counts = histogram(Distribution.ZIPFIAN.chooser(KEYS), 3);
        long[] sorted = sortedDescending(counts);
        // YCSB's constants: the hottest item has 1 / zeta(10^10, 0.99) = 3.8% of the requests.
        assertThat(sorted[0] / (double) SAMPLES).isBetween(0.033, 0.05);
        assertThat(Arrays.stream(sorted, 0, 10).sum() / (double) SAMPLES).isGreaterThan(0.10);
        // The hottest key is where FNV sends item 0, not key 0: hot keys are scattered, not bunched at the start.
        int hottest = 0;
        for (int i = 1; i < KEYS; i++) {
            hottest = counts[i] > counts[hottest] ? i : hottest;
        }
        assertThat((long) hottest).isEqualTo(Math.floorMod(Keys.fnvHash64(0), KEYS));
        assertThat(share(counts, 0, KEYS / 10)).isLessThan(0.4);
    }

    @Test
    void latestFavoursTheMostRecentlyLoadedKeys() {
        long[] counts = histogram(Distribution.LATEST.chooser(KEYS), 4);
        assertThat(sortedDescending(counts)[0]).isEqualTo(counts[KEYS - 1]);
        assertThat(share(counts, KEYS - KEYS / 10, KEYS)).isGreaterThan(0.6);
        assertThat(share(counts, 0, KEYS / 10)).isLessThan(0.05);
    }

    @Test
    void aSeedReproducesTheKeysAndAnotherSeedDoesNot() {
        for (Distribution d : Distribution.values()) {
            KeyChooser chooser = d.chooser(KEYS);
            assertThat(histogram(chooser, 7)).as(d.name()).isEqualTo(histogram(chooser, 7));
            assertThat(histogram(chooser, 7)).as(d.name()).isNotEqualTo(histogram(chooser, 8));
        }
    }

    @Test
    void aSingleKeyIsAlwaysChosen() {
        for (Distribution d : Distribution.values()) {
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < 100; i++) {
                assertThat(d.chooser(1).next(random)).isZero();
            }
        }
    }

    @Test
    void keysAreYcsbsHashedKeysAndFitTheDeclaredColumn() {
        assertThat(Keys.name(0)).startsWith("user").hasSizeLessThanOrEqualTo(Keys.KEY_CHARS_MAX);
        assertThat(Keys.name(Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(Keys.KEY_CHARS_MAX);
        assertThat(Keys.KEY_CHARS_MAX).isLessThanOrEqualTo(Tables.KEY_CHARS_DECLARED);
        assertThat(Keys.name(1)).isNotEqualTo(Keys.name(2));
        assertThat(Keys.fnvHash64(-1)).isNotNegative();
    }

    @Test
    void workloadMixesPickOperationsInTheirShares() {
        SplittableRandom random = new SplittableRandom(5);
        int updates = 0;
        for (int i = 0; i < SAMPLES; i++) {
            updates += Workload.B.choose(random.nextDouble()) == OpType.UPDATE ? 1 : 0;
        }
        assertThat(updates / (double) SAMPLES).isCloseTo(0.05, within(0.005));
        assertThat(Workload.C.choose(0.999)).isEqualTo(OpType.READ);
        assertThat(Workload.E.choose(0.96)).isEqualTo(OpType.INSERT);
    }
}

package dev.mnemo.benchmarks.harness;

import java.util.SplittableRandom;

/**
 * The usertable's keys and values as YCSB makes them: key number n is the key {@code "user" + fnvHash64(n)}
 * (YCSB's default {@code insertorder=hashed}, so that neighbouring numbers land far apart in key order), and
 * field values are random printable strings, drawn from a pool built once from the run's seed.
 */
public final class Keys {
    /** The longest key: "user" and at most 19 digits. */
    public static final int KEY_CHARS_MAX = 23;
    /** How many distinct values each field length has; values are shared, their content does not matter. */
    static final int VALUE_POOL_SIZE = 1024;

    private static final long FNV_OFFSET_BASIS_64 = 0xCBF29CE484222325L;
    private static final long FNV_PRIME_64 = 1099511628211L;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final String[] pool;

    /** A pool of {@value #VALUE_POOL_SIZE} values of {@code valueChars} characters each. */
    public Keys(int valueChars, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        pool = new String[VALUE_POOL_SIZE];
        char[] buf = new char[valueChars];
        for (int i = 0; i < pool.length; i++) {
            for (int c = 0; c < buf.length; c++) {
                buf[c] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            pool[i] = new String(buf);
        }
    }

    /** The key of key number {@code n}. */
    public static String name(long n) {
        return "user" + fnvHash64(n);
    }

    /** YCSB's {@code Utils.fnvhash64}: FNV-1a over the 8 bytes of {@code value}, made non-negative. */
    public static long fnvHash64(long value) {
        long hash = FNV_OFFSET_BASIS_64;
        long v = value;
        for (int i = 0; i < 8; i++) {
            hash ^= v & 0xff;
            hash *= FNV_PRIME_64;
            v >>= 8;
        }
        return hash & Long.MAX_VALUE;
    }

    /** A random field value. */
    public String value(SplittableRandom random) {
        return pool[random.nextInt(pool.length)];
    }

    /** A row's worth of random field values. */
    public String[] values(SplittableRandom random, int fields) {
        String[] out = new String[fields];
        for (int i = 0; i < fields; i++) {
            out[i] = value(random);
        }
        return out;
    }
}

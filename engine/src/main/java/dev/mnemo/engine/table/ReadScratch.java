package dev.mnemo.engine.table;

import dev.mnemo.engine.codec.ByteSink;

/**
 * One thread's scratch space for point reads: the encoded key and a copy of the stored value. Reusing them is
 * what keeps a dirty read from allocating anything but the row it returns.
 *
 * <p>Only the read in progress on the owning thread uses them, from encoding the key to decoding the row; decoding
 * copies every value it keeps (strings and binaries get their own arrays), so nothing a caller receives points
 * into these buffers. A buffer grown past {@link #RETAINED_BYTES_MAX} for one large key or bag is dropped when
 * the next read begins, so a thread does not hold that much memory for its whole life.
 */
final class ReadScratch {
    /** The largest key or value buffer a thread keeps between reads. */
    static final int RETAINED_BYTES_MAX = 64 * 1024;
    /** Keys up to this length get a reused array of their exact length (Chronicle takes a key as a whole array). */
    static final int EXACT_KEY_BYTES_MAX = 64;
    private static final int KEY_BYTES_INITIAL = 64;
    private static final int VALUE_BYTES_INITIAL = 256;
    private static final ThreadLocal<ReadScratch> PER_THREAD = ThreadLocal.withInitial(ReadScratch::new);

    private final byte[][] exactKeys = new byte[EXACT_KEY_BYTES_MAX + 1][];
    private ByteSink key = new ByteSink(KEY_BYTES_INITIAL);
    private byte[] value = new byte[VALUE_BYTES_INITIAL];
    private int valueLength = -1;

    private ReadScratch() {
    }

    /** This thread's scratch, with an empty key and no value. */
    static ReadScratch begin() {
        ReadScratch s = PER_THREAD.get();
        if (s.key.array().length > RETAINED_BYTES_MAX) {
            s.key = new ByteSink(KEY_BYTES_INITIAL);
        }
        if (s.value.length > RETAINED_BYTES_MAX) {
            s.value = new byte[VALUE_BYTES_INITIAL];
        }
        s.key.reset();
        s.valueLength = -1;
        return s;
    }

    /** This thread's scratch, as the read in progress left it. */
    static ReadScratch current() {
        return PER_THREAD.get();
    }

    /** Where the key is encoded. */
    ByteSink key() {
        return key;
    }

    /** The encoded key as an array of its exact length; reused for short keys, so valid until the next read. */
    byte[] exactKey() {
        int n = key.size();
        byte[] out = n <= EXACT_KEY_BYTES_MAX ? exactKeys[n] : null;
        if (out == null) {
            out = new byte[n];
            if (n <= EXACT_KEY_BYTES_MAX) {
                exactKeys[n] = out;
            }
        }
        System.arraycopy(key.array(), 0, out, 0, n);
        return out;
    }

    /** The value buffer, grown to hold a value of {@code bytes}, which the caller is about to copy into it. */
    byte[] valueBuffer(int bytes) {
        if (bytes > value.length) {
            value = new byte[Math.max(bytes, value.length * 2)];
        }
        valueLength = bytes;
        return value;
    }

    /** The buffer holding the value read, valid up to {@link #valueLength()}. */
    byte[] value() {
        return value;
    }

    /** The length of the value read since {@link #begin()}, or -1 if none was. */
    int valueLength() {
        return valueLength;
    }
}

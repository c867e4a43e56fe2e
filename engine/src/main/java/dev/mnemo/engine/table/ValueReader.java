package dev.mnemo.engine.table;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;

/**
 * How a table's Chronicle Map reads a stored value out: into an array of exactly the value's length, as
 * Chronicle's own reader does, or, when a get passes {@link #INTO_SCRATCH} as the value to reuse, into the calling
 * thread's {@link ReadScratch} (see {@link OffHeapMap#read}). Chronicle calls it while it holds the entry's
 * segment lock, so what it copies is one whole value.
 */
public final class ValueReader implements SizedReader<byte[]> {
    /**
     * Asks for the copy into this thread's scratch buffer. It is recognised by identity: only {@link OffHeapMap#read}
     * passes it, and Chronicle hands a reader only the value to reuse that its caller gave, or an array this reader
     * returned earlier, which is never this one.
     */
    static final byte[] INTO_SCRATCH = new byte[0];

    @Override
    public byte[] read(Bytes<?> in, long size, byte[] using) {
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalStateException("a stored value of " + size + " bytes: the map is corrupt");
        }
        int n = (int) size;
        byte[] out = using == INTO_SCRATCH ? ReadScratch.current().valueBuffer(n)
                : using != null && using.length == n ? using : new byte[n];
        int copied = in.read(out, 0, n);
        if (copied != n) {
            throw new IllegalStateException("copied " + copied + " of a " + n + "-byte stored value");
        }
        return out;
    }

    @Override
    public void writeMarshallable(WireOut wire) {
        // Stateless.
    }

    @Override
    public void readMarshallable(WireIn wire) {
        // Stateless.
    }
}

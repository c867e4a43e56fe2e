package dev.mnemo.engine.table;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.AbstractData;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.serialization.DataAccess;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;

/**
 * How a table's Chronicle Map sees a {@code byte[]} key it is queried with: the key is copied into a buffer this
 * instance keeps, where Chronicle's own access wraps every key in a new reference-counted store (most of what a
 * get, put or remove allocated). Chronicle gives each of its per-thread query contexts its own {@link #copy()}, so
 * the buffer is never shared between threads; it grows to the longest key seen, which keyBytesMax bounds.
 */
public final class KeyAccess extends AbstractData<byte[]> implements DataAccess<byte[]> {
    private static final int BUFFER_BYTES_INITIAL = 64;

    private transient byte[] buffer;
    private transient BytesStore<?, byte[]> view;
    private transient byte[] key;

    public KeyAccess() {
        initTransients();
    }

    private void initTransients() {
        buffer = new byte[BUFFER_BYTES_INITIAL];
        view = BytesStore.wrap(buffer);
        key = null;
    }

    @Override
    public Data<byte[]> getData(byte[] instance) {
        if (instance.length > buffer.length) {
            buffer = new byte[Math.max(instance.length, buffer.length * 2)];
            view = BytesStore.wrap(buffer);
        }
        System.arraycopy(instance, 0, buffer, 0, instance.length);
        key = instance;
        return this;
    }

    @Override
    public RandomDataInput bytes() {
        return view;
    }

    @Override
    public long offset() {
        return 0;
    }

    @Override
    public long size() {
        return key.length;
    }

    @Override
    public byte[] get() {
        return key;
    }

    @Override
    public byte[] getUsing(byte[] using) {
        byte[] out = using != null && using.length == key.length ? using : new byte[key.length];
        System.arraycopy(key, 0, out, 0, key.length);
        return out;
    }

    @Override
    public void uninit() {
        key = null;
    }

    @Override
    public DataAccess<byte[]> copy() {
        return new KeyAccess();
    }

    @Override
    public void writeMarshallable(WireOut wire) {
        // Nothing to configure: every instance starts with an empty buffer.
    }

    @Override
    public void readMarshallable(WireIn wire) {
        initTransients();
    }
}

package dev.mnemo.engine.codec;

import java.util.Arrays;

/** A growable byte array written front to back in big-endian order; reused to keep encoders allocation-light. */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink(int initialBytes) {
        buf = new byte[Math.max(16, initialBytes)];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The internal array; valid up to {@link #size()} until the next write. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public ByteSink put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteSink put(byte[] bytes) {
        return put(bytes, 0, bytes.length);
    }

    public ByteSink put(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
        return this;
    }

    public ByteSink putShort(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteSink putInt(int v) {
        ensure(4);
        Bytes.putInt(buf, size, v);
        size += 4;
        return this;
    }

    public ByteSink putLong(long v) {
        ensure(8);
        Bytes.putLong(buf, size, v);
        size += 8;
        return this;
    }

    /** Unsigned LEB128 varint. */
    public ByteSink putVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    /** A varint length followed by the bytes. */
    public ByteSink putBlob(byte[] bytes) {
        putVarint(bytes.length);
        return put(bytes);
    }

    /** A string as {@link #putBlob} of its {@link Utf8} bytes, which keep every char sequence as it is. */
    public ByteSink putString(String s) {
        return putBlob(Utf8.encode(s));
    }
}

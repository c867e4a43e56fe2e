package dev.mnemo.engine.codec;

/** Big-endian reads and writes on byte arrays, and a cursor for sequential decoding. */
public final class Bytes {
    private Bytes() {
    }

    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    public static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    public static long getLong(byte[] b, int off) {
        return (long) getInt(b, off) << 32 | (getInt(b, off + 4) & 0xFFFFFFFFL);
    }

    public static int getShort(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    /** Sequential reader over a byte range; throws {@link CorruptDataException} on reading past the end. */
    public static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        public Reader(byte[] buf) {
            this(buf, 0, buf.length);
        }

        public Reader(byte[] buf, int off, int len) {
            this.buf = buf;
            this.pos = off;
            this.end = off + len;
        }

        public int position() {
            return pos;
        }

        public boolean hasMore() {
            return pos < end;
        }

        private void need(int n) {
            if (n < 0 || pos + n > end) {
                throw new CorruptDataException("truncated data: need " + n + " bytes at " + pos + ", end " + end);
            }
        }

        public int get() {
            need(1);
            return buf[pos++] & 0xFF;
        }

        public int getShort() {
            need(2);
            int v = Bytes.getShort(buf, pos);
            pos += 2;
            return v;
        }

        public int getInt() {
            need(4);
            int v = Bytes.getInt(buf, pos);
            pos += 4;
            return v;
        }

        public long getLong() {
            need(8);
            long v = Bytes.getLong(buf, pos);
            pos += 8;
            return v;
        }

        public long getVarint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = get();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new CorruptDataException("varint longer than 10 bytes at " + pos);
        }

        public int getLength() {
            long n = getVarint();
            if (n > end - pos) {
                throw new CorruptDataException("length " + n + " past the end at " + pos);
            }
            return (int) n;
        }

        public byte[] getBytes(int n) {
            need(n);
            byte[] out = new byte[n];
            System.arraycopy(buf, pos, out, 0, n);
            pos += n;
            return out;
        }

        public byte[] getBlob() {
            return getBytes(getLength());
        }

        /** A string {@link ByteSink#putString} wrote. */
        public String getString() {
            int n = getLength();
            String s = Utf8.decode(buf, pos, n);
            pos += n;
            return s;
        }

        public void skip(int n) {
            need(n);
            pos += n;
        }
    }
}

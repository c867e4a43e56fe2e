package dev.mnemo.engine.table;

import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes a table stores under a key. A set or ordered_set value is {@code [version:8][schema:2][row]}; a bag
 * value is {@code [version:8][count:varint]} followed by {@code [schema:2][length:varint][row]} per row. The
 * version is the commit version that last wrote the key; the schema number says how to decode each row.
 */
public final class StoredValue {
    /** The commit version that starts every stored value. */
    static final int VERSION_BYTES = 8;
    /** A set or ordered_set value's header: the version and the row's schema number. */
    static final int HEADER_BYTES = VERSION_BYTES + 2;

    private StoredValue() {
    }

    /** A row image: the schema version a row was encoded under and its encoded bytes. */
    public record Image(int schemaVersion, byte[] row) {
    }

    public static long version(byte[] stored) {
        return Bytes.getLong(stored, 0);
    }

    public static byte[] single(long version, int schemaVersion, byte[] row) {
        byte[] out = new byte[HEADER_BYTES + row.length];
        Bytes.putLong(out, 0, version);
        out[8] = (byte) (schemaVersion >>> 8);
        out[9] = (byte) schemaVersion;
        System.arraycopy(row, 0, out, HEADER_BYTES, row.length);
        return out;
    }

    public static int singleSchema(byte[] stored) {
        return Bytes.getShort(stored, 8);
    }

    public static byte[] bag(long version, List<Image> rows) {
        ByteSink out = new ByteSink(16 + rows.size() * 32);
        out.putLong(version).putVarint(rows.size());
        for (Image im : rows) {
            out.putShort(im.schemaVersion()).putBlob(im.row());
        }
        return out.toByteArray();
    }

    public static List<Image> bagRows(byte[] stored) {
        List<Image> out = new ArrayList<>();
        visitBagRows(stored, stored.length, Integer.MAX_VALUE,
                (schema, buf, off, len) -> out.add(new Image(schema, Arrays.copyOfRange(buf, off, off + len))));
        return out;
    }

    /** Sees one row image of a bag value where it lies: {@code len} bytes of {@code buf} from {@code off}. */
    @FunctionalInterface
    interface BagRowVisitor {
        void row(int schemaVersion, byte[] buf, int off, int len);
    }

    /**
     * Visits, in place, up to {@code rowsMax} row images of the bag value held in the first {@code len} bytes of
     * {@code buf}.
     */
    static void visitBagRows(byte[] buf, int len, int rowsMax, BagRowVisitor visitor) {
        Bytes.Reader r = new Bytes.Reader(buf, VERSION_BYTES, len - VERSION_BYTES);
        long n = Math.min(r.getVarint(), rowsMax);
        for (long i = 0; i < n; i++) {
            int schema = r.getShort();
            int rowBytes = r.getLength();
            visitor.row(schema, buf, r.position(), rowBytes);
            r.skip(rowBytes);
        }
    }
}

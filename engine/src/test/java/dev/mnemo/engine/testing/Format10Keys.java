package dev.mnemo.engine.testing;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.KeyCodec;
import dev.mnemo.engine.codec.Utf8;
import dev.mnemo.engine.codec.Values;
import dev.mnemo.engine.table.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keys as builds of data format 10 and older encoded them: text in UTF-8, a character above U+FFFF in 4 bytes, the
 * rest as this build does. What their snapshots, journals and commit records hold.
 */
public final class Format10Keys {
    /** Text where the two orders part: by code point the emoji sorts after the fullwidth letters, by code unit first. */
    public static final String[] NAMES = {"a", "a\uD83D\uDE00", "a\uFF3A", "\uD83D\uDE00", "\uD83D\uDE00b",
        "\uFF21", "\uFF3A", "\uFFFD", "\uDBFF\uDFFF", "\uE000", "z", "\uD800"};

    private Format10Keys() {
    }

    /** The key of {@code values}, of {@code types}, as data format 10 wrote it; a prefix if fewer values. */
    public static byte[] key(ColumnType[] types, Object[] values) {
        ByteSink out = new ByteSink(16);
        for (int i = 0; i < values.length; i++) {
            Object v = Values.coerce(types[i], values[i], "K");
            boolean text = types[i].kind() == ColumnType.Kind.VARCHAR || types[i].kind() == ColumnType.Kind.CHAR;
            if (!text || v == null) {
                KeyCodec.encode(types[i], v, out);
                continue;
            }
            out.put(1);
            for (byte x : Utf8.encode((String) v)) {
                out.put(x);
                if (x == 0) {
                    out.put(0xFF);
                }
            }
            out.put(0).put(0);
        }
        return out.toByteArray();
    }

    /** Column {@code column} of each row of ordered_set {@code t}, walking its keys. */
    public static List<Object> inKeyOrder(Table t, int column) {
        List<Object> out = new ArrayList<>();
        t.forEachKey(null, true, false, Long.MAX_VALUE, k -> {
            out.add(t.decodeStored(t.stored(k)).get(0)[column]);
            return true;
        });
        return out;
    }

    /**
     * Column {@code column} of each row of {@code t}, walking the entries of its ordered index {@code index}; each
     * entry's primary key must find its row.
     */
    public static List<Object> inIndexOrder(Table t, int index, int column) {
        List<Object> out = new ArrayList<>();
        TableSchema s = t.schema();
        t.indexes().get(index).forEachEntry(null, true, e -> {
            byte[] pk = Arrays.copyOfRange(e, Table.indexKeyLength(s, index, e), e.length);
            out.add(t.decodeStored(t.stored(pk)).get(0)[column]);
            return true;
        });
        return out;
    }

    /** {@link #NAMES} as {@link String#compareTo} orders them. */
    public static List<Object> sortedNames() {
        List<Object> out = new ArrayList<>(Arrays.asList(NAMES));
        out.sort(null);
        return out;
    }

    /** The primary key of table {@code t} with {@code keyValues}, as data format 10 wrote it. */
    public static byte[] primaryKey(Table t, Object... keyValues) {
        TableSchema s = t.schema();
        ColumnType[] types = new ColumnType[keyValues.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = s.column(s.keyPosition(i)).type();
        }
        return key(types, keyValues);
    }
}

package dev.mnemo.engine.codec;

import dev.mnemo.engine.CheckMark;
import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.TimeDefault;

import java.util.ArrayList;
import java.util.List;

/** Binary form of schema objects, for the journal, snapshots and commit records. */
public final class SchemaCodec {
    private SchemaCodec() {
    }

    /**
     * Marks a TIME or TIMESTAMP whose precision follows in the scale. Catalogs, snapshots and commit records made
     * before the precision was kept stored such a type with length and scale 0, meaning milliseconds: a length of
     * 0 still reads as {@link ColumnType#FRACTION_DIGITS_DEFAULT} digits.
     */
    private static final int FRACTION_DIGITS_RECORDED = 1;

    /** Marks a default that is the time of the write: its kind, then the value of rows that predate the column. */
    private static final int DEFAULT_TIME_OF_WRITE = 2;

    /** Marks a default that is a new random UUID for each row (format 8), then no value. */
    private static final int DEFAULT_RANDOM_UUID = 3;

    /** Marks a default that is the next value of a sequence (format 10): the sequence's name, then no value. */
    private static final int DEFAULT_SEQUENCE = 4;

    public static void encodeColumn(ColumnDef c, ByteSink out) {
        out.putString(c.name());
        ColumnType t = c.type();
        out.put(t.kind().ordinal()).putVarint(isDatetime(t.kind()) ? FRACTION_DIGITS_RECORDED : t.length());
        out.putVarint(t.scale());
        out.put(c.nullable() ? 1 : 0);
        if (c.timeDefault() != null) {
            out.put(DEFAULT_TIME_OF_WRITE).put(c.timeDefault().ordinal());
        } else if (c.randomUuidDefault()) {
            out.put(DEFAULT_RANDOM_UUID);
        } else if (c.sequenceDefault() != null) {
            out.put(DEFAULT_SEQUENCE).putString(c.sequenceDefault());
        }
        if (c.defaultValue() == null) {
            out.put(0);
        } else {
            out.put(1);
            RowCodec.encodeValue(c.type(), Values.coerce(c.type(), c.defaultValue(), c.name()), out);
        }
    }

    public static ColumnDef decodeColumn(Bytes.Reader r) {
        String name = r.getString();
        ColumnType.Kind kind = enumAt(ColumnType.Kind.values(), r.get());
        ColumnType type = decodeType(kind, (int) r.getVarint(), (int) r.getVarint());
        ColumnDef c = ColumnDef.of(name, type);
        if (r.get() == 0) {
            c = c.notNull();
        }
        int defaultTag = r.get();
        TimeDefault time = null;
        if (defaultTag == DEFAULT_RANDOM_UUID) {
            c = c.withRandomUuidDefault();
            defaultTag = r.get();
        } else if (defaultTag == DEFAULT_SEQUENCE) {
            c = c.withSequenceDefault(r.getString());
            defaultTag = r.get();
        } else if (defaultTag == DEFAULT_TIME_OF_WRITE) {
            time = enumAt(TimeDefault.values(), r.get());
            defaultTag = r.get();
        }
        Object value = defaultTag == 1 ? RowCodec.decodeValue(type, r) : null;
        return time != null ? c.withTimeDefault(time, value) : value != null ? c.withDefault(value) : c;
    }

    private static ColumnType decodeType(ColumnType.Kind kind, int length, int scale) {
        if (!isDatetime(kind)) {
            return ColumnType.of(kind, length, scale);
        }
        if (length == FRACTION_DIGITS_RECORDED) {
            return ColumnType.of(kind, 0, scale);
        }
        if (length == 0 && scale == 0) {
            return ColumnType.of(kind, 0, ColumnType.FRACTION_DIGITS_DEFAULT);
        }
        throw new CorruptDataException(kind + " column stored with length " + length + " and scale " + scale);
    }

    private static boolean isDatetime(ColumnType.Kind kind) {
        return kind == ColumnType.Kind.TIME || kind == ColumnType.Kind.TIMESTAMP
                || kind == ColumnType.Kind.TIMESTAMP_TZ;
    }

    /**
     * Set in an index's unique byte when Mnemo made the index for a foreign key; indexes recorded before this was
     * (their byte 0 or 1) read as a user's.
     */
    private static final int INDEX_FOR_FOREIGN_KEY = 2;

    public static void encodeIndex(IndexDef ix, ByteSink out) {
        out.putString(ix.name()).put((ix.isUnique() ? 1 : 0) | (ix.isForForeignKey() ? INDEX_FOR_FOREIGN_KEY : 0))
                .put(ix.isOrdered() ? 1 : 0);
        out.putVarint(ix.columns().size());
        for (String c : ix.columns()) {
            out.putString(c);
        }
    }

    public static IndexDef decodeIndex(Bytes.Reader r) {
        String name = r.getString();
        int flags = r.get();
        boolean ordered = r.get() == 1;
        return IndexDef.of(name, decodeNames(r), (flags & 1) != 0, ordered, (flags & INDEX_FOR_FOREIGN_KEY) != 0);
    }

    /**
     * Set in a schema's storage byte when foreign keys follow its indexes. Schemas without foreign keys are written
     * as they always were, and those written before foreign keys existed still read.
     */
    private static final int FOREIGN_KEYS_FOLLOW = 0x80;

    /**
     * Set in a schema's storage byte when its check mark follows, last: every schema written since format 7. One
     * written before reads with no mark (null), which tells the layer above that its checks are not known here.
     */
    private static final int CHECK_MARK_FOLLOWS = 0x40;

    public static void encodeForeignKey(ForeignKeyDef fk, ByteSink out) {
        out.putString(fk.name() == null ? "" : fk.name()).putVarint(fk.columns().size());
        for (String c : fk.columns()) {
            out.putString(c);
        }
        out.putVarint(fk.parentTableId());
        if (fk.isResolved()) {
            int[] ids = fk.parentColumnIds();
            out.putVarint(ids.length);
            for (int id : ids) {
                out.putVarint(id);
            }
        } else {
            out.putString(fk.parentTable()).putVarint(fk.parentColumns().size());
            for (String c : fk.parentColumns()) {
                out.putString(c);
            }
        }
        out.put(fk.onDelete().ordinal()).put(fk.onUpdate().ordinal());
    }

    public static ForeignKeyDef decodeForeignKey(Bytes.Reader r) {
        String name = r.getString();
        List<String> cols = decodeNames(r);
        long parentId = r.getVarint();
        int[] ids = null;
        String parent = null;
        List<String> parentCols = null;
        if (parentId != 0) {
            ids = new int[(int) r.getVarint()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) r.getVarint();
            }
        } else {
            parent = r.getString();
            parentCols = decodeNames(r);
        }
        ForeignKeyAction onDelete = enumAt(ForeignKeyAction.values(), r.get());
        ForeignKeyAction onUpdate = enumAt(ForeignKeyAction.values(), r.get());
        String n = name.isEmpty() ? null : name;
        return parentId != 0 ? ForeignKeyDef.resolved(n, cols, parentId, ids, onDelete, onUpdate)
                : ForeignKeyDef.of(n, cols, parent, parentCols, onDelete, onUpdate);
    }

    private static List<String> decodeNames(Bytes.Reader r) {
        int n = (int) r.getVarint();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.getString());
        }
        return out;
    }

    public static void encodeSchema(TableSchema s, ByteSink out) {
        int flags = (s.foreignKeys().isEmpty() ? 0 : FOREIGN_KEYS_FOLLOW)
                | (s.checks() == null ? 0 : CHECK_MARK_FOLLOWS);
        out.putVarint(s.tableId()).putString(s.name()).put(s.kind().ordinal()).put(s.storage().ordinal() | flags);
        out.putVarint(s.version()).putVarint(s.nextColumnId()).putVarint(s.columnCount());
        for (int i = 0; i < s.columnCount(); i++) {
            out.putVarint(s.columnId(i));
            encodeColumn(s.column(i), out);
        }
        List<String> pk = s.primaryKeyNames();
        out.putVarint(pk.size());
        for (String c : pk) {
            out.putString(c);
        }
        out.putVarint(s.indexes().size());
        for (IndexDef ix : s.indexes()) {
            encodeIndex(ix, out);
        }
        if ((flags & FOREIGN_KEYS_FOLLOW) != 0) {
            out.putVarint(s.foreignKeys().size());
            for (ForeignKeyDef fk : s.foreignKeys()) {
                encodeForeignKey(fk, out);
            }
        }
        if (s.checks() != null) {
            out.putString(s.checks().value()).putVarint(s.checks().version());
        }
    }

    public static TableSchema decodeSchema(Bytes.Reader r) {
        long id = r.getVarint();
        String name = r.getString();
        TableKind kind = enumAt(TableKind.values(), r.get());
        int storageByte = r.get();
        Storage storage = enumAt(Storage.values(), storageByte & ~(FOREIGN_KEYS_FOLLOW | CHECK_MARK_FOLLOWS));
        int version = (int) r.getVarint();
        int nextColumnId = (int) r.getVarint();
        int n = (int) r.getVarint();
        List<ColumnDef> cols = new ArrayList<>();
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (int) r.getVarint();
            cols.add(decodeColumn(r));
        }
        List<String> pk = decodeNames(r);
        int x = (int) r.getVarint();
        List<IndexDef> ixs = new ArrayList<>();
        for (int i = 0; i < x; i++) {
            ixs.add(decodeIndex(r));
        }
        List<ForeignKeyDef> fks = new ArrayList<>();
        if ((storageByte & FOREIGN_KEYS_FOLLOW) != 0) {
            int f = (int) r.getVarint();
            for (int i = 0; i < f; i++) {
                fks.add(decodeForeignKey(r));
            }
        }
        CheckMark checks = (storageByte & CHECK_MARK_FOLLOWS) == 0 ? null
                : new CheckMark(r.getString(), (int) r.getVarint());
        return TableSchema.restore(id, name, kind, storage, version, cols, ids, nextColumnId, pk, ixs, fks, checks);
    }

    public static <E extends Enum<E>> E enumAt(E[] values, int ordinal) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new CorruptDataException("no " + values[0].getDeclaringClass().getSimpleName() + " numbered "
                    + ordinal);
        }
        return values[ordinal];
    }
}

package dev.mnemo.engine.txn;

import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;
import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.codec.SchemaCodec;
import dev.mnemo.engine.table.Bounds;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire and log form of a {@link CommitRecord}: what a member hands to the commit log and every member
 * decodes before applying. Compact: varints for ids and versions, keys and rows as length-prefixed bytes. A
 * write's type is its ordinal: new types are only ever appended, so records written before them still decode.
 */
public final class RecordCodec {
    private static final int DATA = 1;
    private static final int SCHEMA = 2;
    /** A schema change guarded by reads: the reads as a DATA record's, then the change as a SCHEMA record's. */
    private static final int GUARDED_SCHEMA = 3;
    /** A schema change with writes: the reads and writes as a DATA record's, then the change as a SCHEMA record's. */
    private static final int SCHEMA_WITH_WRITES = 4;
    /** What a read item is: a whole table's scan, a key, a range of an ordered_set's keys, a range of an index. */
    private static final int READ_TABLE = 0;
    private static final int READ_KEY = 1;
    private static final int READ_RANGE = 2;
    /** Since data format 4: the index's name and schema version, then the flags, bounds and rows as a range's. */
    private static final int READ_INDEX_RANGE = 3;
    /** A range read's flags: which bounds it has and whether each includes keys equal to it. */
    private static final int RANGE_HAS_LOW = 1;
    private static final int RANGE_LOW_INCLUSIVE = 2;
    private static final int RANGE_HAS_HIGH = 4;
    private static final int RANGE_HIGH_INCLUSIVE = 8;
    /** An index read's flag: it probed a unique hash index's map ({@link ReadItem.Index#probed}). */
    private static final int RANGE_PROBED = 16;

    private RecordCodec() {
    }

    public static byte[] encode(CommitRecord record) {
        ByteSink out = new ByteSink(64);
        encode(record, out);
        return out.toByteArray();
    }

    public static void encode(CommitRecord record, ByteSink out) {
        if (record.isSchemaChange() && !record.writes().isEmpty()) {
            out.put(SCHEMA_WITH_WRITES);
            encodeReads(record.reads(), out);
            encodeWrites(record.writes(), out);
            encodeDdl(record.ddl(), out);
            return;
        }
        if (record.isSchemaChange()) {
            if (record.reads().isEmpty()) {
                out.put(SCHEMA);
            } else {
                out.put(GUARDED_SCHEMA);
                encodeReads(record.reads(), out);
            }
            encodeDdl(record.ddl(), out);
            return;
        }
        out.put(DATA);
        encodeReads(record.reads(), out);
        encodeWrites(record.writes(), out);
    }

    private static void encodeWrites(List<WriteOp> writes, ByteSink out) {
        out.putVarint(writes.size());
        for (WriteOp w : writes) {
            out.putVarint(w.tableId()).put(w.type().ordinal()).putBlob(w.key());
            if (w.carriesRow()) {
                out.putVarint(w.schemaVersion()).putBlob(w.row());
            }
            if (!w.writes()) {
                out.putBlob(w.from());
            }
        }
    }

    public static CommitRecord decode(byte[] bytes) {
        return decode(new Bytes.Reader(bytes));
    }

    public static CommitRecord decode(Bytes.Reader in) {
        int kind = in.get();
        if (kind == SCHEMA) {
            return CommitRecord.schemaChange(decodeDdl(in));
        }
        if (kind == GUARDED_SCHEMA) {
            List<ReadItem> guard = decodeReads(in);
            return CommitRecord.schemaChange(guard, decodeDdl(in));
        }
        if (kind == SCHEMA_WITH_WRITES) {
            List<ReadItem> guard = decodeReads(in);
            List<WriteOp> writes = decodeWrites(in);
            return CommitRecord.schemaChange(guard, writes, decodeDdl(in));
        }
        if (kind != DATA) {
            throw new CorruptDataException("unknown commit record kind " + kind);
        }
        List<ReadItem> reads = decodeReads(in);
        return new CommitRecord(reads, decodeWrites(in), null);
    }

    private static List<WriteOp> decodeWrites(Bytes.Reader in) {
        int m = (int) in.getVarint();
        List<WriteOp> writes = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            long table = in.getVarint();
            WriteOp.Type type = SchemaCodec.enumAt(WriteOp.Type.values(), in.get());
            byte[] key = in.getBlob();
            boolean row = type != WriteOp.Type.DELETE;
            int schema = row ? (int) in.getVarint() : 0;
            byte[] image = row ? in.getBlob() : null;
            writes.add(new WriteOp(table, type, key, schema, image, type == WriteOp.Type.MOVED ? in.getBlob() : null));
        }
        return writes;
    }

    private static void encodeReads(List<ReadItem> reads, ByteSink out) {
        out.putVarint(reads.size());
        for (ReadItem r : reads) {
            out.putVarint(r.tableId()).putVarint(r.version());
            if (r.isIndexRange()) {
                ReadItem.Index ix = r.range().index();
                out.put(READ_INDEX_RANGE).putString(ix.name()).putVarint(ix.schemaVersion());
                encodeRange(r.range(), ix.probed() ? RANGE_PROBED : 0, out);
            } else if (r.isRange()) {
                out.put(READ_RANGE);
                encodeRange(r.range(), 0, out);
            } else if (r.key() == null) {
                out.put(READ_TABLE);
            } else {
                out.put(READ_KEY).putBlob(r.key());
            }
        }
    }

    private static void encodeRange(ReadItem.Range range, int flags, ByteSink out) {
        Bounds b = range.bounds();
        flags |= (b.from() == null ? 0 : RANGE_HAS_LOW) | (b.fromInclusive() ? RANGE_LOW_INCLUSIVE : 0)
                | (b.to() == null ? 0 : RANGE_HAS_HIGH) | (b.toInclusive() ? RANGE_HIGH_INCLUSIVE : 0);
        out.put(flags);
        if (b.from() != null) {
            out.putBlob(b.from());
        }
        if (b.to() != null) {
            out.putBlob(b.to());
        }
        out.putVarint(range.rows());
    }

    private static List<ReadItem> decodeReads(Bytes.Reader in) {
        int n = (int) in.getVarint();
        List<ReadItem> reads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long table = in.getVarint();
            long version = in.getVarint();
            int kind = in.get();
            if (kind == READ_INDEX_RANGE) {
                String index = in.getString();
                int schemaVersion = (int) in.getVarint();
                int flags = in.get();
                Bounds b = decodeBounds(flags, in);
                reads.add(ReadItem.indexRange(table, index, schemaVersion, (flags & RANGE_PROBED) != 0, b,
                        in.getVarint(), version));
            } else if (kind == READ_RANGE) {
                Bounds b = decodeBounds(in.get(), in);
                reads.add(ReadItem.range(table, b, in.getVarint(), version));
            } else if (kind == READ_KEY || kind == READ_TABLE) {
                reads.add(new ReadItem(table, kind == READ_KEY ? in.getBlob() : null, version));
            } else {
                throw new CorruptDataException("a read of unknown kind " + kind);
            }
        }
        return reads;
    }

    private static Bounds decodeBounds(int flags, Bytes.Reader in) {
        byte[] low = (flags & RANGE_HAS_LOW) != 0 ? in.getBlob() : null;
        byte[] high = (flags & RANGE_HAS_HIGH) != 0 ? in.getBlob() : null;
        return new Bounds(low, (flags & RANGE_LOW_INCLUSIVE) != 0, high, (flags & RANGE_HIGH_INCLUSIVE) != 0, false);
    }

    private static void encodeDdl(DdlOp op, ByteSink out) {
        out.put(op.type().ordinal()).put(op.lenient() ? 1 : 0).putString(op.table());
        switch (op.type()) {
            case CREATE_TABLE: SchemaCodec.encodeSchema(op.schema(), out); break;
            case ADD_COLUMN: case SET_DEFAULT: case SET_TYPE: SchemaCodec.encodeColumn(op.column(), out); break;
            case CREATE_INDEX: SchemaCodec.encodeIndex(op.index(), out); break;
            case DROP_COLUMN: case DROP_INDEX: case DROP_DEFAULT: case SET_NOT_NULL: case DROP_NOT_NULL:
                out.putString(op.name());
                break;
            case DROP_TABLE: case DROP_TABLE_CASCADE: break;
            case RENAME_TABLE: out.putString(op.newName()); break;
            case RENAME_COLUMN: out.putString(op.name()).putString(op.newName()); break;
            case ADD_FOREIGN_KEY: SchemaCodec.encodeForeignKey(op.foreignKey(), out); break;
            case DROP_FOREIGN_KEY: case SET_CHECKS: out.putString(op.name()); break;
            case SET_PRIMARY_KEY: encodeKeyChange(op, out); break;
            default: throw new IllegalStateException("unhandled DDL " + op.type());
        }
    }

    /** A new primary key: its columns, then whether a column of the old key goes with it, and which. */
    private static void encodeKeyChange(DdlOp op, ByteSink out) {
        out.putVarint(op.columns().size());
        for (String column : op.columns()) {
            out.putString(column);
        }
        out.put(op.name() == null ? 0 : 1);
        if (op.name() != null) {
            out.putString(op.name());
        }
    }

    private static DdlOp decodeKeyChange(String table, Bytes.Reader in) {
        int n = (int) in.getVarint();
        List<String> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(in.getString());
        }
        return DdlOp.setPrimaryKey(table, columns, in.get() == 1 ? in.getString() : null);
    }

    private static DdlOp decodeDdl(Bytes.Reader in) {
        DdlOp.Type type = SchemaCodec.enumAt(DdlOp.Type.values(), in.get());
        boolean lenient = in.get() == 1;
        String table = in.getString();
        switch (type) {
            case CREATE_TABLE: return DdlOp.createTable(SchemaCodec.decodeSchema(in), lenient);
            case DROP_TABLE: return DdlOp.dropTable(table, lenient);
            case DROP_TABLE_CASCADE: return DdlOp.dropTableCascade(table, lenient);
            case ADD_COLUMN: return DdlOp.addColumn(table, SchemaCodec.decodeColumn(in), lenient);
            case DROP_COLUMN: return DdlOp.dropColumn(table, in.getString(), lenient);
            case CREATE_INDEX: return DdlOp.createIndex(table, SchemaCodec.decodeIndex(in), lenient);
            case DROP_INDEX: return DdlOp.dropIndex(table, in.getString(), lenient);
            case SET_DEFAULT: return DdlOp.setDefault(table, SchemaCodec.decodeColumn(in));
            case DROP_DEFAULT: return DdlOp.dropDefault(table, in.getString());
            case SET_NOT_NULL: return DdlOp.setNotNull(table, in.getString(), true);
            case DROP_NOT_NULL: return DdlOp.setNotNull(table, in.getString(), false);
            case RENAME_TABLE: return DdlOp.rename(table, null, in.getString());
            case RENAME_COLUMN: return DdlOp.rename(table, in.getString(), in.getString());
            case ADD_FOREIGN_KEY: return DdlOp.addForeignKey(table, SchemaCodec.decodeForeignKey(in));
            case DROP_FOREIGN_KEY: return DdlOp.dropForeignKey(table, in.getString(), lenient);
            case SET_TYPE: return DdlOp.setType(table, SchemaCodec.decodeColumn(in));
            case SET_PRIMARY_KEY: return decodeKeyChange(table, in);
            case SET_CHECKS: return DdlOp.setChecks(table, in.getString());
            default: throw new IllegalStateException("unhandled DDL " + type);
        }
    }
}

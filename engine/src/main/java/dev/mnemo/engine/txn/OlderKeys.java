package dev.mnemo.engine.txn;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.KeyCodec;
import dev.mnemo.engine.table.Bounds;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Commit records whose keys a build of data format 10 or older encoded, brought to this build's key encoding before
 * they apply ({@link KeyCodec#upgradeText}): such records outlive an upgrade in a member's Raft log, and apply after
 * it when the member restarts or catches up. Their records carry no format, but need none: a key of either encoding
 * comes out in this build's, and one this build wrote comes out unchanged, so every member turns a record alike.
 *
 * <p>Keys read and written, and the bounds of range reads, are encoded again, so the record reads and writes the rows
 * it did. A range read that the table's changes since make the applier count again is counted in this build's order,
 * which differs from the older one's where a character above U+FFFF meets one in U+E000..U+FFFF: a bound between
 * the two may hold other rows now, and the read conflict where the older build let it pass, or pass where it
 * conflicted. Every member judges it alike.
 */
final class OlderKeys {
    private OlderKeys() {
    }

    /** {@code record} with its keys in this build's encoding; itself if they are already (every record it writes). */
    static CommitRecord upgrade(CommitRecord record, Catalog catalog) {
        if (!mayHoldOlderText(record)) {
            return record;
        }
        List<ReadItem> reads = new ArrayList<>(record.reads().size());
        for (ReadItem r : record.reads()) {
            reads.add(upgrade(r, catalog));
        }
        List<WriteOp> writes = new ArrayList<>(record.writes().size());
        for (WriteOp w : record.writes()) {
            Table t = catalog.byId(w.tableId());
            byte[] key = t == null ? w.key() : t.upgradeKey(w.key());
            writes.add(key == w.key() ? w
                    : new WriteOp(w.tableId(), w.type(), key, w.schemaVersion(), w.row(), w.from()));
        }
        return new CommitRecord(reads, writes, record.ddl());
    }

    private static ReadItem upgrade(ReadItem r, Catalog catalog) {
        Table t = r.isCatalog() ? null : catalog.byId(r.tableId());
        if (t == null || r.isScan()) {
            return r;
        }
        if (!r.isRange()) {
            byte[] key = t.upgradeKey(r.key());
            return key == r.key() ? r : new ReadItem(r.tableId(), key, r.version());
        }
        UnaryOperator<byte[]> upgrade = t::upgradeKey;
        if (r.isIndexRange()) {
            ColumnType[] types = indexEntryTypes(t.schema(), r.range().index().name());
            if (types == null) {
                return r; // the index is gone: the read fails as it is
            }
            upgrade = bound -> KeyCodec.upgradeText(types, bound);
        }
        Bounds b = r.range().bounds();
        byte[] from = upgrade.apply(b.from());
        byte[] to = upgrade.apply(b.to());
        if (from == b.from() && to == b.to()) {
            return r;
        }
        return new ReadItem(r.tableId(), null, r.version(), new ReadItem.Range(
                new Bounds(from, b.fromInclusive(), to, b.toInclusive(), false), r.range().rows(), r.range().index()));
    }

    /** An index entry's column types, the index's then the primary key's; null if the table has no such index. */
    private static ColumnType[] indexEntryTypes(TableSchema s, String index) {
        int i = s.findIndex(index);
        if (i < 0) {
            return null;
        }
        int[] ip = s.indexPositions(i);
        int[] kp = s.keyPositions();
        ColumnType[] out = new ColumnType[ip.length + kp.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = s.column(k < ip.length ? ip[k] : kp[k - ip.length]).type();
        }
        return out;
    }

    /** Whether any key or bound holds a byte that starts a 4-byte UTF-8 form, which this build's text keys never do. */
    private static boolean mayHoldOlderText(CommitRecord record) {
        for (WriteOp w : record.writes()) {
            if (KeyCodec.mayHoldOlderText(w.key())) {
                return true;
            }
        }
        for (ReadItem r : record.reads()) {
            if (r.isCatalog()) {
                continue;
            }
            if (r.isRange() ? KeyCodec.mayHoldOlderText(r.range().bounds().from())
                    || KeyCodec.mayHoldOlderText(r.range().bounds().to()) : KeyCodec.mayHoldOlderText(r.key())) {
                return true;
            }
        }
        return false;
    }
}

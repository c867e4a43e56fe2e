package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.table.Bounds;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.ReadItem;
import dev.mnemo.engine.txn.RecordCodec;
import dev.mnemo.engine.txn.WriteOp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the data format members exchange: sample schemas, rows, keys, stored values (single and bag) and commit
 * records of every kind, encoded, hash to a known digest. A change to any of those encodings (or a new write or
 * schema-change kind) changes the digest, and this test fails until {@link DataFormat#VERSION} is raised with it,
 * so that members of builds that write different data refuse each other rather than misread it.
 */
class DataFormatPinTest {
    /** The format the digest below was taken at. */
    private static final int PINNED_VERSION = 11;
    private static final String PINNED_DIGEST = "9f775fa0a1563a733d470d58b26c4be45fff346d0c472d3239562006af994ce7";

    @Test
    void theEncodingsAreThoseOfTheCurrentDataFormatVersion() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(samples()));
        assertThat(DataFormat.VERSION)
                .as("DataFormat.VERSION changed: take the digest of the new encodings (%s) with it", digest)
                .isEqualTo(PINNED_VERSION);
        assertThat(digest)
                .as("the encodings members exchange changed: raise DataFormat.VERSION, then pin the new digest")
                .isEqualTo(PINNED_DIGEST);
    }

    private static byte[] samples() {
        ByteSink out = new ByteSink(1024);
        out.putVarint(WriteOp.Type.values().length).putVarint(DdlOp.Type.values().length)
                .putVarint(ForeignKeyAction.values().length).putVarint(TableKind.values().length)
                .putVarint(ColumnType.Kind.values().length);
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("parent").column("id", ColumnType.BIGINT).notNull().primaryKey("id"));
            db.createTable(TableDef.named("every")
                    .column("id", ColumnType.BIGINT).notNull()
                    .column("i", ColumnType.INTEGER).column("s", ColumnType.SMALLINT).defaultValue((short) 3)
                    .column("d", ColumnType.DOUBLE).column("r", ColumnType.REAL).column("b", ColumnType.BOOLEAN)
                    .column("n", ColumnType.decimal(30, 4)).column("m", ColumnType.decimal(9, 2))
                    .column("v", ColumnType.varchar(20)).column("c", ColumnType.fixedChar(4))
                    .column("x", ColumnType.varbinary(8)).column("dt", ColumnType.DATE)
                    .column("t", ColumnType.time(3)).column("ts", ColumnType.timestamp(6))
                    .column("p", ColumnType.BIGINT).column("u", ColumnType.UUID).randomUuidDefault()
                    .column("tz", ColumnType.timestampTz(6))
                    .primaryKey("id", "v").kind(TableKind.ORDERED_SET)
                    .index(IndexDef.hash("by_i", "i").unique()).index(IndexDef.ordered("by_ts", "ts", "d"))
                    .foreignKey(ForeignKeyDef.of("to_parent", List.of("p"), "parent", List.of("id"),
                            ForeignKeyAction.CASCADE, ForeignKeyAction.NO_ACTION)));
            TableSchema every = db.schema("every");
            SchemaCodec.encodeSchema(db.schema("parent"), out);
            SchemaCodec.encodeColumn(ColumnDef.of("q", ColumnType.BIGINT).withSequenceDefault("S"), out);
            SchemaCodec.encodeSchema(every, out);
            SchemaCodec.encodeSchema(every.withChecks("mark"), out);
            Object[] row = {7L, -3, (short) 2, 1.5, 2.5f, true, new BigDecimal("12345678901234567890.1234"),
                new BigDecimal("-7.25"), "héllo\uD800", "ab  ", new byte[] {1, 2, 3}, LocalDate.of(2026, 12, 3),
                LocalTime.of(6, 19, 13, 123_000_000), LocalDateTime.of(2026, 12, 3, 6, 19, 13, 123_456_000), 9L,
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                OffsetDateTime.of(2026, 12, 3, 6, 19, 13, 123_456_000, ZoneOffset.UTC)};
            ByteSink rowBytes = new ByteSink(128);
            RowCodec.encode(every, row, rowBytes);
            out.putBlob(rowBytes.toByteArray());
            ByteSink key = new ByteSink(32);
            for (int i : every.keyPositions()) {
                KeyCodec.encode(every.column(i).type(), row[i], key);
            }
            out.putBlob(key.toByteArray());
            // Text in keys with a character above U+FFFF, whose encoding (not UTF-8's) sets the order.
            ByteSink supplementary = new ByteSink(16);
            KeyCodec.encode(ColumnType.varchar(20), "\uD83D\uDE00\uFF3A", supplementary);
            out.putBlob(supplementary.toByteArray());
            // Stored values, as rows are kept in the tables and shipped in snapshots.
            out.putBlob(StoredValue.single(43, every.version(), rowBytes.toByteArray()));
            out.putBlob(StoredValue.bag(44, List.of(new StoredValue.Image(every.version(), rowBytes.toByteArray()),
                    new StoredValue.Image(1, key.toByteArray()))));
            List<WriteOp> writes = new ArrayList<>();
            for (WriteOp.Type type : WriteOp.Type.values()) {
                boolean carries = type != WriteOp.Type.DELETE;
                writes.add(new WriteOp(every.tableId(), type, key.toByteArray(), carries ? every.version() : 0,
                        carries ? rowBytes.toByteArray() : null,
                        type == WriteOp.Type.MOVED ? rowBytes.toByteArray() : null));
            }
            List<ReadItem> reads = List.of(new ReadItem(every.tableId(), key.toByteArray(), 41),
                    new ReadItem(every.tableId(), null, 42), new ReadItem(ReadItem.CATALOG, "x".getBytes(
                            StandardCharsets.UTF_8), 2),
                    ReadItem.range(every.tableId(), new Bounds(key.toByteArray(), true, null, false, false), 3, 43),
                    ReadItem.range(every.tableId(), new Bounds(null, false, key.toByteArray(), false, false), 0, 44),
                    ReadItem.indexRange(every.tableId(), "BY_TS", every.version(), false,
                            new Bounds(key.toByteArray(), false, null, false, false), 5, 45),
                    ReadItem.indexRange(every.tableId(), "BY_I", every.version(), true,
                            new Bounds(key.toByteArray(), true, key.toByteArray(), true, false), 1, 46));
            ColumnDef added = ColumnDef.of("extra", ColumnType.varchar(5));
            for (CommitRecord r : List.of(CommitRecord.transaction(reads, writes),
                    CommitRecord.schemaChange(DdlOp.createTable(every, true)),
                    CommitRecord.schemaChange(reads, DdlOp.addColumn("every", added, false)),
                    CommitRecord.schemaChange(reads, writes, DdlOp.rename("every", null, "other")),
                    CommitRecord.schemaChange(DdlOp.addForeignKey("every", every.foreignKeys().get(0))),
                    CommitRecord.schemaChange(DdlOp.setType("every", ColumnDef.of("m", ColumnType.decimal(12, 2)))),
                    CommitRecord.schemaChange(DdlOp.createIndex("every", IndexDef.ordered("by_c", "c"), false)),
                    CommitRecord.schemaChange(reads, writes, DdlOp.dropTableCascade("parent", true)),
                    CommitRecord.schemaChange(DdlOp.setPrimaryKey("every", List.of("i", "v"), "id")),
                    CommitRecord.schemaChange(DdlOp.setPrimaryKey("every", List.of("s"), null)),
                    CommitRecord.schemaChange(reads, writes, DdlOp.setChecks("every", "mark")))) {
                out.putBlob(RecordCodec.encode(r));
            }
        }
        return out.toByteArray();
    }
}

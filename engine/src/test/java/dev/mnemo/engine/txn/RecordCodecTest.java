package dev.mnemo.engine.txn;

import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;
import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.codec.SchemaCodec;
import dev.mnemo.engine.table.Bounds;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commit record's binary form: records and schemas written before key changes were declared still decode. */
class RecordCodecTest {
    /** A record of reads and one write of each type, as written before {@link WriteOp.Type#MOVED} existed. */
    private static final String RECORD_BEFORE_MOVED = "010205030102010205040005050002010201030708090501020102010307"
            + "080905020201020603020102020307080906040201020203070809";
    /**
     * A record of data format 3 (before index range reads): reads of a key, a whole table, the catalog and a key
     * range, and one write.
     */
    private static final String RECORD_OF_FORMAT_3 = "0104052901020102052a000005010154052b020702010302010903010500"
            + "02010201020708";
    /** Table C, foreign key FK_C_P to P ON DELETE CASCADE ON UPDATE RESTRICT, as written before ON UPDATE acted. */
    private static final String SCHEMA_BEFORE_ON_UPDATE = "02014300800103020102494400000000000201500000000100010249"
            + "440106464b5f435f5000000101500106464b5f435f500101500101010201";

    @Test
    void aRecordWrittenBeforeMovedExistedStillDecodesAndIsWrittenAlike() {
        byte[] old = HexFormat.of().parseHex(RECORD_BEFORE_MOVED);
        CommitRecord r = RecordCodec.decode(old);
        assertThat(r.reads()).hasSize(2);
        assertThat(r.writes()).extracting(WriteOp::type).containsExactly(WriteOp.Type.PUT, WriteOp.Type.INSERT,
                WriteOp.Type.DELETE, WriteOp.Type.BAG_ADD, WriteOp.Type.BAG_REMOVE);
        assertThat(r.writes()).extracting(WriteOp::tableId).containsExactly(5L, 5L, 5L, 6L, 6L);
        assertThat(r.writes().get(3).row()).containsExactly(7, 8, 9);
        assertThat(r.writes()).allSatisfy(w -> assertThat(w.from()).isNull());
        assertThat(RecordCodec.encode(r)).isEqualTo(old);
    }

    @Test
    void aRecordOfDataFormat3StillDecodesAndIsWrittenAlike() {
        byte[] old = HexFormat.of().parseHex(RECORD_OF_FORMAT_3);
        CommitRecord r = RecordCodec.decode(old);
        assertThat(r.reads()).extracting(ReadItem::isScan).containsExactly(false, true, false, false);
        assertThat(r.reads()).noneMatch(ReadItem::isIndexRange);
        assertThat(r.reads().get(0).key()).containsExactly(1, 2);
        assertThat(r.reads().get(2).isCatalog()).isTrue();
        ReadItem range = r.reads().get(3);
        assertThat(range.isRange()).isTrue();
        assertThat(range.version()).isEqualTo(43);
        assertThat(range.range().rows()).isEqualTo(3);
        assertThat(range.range().bounds().from()).containsExactly(1, 3);
        assertThat(range.range().bounds().fromInclusive()).isTrue();
        assertThat(range.range().bounds().to()).containsExactly(1, 9);
        assertThat(range.range().bounds().toInclusive()).isFalse();
        assertThat(r.writes()).singleElement().extracting(WriteOp::type).isEqualTo(WriteOp.Type.PUT);
        assertThat(RecordCodec.encode(r)).isEqualTo(old);
    }

    @Test
    void indexRangeReadsRoundTripWithTheirIndexSchemaVersionBoundsAndRowCount() {
        List<ReadItem> reads = List.of(
                ReadItem.indexRange(4, "BY_G", 3, false, new Bounds(new byte[] {1, 2}, true, new byte[] {1, 9, 7},
                        true, false), 7, 30),
                ReadItem.indexRange(4, "U_C", 2, true, new Bounds(new byte[] {5}, true, new byte[] {5}, true, false),
                        0, 31),
                ReadItem.indexRange(5, "ÉTÉ", 9, false, new Bounds(null, false, null, false, false), 2, 32),
                ReadItem.range(5, new Bounds(new byte[] {3}, false, null, true, false), 2, 33));
        CommitRecord back = RecordCodec.decode(RecordCodec.encode(CommitRecord.transaction(reads, List.of())));
        assertThat(back.reads()).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(back.reads().get(i).isIndexRange()).isTrue();
            assertSameRange(back.reads().get(i), reads.get(i));
        }
        assertThat(back.reads().get(3).isRange()).isTrue();
        assertThat(back.reads().get(3).isIndexRange()).isFalse();
    }

    /** A range read decoded as {@code want} was: table, version, rows, index, bounds (the ends it has). */
    private static void assertSameRange(ReadItem got, ReadItem want) {
        assertThat(got.isRange()).isTrue();
        assertThat(got.tableId()).isEqualTo(want.tableId());
        assertThat(got.version()).isEqualTo(want.version());
        assertThat(got.range().rows()).isEqualTo(want.range().rows());
        assertThat(got.range().index()).isEqualTo(want.range().index());
        Bounds w = want.range().bounds();
        Bounds g = got.range().bounds();
        assertThat(g.from()).isEqualTo(w.from());
        assertThat(g.to()).isEqualTo(w.to());
        assertThat(g.descending()).isFalse();
        if (w.from() != null) {
            assertThat(g.fromInclusive()).isEqualTo(w.fromInclusive());
        }
        if (w.to() != null) {
            assertThat(g.toInclusive()).isEqualTo(w.toInclusive());
        }
    }

    @Test
    void aMovedDeclarationRoundTripsWithBothRows() {
        WriteOp moved = new WriteOp(9, WriteOp.Type.MOVED, new byte[] {1}, 3, new byte[] {2, 2}, new byte[] {4, 4, 4});
        CommitRecord r = CommitRecord.transaction(List.of(), List.of(moved,
                new WriteOp(9, WriteOp.Type.DELETE, new byte[] {1}, 0, null)));
        CommitRecord back = RecordCodec.decode(RecordCodec.encode(r));
        WriteOp w = back.writes().get(0);
        assertThat(w.type()).isEqualTo(WriteOp.Type.MOVED);
        assertThat(w.writes()).isFalse();
        assertThat(w.key()).containsExactly(1);
        assertThat(w.schemaVersion()).isEqualTo(3);
        assertThat(w.row()).containsExactly(2, 2);
        assertThat(w.from()).containsExactly(4, 4, 4);
        assertThat(back.writes().get(1).type()).isEqualTo(WriteOp.Type.DELETE);
    }

    @Test
    void rangeReadsRoundTripWithTheirBoundsAndRowCount() {
        List<ReadItem> reads = List.of(
                ReadItem.range(4, new Bounds(new byte[] {1, 2}, true, new byte[] {1, 9}, false, false), 7, 30),
                ReadItem.range(4, new Bounds(null, false, new byte[] {5}, true, false), 0, 31),
                ReadItem.range(5, new Bounds(new byte[] {3}, false, null, true, false), 2, 32),
                new ReadItem(6, null, 33), new ReadItem(6, new byte[] {8}, 34));
        CommitRecord back = RecordCodec.decode(RecordCodec.encode(CommitRecord.transaction(reads, List.of())));
        assertThat(back.reads()).hasSize(5);
        for (int i = 0; i < 3; i++) {
            assertThat(back.reads().get(i).isScan()).isFalse();
            assertSameRange(back.reads().get(i), reads.get(i));
        }
        assertThat(back.reads().get(3).isScan()).isTrue();
        assertThat(back.reads().get(4).key()).containsExactly(8);
    }

    @Test
    void aDropWithTheForeignKeysThatReferenceTheTableRoundTripsAloneAndGuardedWithWrites() {
        for (boolean ifExists : new boolean[] {false, true}) {
            DdlOp op = DdlOp.dropTableCascade("DEPT", ifExists);
            assertThat(RecordCodec.decode(RecordCodec.encode(CommitRecord.schemaChange(op))).ddl()).isEqualTo(op);
            CommitRecord guarded = CommitRecord.schemaChange(List.of(new ReadItem(3, null, 7)),
                    List.of(new WriteOp(4, WriteOp.Type.DELETE, new byte[] {1}, 0, null)), op);
            CommitRecord back = RecordCodec.decode(RecordCodec.encode(guarded));
            assertThat(back.ddl()).isEqualTo(op);
            assertThat(back.ddl().type()).isEqualTo(DdlOp.Type.DROP_TABLE_CASCADE);
            assertThat(back.reads()).hasSize(1);
            assertThat(back.writes()).extracting(WriteOp::tableId).containsExactly(4L);
        }
        assertThat(RecordCodec.decode(RecordCodec.encode(CommitRecord.schemaChange(DdlOp.dropTable("DEPT", false))))
                .ddl().type()).as("a plain drop stays one").isEqualTo(DdlOp.Type.DROP_TABLE);
    }

    @Test
    void aReadOfUnknownKindIsCorruptData() {
        // DATA, one read: table 1, version 1, kind 9; then kind 4, the first after the index range read.
        assertThatThrownBy(() -> RecordCodec.decode(new byte[] {1, 1, 1, 1, 9, 0}))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("unknown kind 9");
        assertThatThrownBy(() -> RecordCodec.decode(new byte[] {1, 1, 1, 1, 4, 0}))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("unknown kind 4");
    }

    @Test
    void aSchemaWrittenBeforeOnUpdateActedStillDecodesAndCascadingUpdateActionsRoundTrip() {
        byte[] old = HexFormat.of().parseHex(SCHEMA_BEFORE_ON_UPDATE);
        TableSchema s = SchemaCodec.decodeSchema(new Bytes.Reader(old));
        ForeignKeyDef fk = s.foreignKeys().get(0);
        assertThat(fk.name()).isEqualTo("FK_C_P");
        assertThat(fk.onDelete()).isEqualTo(ForeignKeyAction.CASCADE);
        assertThat(fk.onUpdate()).isEqualTo(ForeignKeyAction.RESTRICT);
        for (ForeignKeyAction a : List.of(ForeignKeyAction.CASCADE, ForeignKeyAction.SET_NULL)) {
            ForeignKeyDef changed = ForeignKeyDef.resolved(fk.name(), fk.columns(), fk.parentTableId(),
                    fk.parentColumnIds(), fk.onDelete(), a);
            ByteSink out = new ByteSink(64);
            SchemaCodec.encodeForeignKey(changed, out);
            assertThat(SchemaCodec.decodeForeignKey(new Bytes.Reader(out.toByteArray()))).isEqualTo(changed);
        }
    }
}

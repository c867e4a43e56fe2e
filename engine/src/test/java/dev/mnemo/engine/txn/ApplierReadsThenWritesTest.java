package dev.mnemo.engine.txn;

import dev.mnemo.engine.ChangeEvent;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.DuplicateKeyException;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.RowCodec;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that read keys and then write keys, applied through the commit log as a member applies them. Planning a
 * record's writes reuses the values its validation read; these records check that a value is reused only for the
 * same key of the same table, and that records reading more keys than are remembered still apply correctly.
 */
class ApplierReadsThenWritesTest {
    private static final long WAIT_SECONDS = 10;
    private Mnemo db;
    private Table left;
    private Table right;

    @BeforeEach
    void open() {
        db = Mnemo.inMemory();
        for (String name : List.of("left", "right")) {
            db.createTable(TableDef.named(name).column("id", ColumnType.BIGINT).column("v", ColumnType.BIGINT)
                    .primaryKey("id"));
        }
        left = db.engine().catalog().require("left");
        right = db.engine().catalog().require("right");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aKeyReadAbsentInOneTableDoesNotHideTheSameKeyInAnother() {
        db.dirtyWrite("right", Row.of(1L, 10L));
        // Reads left/1 (absent) and inserts right/1, which exists: the insert must see right's row.
        Outcome out = append(List.of(read(left, 1L)), List.of(write(right, WriteOp.Type.INSERT, 1L, 11L)));

        assertThat(out.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(out.error()).isInstanceOf(DuplicateKeyException.class);
        assertThat(db.dirtyRead("right", 1L).getLong("v")).isEqualTo(10L);
        assertThat(db.dirtyRead("left", 1L)).isNull();
    }

    @Test
    void aKeyReadPresentInOneTableDoesNotStandForAnAbsentKeyInAnother() throws InterruptedException {
        db.dirtyWrite("left", Row.of(1L, 10L));
        // Reads left/1 (present) and inserts right/1, which is absent: an insert, not an update of left's row.
        ChangeEvent event = committedChange("right", List.of(read(left, 1L)),
                List.of(write(right, WriteOp.Type.INSERT, 1L, 11L)));

        assertThat(event.type()).isEqualTo(ChangeEvent.Type.INSERT);
        assertThat(event.oldRow()).isNull();
        assertThat(db.dirtyRead("right", 1L).getLong("v")).isEqualTo(11L);
    }

    @Test
    void aReadModifyWriteReportsTheRowItRead() throws InterruptedException {
        db.dirtyWrite("left", Row.of(1L, 10L));
        ChangeEvent event = committedChange("left", List.of(read(left, 1L)),
                List.of(write(left, WriteOp.Type.PUT, 1L, 11L)));

        assertThat(event.type()).isEqualTo(ChangeEvent.Type.UPDATE);
        assertThat(event.oldRow().getLong("v")).isEqualTo(10L);
        assertThat(event.newRow().getLong("v")).isEqualTo(11L);
        // Inserting the key the record just read present is still a duplicate.
        Outcome again = append(List.of(read(left, 1L)), List.of(write(left, WriteOp.Type.INSERT, 1L, 12L)));
        assertThat(again.error()).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aValueReadByOneRecordIsNotTakenByTheNext() {
        // The first record reads left/1 absent and inserts it; the second reads nothing and inserts it again.
        Outcome first = append(List.of(read(left, 1L)), List.of(write(left, WriteOp.Type.INSERT, 1L, 10L)));
        Outcome second = append(List.of(), List.of(write(left, WriteOp.Type.INSERT, 1L, 11L)));

        assertThat(first.status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(second.error()).isInstanceOf(DuplicateKeyException.class);
        assertThat(db.dirtyRead("left", 1L).getLong("v")).isEqualTo(10L);
    }

    @Test
    void aRecordReadingMoreKeysThanAreRememberedSeesEveryKeysValue() {
        int keys = 40;
        List<ReadItem> reads = new ArrayList<>();
        List<WriteOp> writes = new ArrayList<>();
        for (long id = 1; id <= keys; id++) {
            if (id % 2 == 0) {
                db.dirtyWrite("left", Row.of(id, id));
            }
        }
        for (long id = 1; id <= keys; id++) {
            reads.add(read(left, id));
            writes.add(write(left, WriteOp.Type.INSERT, keys + 1 - id, 100L)); // written in the opposite order
        }
        // Every even key exists, so the inserts must fail whichever key's value was remembered.
        assertThat(append(reads, writes).error()).isInstanceOf(DuplicateKeyException.class);

        List<WriteOp> oddOnly = new ArrayList<>();
        for (long id = keys - 1; id >= 1; id -= 2) {
            oddOnly.add(write(left, WriteOp.Type.INSERT, id, 100L + id));
        }
        assertThat(append(reads, oddOnly).status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(db.size("left")).isEqualTo(keys);
        assertThat(db.dirtyRead("left", 1L).getLong("v")).isEqualTo(101L);
        assertThat(db.dirtyRead("left", 2L).getLong("v")).isEqualTo(2L);
    }

    /**
     * Appends a record that must commit and returns the first change it made to {@code table}, as a subscriber
     * is told of it (on the subscription's own thread, after the commit).
     */
    private ChangeEvent committedChange(String table, List<ReadItem> reads, List<WriteOp> writes)
            throws InterruptedException {
        BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
        db.subscribe(table, events::add);
        assertThat(append(reads, writes).status()).isEqualTo(Outcome.Status.COMMITTED);
        ChangeEvent e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(e).as("a change event within %d s", WAIT_SECONDS).isNotNull();
        return e;
    }

    private Outcome append(List<ReadItem> reads, List<WriteOp> writes) {
        return db.engine().commitLog().append(CommitRecord.transaction(reads, writes));
    }

    /** A read of the key's current version, as a transaction would have made it. */
    private static ReadItem read(Table t, long id) {
        byte[] key = t.encodeKey(new Object[] {id});
        byte[] stored = t.stored(key);
        return new ReadItem(t.tableId(), key, stored == null ? 0 : StoredValue.version(stored));
    }

    private static WriteOp write(Table t, WriteOp.Type type, long id, long v) {
        ByteSink row = new ByteSink(32);
        RowCodec.encode(t.schema(), new Object[] {id, v}, row);
        return new WriteOp(t.tableId(), type, t.encodeKey(new Object[] {id}), t.schema().version(), row.toByteArray());
    }
}

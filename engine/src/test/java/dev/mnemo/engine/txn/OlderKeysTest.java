package dev.mnemo.engine.txn;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.table.Bounds;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.testing.Format10Keys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commit records of data format 10, whose text keys are UTF-8, outlive an upgrade in a member's Raft log: applied
 * by this build they read and write the rows they did, under this build's keys, so the table stays in
 * {@link String#compareTo}'s order and holds no row twice.
 */
class OlderKeysTest {
    private Mnemo db;
    private Table people;

    @BeforeEach
    void open() {
        db = Mnemo.inMemory();
        db.createTable(TableDef.named("people").column("name", ColumnType.varchar(8))
                .column("nick", ColumnType.varchar(8)).primaryKey("name").kind(TableKind.ORDERED_SET)
                .index(IndexDef.ordered("by_nick", "nick")));
        people = db.engine().catalog().require("people");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Outcome append(List<ReadItem> reads, List<WriteOp> writes) {
        return db.engine().commitLog().append(CommitRecord.transaction(reads, writes));
    }

    private WriteOp format10Write(WriteOp.Type type, String name, String nick) {
        byte[] key = Format10Keys.primaryKey(people, name);
        if (type == WriteOp.Type.DELETE) {
            return new WriteOp(people.tableId(), type, key, 0, null);
        }
        return new WriteOp(people.tableId(), type, key, people.schema().version(),
                people.encodeRow(people.schema(), new Object[] {name, nick}));
    }

    private List<Object> names() {
        List<Object> out = new ArrayList<>();
        for (Row r : db.transaction(tx -> tx.select("people", KeyRange.all()))) {
            out.add(r.get(0));
        }
        return out;
    }

    @Test
    void aFormat10RecordsWritesLandUnderThisBuildsKeysInStringOrder() {
        List<WriteOp> writes = new ArrayList<>();
        for (String name : Format10Keys.NAMES) {
            writes.add(format10Write(WriteOp.Type.INSERT, name, "n" + name));
        }
        assertThat(append(List.of(), writes).status()).isEqualTo(Outcome.Status.COMMITTED);

        assertThat(names()).isEqualTo(Format10Keys.sortedNames());
        assertThat(Format10Keys.inIndexOrder(people, 0, 1))
                .isEqualTo(Format10Keys.sortedNames().stream().map(n -> (Object) ("n" + n)).toList());
        assertThat(db.dirtyRead("people", "\uD83D\uDE00").get(1)).isEqualTo("n\uD83D\uDE00");
    }

    @Test
    void aFormat10RecordReadsUpdatesAndDeletesTheRowsThisBuildWrote() {
        db.dirtyWrite("people", Row.of("\uD83D\uDE00", "old"));
        db.dirtyWrite("people", Row.of("a\uD83D\uDE00", "gone"));
        long version = Applier.versionOf(people.stored(people.encodeKey(new Object[] {"\uD83D\uDE00"})));
        ReadItem read = new ReadItem(people.tableId(), Format10Keys.primaryKey(people, "\uD83D\uDE00"), version);
        Outcome out = append(List.of(read), List.of(format10Write(WriteOp.Type.INSERT, "x", "x"),
                format10Write(WriteOp.Type.PUT, "\uD83D\uDE00", "new"),
                format10Write(WriteOp.Type.DELETE, "a\uD83D\uDE00", null)));

        assertThat(out.status()).as("the key read is the row stored, unchanged").isEqualTo(Outcome.Status.COMMITTED);
        assertThat(names()).containsExactly("x", "\uD83D\uDE00");
        assertThat(db.dirtyRead("people", "\uD83D\uDE00").get(1)).isEqualTo("new");
        assertThat(db.dirtyRead("people", "a\uD83D\uDE00")).isNull();
    }

    @Test
    void aFormat10RangeReadIsCheckedOverThisBuildsKeys() {
        db.dirtyWrite("people", Row.of("\uD83D\uDE00", "a"));
        db.dirtyWrite("people", Row.of("\uD83D\uDE00b", "b"));
        long seen = people.modVersion();
        db.dirtyWrite("people", Row.of("\uFF21", "c")); // a later change elsewhere: the range is counted again
        byte[] from = Format10Keys.primaryKey(people, "\uD83D\uDE00");
        byte[] to = Format10Keys.primaryKey(people, "\uD83D\uDE00b");
        ReadItem range = ReadItem.range(people.tableId(), new Bounds(from, true, to, true, false), 2, seen);

        assertThat(append(List.of(range), List.of(format10Write(WriteOp.Type.PUT, "z", "z"))).status())
                .isEqualTo(Outcome.Status.COMMITTED);
    }
}

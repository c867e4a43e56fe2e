package dev.mnemo.engine.snapshot;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.DataFormatTooNewException;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.codec.DataFormat;
import dev.mnemo.engine.codec.SchemaCodec;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.testing.Format10Keys;
import dev.mnemo.engine.testing.TestCatalogs;
import dev.mnemo.engine.testing.Texts;
import dev.mnemo.engine.txn.DdlOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A snapshot brings each table back with the version that last changed it: a transaction that read a whole table is
 * checked against that version, on a member that loaded the snapshot as on one that applied every commit.
 */
class SnapshotsTest {
    private final TestCatalogs catalogs = new TestCatalogs(false);

    @AfterEach
    void closeCatalogs() {
        catalogs.close();
    }

    /** Creates a table of one INTEGER key column at {@code version}. */
    private static Table create(Catalog c, String name, long version) {
        TableSchema s = TableSchema.create(0, TableDef.named(name).column("id", ColumnType.INTEGER).primaryKey("id"));
        return c.apply(DdlOp.createTable(s, false), version);
    }

    /** Stores row {@code id} at {@code version}, as the applier does. */
    private static void put(Table t, int id, long version) {
        byte[] row = t.encodeRow(t.schema(), new Object[] {id});
        t.change(t.encodeKey(new Object[] {id}), null, StoredValue.single(version, t.schema().version(), row), version);
        t.setModVersion(version);
    }

    private Catalog load(byte[] snapshot) throws IOException {
        Catalog loaded = catalogs.create();
        Snapshots.read(new ByteArrayInputStream(snapshot), loaded);
        return loaded;
    }

    @Test
    void eachTableComesBackWithTheVersionThatLastChangedIt() throws IOException {
        Catalog c = catalogs.create();
        put(create(c, "early", 1), 1, 2);
        put(create(c, "late", 3), 1, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Snapshots.write(c, 5, Snapshots.Rows.ALL, out);
        Catalog loaded = load(out.toByteArray());
        assertThat(loaded.require("early").modVersion()).isEqualTo(2);
        assertThat(loaded.require("late").modVersion()).isEqualTo(5);
        assertThat(loaded.require("early").size()).isEqualTo(1);
    }

    /**
     * A snapshot of table {@code t} with row 7 written at version 2, at version 5, in {@code format} as the builds
     * that wrote it did: 1 without the table's modification version (3 here), 2 with it, both without a data format.
     */
    private static byte[] snapshotInFormat(int format, Table t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckedOutputStream checked = new CheckedOutputStream(bytes, new CRC32C());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeLong(0x4D4E454D4F534E50L);
        out.writeInt(format);
        out.writeLong(5); // the snapshot's version
        out.writeLong(t.tableId()); // the last table id
        out.writeInt(1);
        ByteSink schema = new ByteSink(256);
        SchemaCodec.encodeSchema(t.schema(), schema);
        out.writeInt(1);
        out.writeInt(schema.size());
        out.write(schema.array(), 0, schema.size());
        if (format == 2) {
            out.writeLong(3);
        }
        byte[] key = t.encodeKey(new Object[] {7});
        byte[] value = StoredValue.single(2, t.schema().version(), t.encodeRow(t.schema(), new Object[] {7}));
        out.writeByte(1);
        out.writeInt(key.length);
        out.write(key);
        out.writeInt(value.length);
        out.write(value);
        out.writeByte(0);
        out.flush();
        out.writeLong(checked.getChecksum().getValue());
        out.flush();
        return bytes.toByteArray();
    }

    /** Format 1 brings its tables back at its own version, format 2 at theirs; neither names a data format. */
    @Test
    void snapshotsOfTheFormatsBeforeTheDataFormatStillLoad() throws IOException {
        for (int format : List.of(1, 2)) {
            Table t = create(catalogs.create(), "early", 1);
            Table loaded = load(snapshotInFormat(format, t)).require("early");
            assertThat(loaded.modVersion()).as("format %d", format).isEqualTo(format == 1 ? 5 : 3);
            assertThat(StoredValue.version(loaded.stored(t.encodeKey(new Object[] {7})))).isEqualTo(2);
        }
    }

    @Test
    void aSnapshotNamesTheDataFormatThatWroteIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Snapshots.write(catalogs.create(), 5, Snapshots.Rows.ALL, out);
        ByteBuffer header = ByteBuffer.wrap(out.toByteArray());
        assertThat(header.getLong(0)).isEqualTo(0x4D4E454D4F534E50L);
        assertThat(header.getInt(8)).as("snapshot format").isEqualTo(3);
        assertThat(header.getInt(12)).isEqualTo(DataFormat.VERSION);
    }

    /**
     * A snapshot of a newer data format, or of a newer snapshot format, is refused as such, naming both formats,
     * not as damage. Its header has a checksum of its own, so a damaged format field reads as damage, not as newer.
     */
    @Test
    void aSnapshotOfANewerFormatIsRefusedNamingItsFormatAndThisBuilds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Snapshots.write(catalogs.create(), 5, Snapshots.Rows.ALL, out);
        for (int field : List.of(8, 12)) {
            byte[] newer = out.toByteArray();
            ByteBuffer header = ByteBuffer.wrap(newer);
            header.putInt(field, header.getInt(field) + 1);
            CRC32C crc = new CRC32C();
            crc.update(newer, 0, 16);
            header.putInt(16, (int) crc.getValue());
            assertThatThrownBy(() -> Snapshots.read(new ByteArrayInputStream(newer), catalogs.create(), "snapshot X"))
                    .isInstanceOf(DataFormatTooNewException.class)
                    .hasMessageContaining("snapshot X was written in data format " + header.getInt(12)
                            + " (snapshot format " + header.getInt(8) + ")")
                    .hasMessageContaining("this build reads data format " + DataFormat.VERSION
                            + " (snapshot format 3) and older");
            newer[16] ^= 1;
            assertThatThrownBy(() -> load(newer)).isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("header");
        }
    }

    /**
     * Tables keyed by text, as data format 10 stored them: an ordered_set (name) with an ordered index (nick) and a
     * set (name), every row under its format 10 key.
     */
    private static List<Table> format10Tables(Catalog c) {
        Table people = c.apply(DdlOp.createTable(TableSchema.create(0, TableDef.named("people")
                .column("name", ColumnType.varchar(8)).column("nick", ColumnType.varchar(8)).primaryKey("name")
                .kind(TableKind.ORDERED_SET).index(IndexDef.ordered("by_nick", "nick"))), false), 1);
        Table tags = c.apply(DdlOp.createTable(TableSchema.create(0, TableDef.named("tags")
                .column("name", ColumnType.varchar(8)).primaryKey("name")), false), 2);
        for (String name : Format10Keys.NAMES) {
            byte[] row = people.encodeRow(people.schema(), new Object[] {name, "n" + name});
            people.change(Format10Keys.primaryKey(people, name), null,
                    StoredValue.single(3, people.schema().version(), row), 3);
            byte[] tag = tags.encodeRow(tags.schema(), new Object[] {name});
            tags.change(Format10Keys.primaryKey(tags, name), null, StoredValue.single(3, tags.schema().version(), tag),
                    3);
        }
        people.setModVersion(3);
        tags.setModVersion(3);
        return List.of(people, tags);
    }

    /** The snapshot with data format {@code dataFormat} in its header, its checksums made whole again. */
    private static byte[] withDataFormat(byte[] snapshot, int dataFormat) {
        byte[] out = snapshot.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(12, dataFormat);
        CRC32C header = new CRC32C();
        header.update(out, 0, 16);
        b.putInt(16, (int) header.getValue());
        CRC32C all = new CRC32C();
        all.update(out, 0, out.length - 8);
        b.putLong(out.length - 8, all.getValue());
        return out;
    }

    /**
     * A snapshot of data format 10 holds its text keys in UTF-8, where a character above U+FFFF sorts after
     * U+E000..U+FFFF: its keys are encoded again as it loads, so every row is found under this build's key, and the
     * ordered_set and its ordered index walk in {@link String#compareTo}'s order.
     */
    @Test
    void aSnapshotOfDataFormat10ComesBackUnderThisBuildsTextKeysInStringOrder() throws IOException {
        format10Tables(catalogs.create());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Snapshots.write(catalogs.first(), 3, Snapshots.Rows.ALL, out);
        Catalog loaded = load(withDataFormat(out.toByteArray(), 10));
        Table people = loaded.require("people");
        Table tags = loaded.require("tags");
        for (String name : Format10Keys.NAMES) {
            assertThat(people.stored(people.encodeKey(new Object[] {name}))).as(Texts.escaped(name)).isNotNull();
            assertThat(tags.stored(tags.encodeKey(new Object[] {name}))).as(Texts.escaped(name)).isNotNull();
        }
        assertThat(people.size()).isEqualTo(Format10Keys.NAMES.length);
        assertThat(Format10Keys.inKeyOrder(people, 0)).isEqualTo(Format10Keys.sortedNames());
        List<Object> nicks = Format10Keys.sortedNames().stream().map(n -> (Object) ("n" + n)).toList();
        assertThat(Format10Keys.inIndexOrder(people, 0, 1)).isEqualTo(nicks);
    }

    /** A snapshot of this build's data format is taken as it is: its keys are this build's already. */
    @Test
    void aSnapshotOfThisDataFormatKeepsItsKeys() throws IOException {
        Catalog c = catalogs.create();
        Table people = c.apply(DdlOp.createTable(TableSchema.create(0, TableDef.named("people")
                .column("name", ColumnType.varchar(8)).primaryKey("name").kind(TableKind.ORDERED_SET)), false), 1);
        for (String name : Format10Keys.NAMES) {
            byte[] row = people.encodeRow(people.schema(), new Object[] {name});
            people.change(people.encodeKey(new Object[] {name}), null,
                    StoredValue.single(2, people.schema().version(), row), 2);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Snapshots.write(c, 2, Snapshots.Rows.ALL, out);
        Table loaded = load(out.toByteArray()).require("people");
        assertThat(Format10Keys.inKeyOrder(loaded, 0)).isEqualTo(Format10Keys.sortedNames());
    }
}

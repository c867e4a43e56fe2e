package dev.mnemo.engine.snapshot;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.SchemaCodec;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.testing.TestCatalogs;
import dev.mnemo.engine.txn.DdlOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void aSnapshotOfTheFirstFormatStillLoadsWithItsTablesAtItsVersion() throws IOException {
        Table t = create(catalogs.create(), "early", 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckedOutputStream checked = new CheckedOutputStream(bytes, new CRC32C());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeLong(0x4D4E454D4F534E50L);
        out.writeInt(1);
        out.writeLong(5); // the snapshot's version
        out.writeLong(t.tableId()); // the last table id
        out.writeInt(1);
        ByteSink schema = new ByteSink(256);
        SchemaCodec.encodeSchema(t.schema(), schema);
        out.writeInt(1);
        out.writeInt(schema.size());
        out.write(schema.array(), 0, schema.size());
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
        Table loaded = load(bytes.toByteArray()).require("early");
        assertThat(loaded.modVersion()).isEqualTo(5);
        assertThat(StoredValue.version(loaded.stored(key))).isEqualTo(2);
    }
}

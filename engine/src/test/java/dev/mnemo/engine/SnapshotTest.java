package dev.mnemo.engine;

import dev.mnemo.engine.codec.CorruptDataException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots: a byte stream that rebuilds the same database elsewhere, and that is refused whole if damaged. */
class SnapshotTest {

    /** Three kinds of table, indexes, and a schema with history (a column added after rows were written). */
    private static void fill(Mnemo db) {
        db.createTable(TableDef.named("acct").column("id", ColumnType.BIGINT).column("owner", ColumnType.varchar(10))
                .column("balance", ColumnType.decimal(20, 2)).primaryKey("id").kind(TableKind.ORDERED_SET)
                .index(IndexDef.hash("by_owner", "owner")).index(IndexDef.ordered("by_balance", "balance").unique()));
        db.createTable(TableDef.named("tags").column("id", ColumnType.INTEGER).column("tag", ColumnType.varchar(10))
                .primaryKey("id").kind(TableKind.BAG).index(IndexDef.ordered("by_tag", "tag")));
        db.createTable(TableDef.named("kv").column("k", ColumnType.varchar(10)).column("v", ColumnType.varbinary(10))
                .primaryKey("k"));
        db.transaction(tx -> {
            for (long i = 1; i <= 30; i++) {
                tx.insert("acct", Row.of(i, "o" + i % 4, new java.math.BigDecimal(i * 10 + ".25")));
            }
            for (int i = 1; i <= 10; i++) {
                tx.write("tags", Row.of(i % 3, "t" + i));
            }
            tx.write("kv", Row.of("a", new byte[] {1}));
            tx.write("kv", Row.of("b", null));
            return null;
        });
        db.addColumn("kv", ColumnDef.of("note", ColumnType.varchar(5)).withDefault("dflt"));
        db.dirtyWrite("kv", Row.of("c", new byte[] {3}, "mine"));
        db.dropIndex("acct", "by_owner");
        db.dropColumn("acct", "owner");
        db.dirtyDelete("acct", 7L);
    }

    /** Every table's schema text and rows in key order (bags sorted by value). */
    private static Map<String, List<String>> contents(Mnemo db) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (TableSchema s : db.tables()) {
            List<String> rows = new ArrayList<>();
            rows.add(s.toString());
            List<Row> all = db.transaction(tx -> tx.select(s.name(), KeyRange.all()));
            List<String> texts = new ArrayList<>();
            for (Row r : all) {
                texts.add(r.toString());
            }
            if (s.kind() != TableKind.ORDERED_SET) {
                texts.sort(null);
            }
            rows.addAll(texts);
            out.put(s.name(), rows);
        }
        return out;
    }

    private static byte[] snapshotOf(Mnemo db) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        db.snapshot(out);
        return out.toByteArray();
    }

    @Test
    void aSnapshotLoadsIntoAFreshDatabaseWithTheSameRowsVersionAndIndexes() throws IOException {
        try (Mnemo source = Mnemo.inMemory(); Mnemo copy = Mnemo.inMemory()) {
            fill(source);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long version = source.snapshot(out);
            assertThat(version).isEqualTo(source.version());
            long loaded = copy.loadSnapshot(new ByteArrayInputStream(out.toByteArray()));
            assertThat(loaded).isEqualTo(version);
            assertThat(copy.version()).isEqualTo(version);
            assertThat(contents(copy)).isEqualTo(contents(source));
            assertThat(copy.size("acct")).isEqualTo(29);

            List<Row> byBalance = copy.transaction(tx -> tx.indexRange("acct", "by_balance",
                    KeyRange.all().from(true, 100).to(false, 130)));
            assertThat(byBalance).extracting(r -> r.getLong("id")).containsExactly(10L, 11L, 12L);
            List<Row> tagged = copy.transaction(tx -> tx.indexRead("tags", "by_tag", "t4"));
            assertThat(tagged).extracting(r -> r.getInt("id")).containsExactly(1);
            assertThat(copy.dirtyRead("kv", "a").getString("note")).isEqualTo("dflt");
            assertThat(copy.dirtyRead("kv", "c").getString("note")).isEqualTo("mine");
            assertThatThrownBy(() -> copy.dirtyWrite("acct", Row.of(99L, new java.math.BigDecimal("10.25"))))
                    .as("the unique index is enforced after loading").isInstanceOf(DuplicateKeyException.class);
        }
    }

    @Test
    void aLoadedDatabaseTakesNewWritesAndSchemaChanges() throws IOException {
        try (Mnemo source = Mnemo.inMemory(); Mnemo copy = Mnemo.inMemory()) {
            fill(source);
            long version = copy.loadSnapshot(new ByteArrayInputStream(snapshotOf(source)));
            copy.dirtyWrite("acct", Row.of(100L, new java.math.BigDecimal("1.00")));
            assertThat(copy.version()).isEqualTo(version + 1);
            TableSchema fresh = copy.createTable(TableDef.named("later").column("id", ColumnType.INTEGER)
                    .primaryKey("id"));
            assertThat(copy.tables()).extracting(TableSchema::tableId).doesNotHaveDuplicates();
            assertThat(fresh.tableId()).isGreaterThan(copy.schema("kv").tableId());
            copy.addColumn("tags", ColumnDef.of("n", ColumnType.INTEGER).withDefault(5));
            assertThat(copy.dirtyReadAll("tags", 1)).allSatisfy(r -> assertThat(r.getInt("n")).isEqualTo(5));
        }
    }

    @Test
    void loadingReplacesEverythingThatWasThere() throws IOException {
        try (Mnemo source = Mnemo.inMemory(); Mnemo target = Mnemo.inMemory()) {
            fill(source);
            target.createTable(TableDef.named("old").column("id", ColumnType.INTEGER).primaryKey("id"));
            target.createTable(TableDef.named("kv").column("k", ColumnType.INTEGER).primaryKey("k"));
            target.dirtyWrite("kv", Row.of(1));
            target.loadSnapshot(new ByteArrayInputStream(snapshotOf(source)));
            assertThat(target.tables()).extracting(TableSchema::name).containsExactly("ACCT", "TAGS", "KV");
            assertThat(contents(target)).isEqualTo(contents(source));
        }
    }

    @Test
    void aTruncatedSnapshotIsRejectedAndChangesNothing() throws IOException {
        try (Mnemo source = Mnemo.inMemory(); Mnemo target = Mnemo.inMemory()) {
            fill(source);
            byte[] snap = snapshotOf(source);
            target.createTable(TableDef.named("mine").column("id", ColumnType.INTEGER).primaryKey("id"));
            target.dirtyWrite("mine", Row.of(1));
            Map<String, List<String>> before = contents(target);
            long version = target.version();
            for (int len = 0; len < snap.length; len += Math.max(1, len / 7)) {
                byte[] cut = Arrays.copyOf(snap, len);
                assertThatThrownBy(() -> target.loadSnapshot(new ByteArrayInputStream(cut)))
                        .as("cut at %d of %d bytes", len, snap.length).isInstanceOf(CorruptDataException.class);
            }
            assertThat(contents(target)).isEqualTo(before);
            assertThat(target.version()).isEqualTo(version);
            target.dirtyWrite("mine", Row.of(2));
            assertThat(target.size("mine")).isEqualTo(2);
        }
    }

    @Test
    void aSnapshotWithAnyByteDamagedIsRejectedAndChangesNothing() throws IOException {
        try (Mnemo source = Mnemo.inMemory(); Mnemo target = Mnemo.inMemory()) {
            source.createTable(TableDef.named("acct").column("id", ColumnType.BIGINT)
                    .column("owner", ColumnType.varchar(10)).primaryKey("id").kind(TableKind.ORDERED_SET)
                    .index(IndexDef.hash("by_owner", "owner")));
            source.createTable(TableDef.named("tags").column("id", ColumnType.INTEGER)
                    .column("tag", ColumnType.varchar(10)).primaryKey("id").kind(TableKind.BAG)
                    .index(IndexDef.ordered("by_tag", "tag").unique()));
            source.transaction(tx -> {
                tx.write("acct", Row.of(1L, "ann"));
                tx.write("acct", Row.of(2L, "bob"));
                tx.write("tags", Row.of(1, "x"));
                tx.write("tags", Row.of(1, "y"));
                return null;
            });
            byte[] snap = snapshotOf(source);
            target.createTable(TableDef.named("mine").column("id", ColumnType.INTEGER).primaryKey("id"));
            target.dirtyWrite("mine", Row.of(1));
            Map<String, List<String>> before = contents(target);
            long version = target.version();
            for (int i = 0; i < snap.length; i++) {
                byte[] bad = snap.clone();
                bad[i] ^= (byte) 0xFF;
                int at = i;
                assertThatThrownBy(() -> target.loadSnapshot(new ByteArrayInputStream(bad)))
                        .as("byte %d of %d damaged", at, snap.length).isInstanceOf(CorruptDataException.class);
            }
            assertThat(contents(target)).isEqualTo(before);
            assertThat(target.version()).isEqualTo(version);
            assertThat(target.loadSnapshot(new ByteArrayInputStream(snap))).isEqualTo(source.version());
            assertThat(contents(target)).isEqualTo(contents(source));
        }
    }
}

package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every size limit at the limit (accepted) and one past it (a typed error, nothing applied, nothing lost). */
class LimitsTest {
    private static final int KEY_BYTES_MAX = 32;
    private static final int ROW_BYTES_MAX = 256;

    private Mnemo db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private void open(MnemoConfig.Builder config) {
        db = Mnemo.open(config.build());
    }

    private static String sqlState(Throwable e) {
        return ((MnemoException) e).sqlState();
    }

    /** A string key of n ASCII characters encodes to 1 tag byte + n + a 2-byte terminator. */
    private static String keyOfBytes(int encodedBytes) {
        return "k".repeat(encodedBytes - 3);
    }

    @Test
    void configLimitsAreCheckedWhenBuilt() {
        assertThat(MnemoConfig.builder().keyBytesMax(MnemoConfig.KEY_BYTES_LIMIT).rowBytesMax(1 << 20).build()
                .keyBytesMax()).isEqualTo(MnemoConfig.KEY_BYTES_LIMIT);
        assertThatThrownBy(() -> MnemoConfig.builder().keyBytesMax(MnemoConfig.KEY_BYTES_LIMIT + 1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MnemoConfig.builder().keyBytesMax(16).rowBytesMax(64).build().rowBytesMax()).isEqualTo(64);
        assertThatThrownBy(() -> MnemoConfig.builder().keyBytesMax(15).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MnemoConfig.builder().keyBytesMax(16).rowBytesMax(63).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MnemoConfig.builder().keyBytesMax(32).rowBytesMax(127).build())
                .as("a row must hold four keys").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MnemoConfig.builder().tableRowsMax(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MnemoConfig.builder().retriesMax(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MnemoConfig.builder().checkpointJournalBytes(4095).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRowAtRowBytesMaxIsStoredAndOneByteMoreIsRefused() {
        open(MnemoConfig.builder().keyBytesMax(KEY_BYTES_MAX).rowBytesMax(ROW_BYTES_MAX));
        db.createTable(TableDef.named("blobs").column("k", ColumnType.varchar(100))
                .column("data", ColumnType.varbinary(1000)).primaryKey("k"));
        // bitmap 1 + key (varint 1 + 1 byte) + data (varint 2 + n bytes)
        int fits = ROW_BYTES_MAX - 1 - 2 - 2;
        db.dirtyWrite("blobs", Row.of("a", new byte[fits]));
        assertThat((byte[]) db.dirtyRead("blobs", "a").get("data")).hasSize(fits);
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("blobs", Row.of("b", new byte[1]));
            tx.write("blobs", Row.of("c", new byte[fits + 1]));
            return null;
        })).isInstanceOf(RowTooLargeException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("54000"));
        assertThatThrownBy(() -> db.dirtyWrite("blobs", Row.of("a", new byte[fits + 1])))
                .isInstanceOf(RowTooLargeException.class);
        assertThat(db.size("blobs")).isEqualTo(1);
        assertThat((byte[]) db.dirtyRead("blobs", "a").get("data")).hasSize(fits);
    }

    @Test
    void aPrimaryKeyAtKeyBytesMaxIsStoredAndOneByteMoreIsRefused() {
        open(MnemoConfig.builder().keyBytesMax(KEY_BYTES_MAX).rowBytesMax(ROW_BYTES_MAX));
        db.createTable(TableDef.named("o").column("k", ColumnType.varchar(100)).primaryKey("k")
                .kind(TableKind.ORDERED_SET));
        String atLimit = keyOfBytes(KEY_BYTES_MAX);
        String past = keyOfBytes(KEY_BYTES_MAX + 1);
        db.dirtyWrite("o", Row.of(atLimit));
        assertThat(db.dirtyRead("o", atLimit)).isNotNull();
        assertThatThrownBy(() -> db.dirtyWrite("o", Row.of(past)))
                .isInstanceOf(ValueTooLargeException.class).hasMessageContaining("keyBytesMax")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("22001"));
        assertThatThrownBy(() -> db.transaction(tx -> tx.read("o", past)))
                .isInstanceOf(ValueTooLargeException.class);
        List<Row> all = db.transaction(tx -> tx.select("o", KeyRange.all()));
        assertThat(all).extracting(r -> r.get("k")).containsExactly(atLimit);
    }

    @Test
    void anIndexKeyAtKeyBytesMaxIsIndexedAndOneByteMoreIsRefusedWithoutHarm() {
        open(MnemoConfig.builder().keyBytesMax(KEY_BYTES_MAX).rowBytesMax(ROW_BYTES_MAX));
        db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("tag", ColumnType.varchar(100))
                .column("utag", ColumnType.varchar(100))
                .primaryKey("id")
                .index(IndexDef.hash("by_tag", "tag"))
                .index(IndexDef.ordered("by_tag_ordered", "tag"))
                .index(IndexDef.hash("u_tag", "utag").unique()));
        String atLimit = keyOfBytes(KEY_BYTES_MAX);
        String past = keyOfBytes(KEY_BYTES_MAX + 1);
        db.dirtyWrite("t", Row.of(1, atLimit, atLimit));
        List<Row> found = db.transaction(tx -> tx.indexRead("t", "by_tag", atLimit));
        assertThat(found).hasSize(1);
        for (Row tooLong : List.of(Row.of(2, past, null), Row.of(2, null, past))) {
            assertThatThrownBy(() -> db.transaction(tx -> {
                tx.write("t", Row.of(3, "fine", "fine"));
                tx.write("t", tooLong);
                return null;
            })).isInstanceOf(ValueTooLargeException.class).hasMessageContaining("keyBytesMax");
            assertThatThrownBy(() -> db.dirtyWrite("t", tooLong)).isInstanceOf(ValueTooLargeException.class);
        }
        assertThat(db.size("t")).isEqualTo(1);
        db.dirtyWrite("t", Row.of(4, "after", "after"));
        assertThat(db.size("t")).as("the database keeps working").isEqualTo(2);
        assertThatThrownBy(() -> db.createIndex("t", IndexDef.hash("by_pair", "tag", "utag")))
                .as("existing rows whose index key would be too long").isInstanceOf(ValueTooLargeException.class);
        assertThat(db.schema("t").indexes()).hasSize(3);
    }

    @Test
    void aTableAtTableRowsMaxRefusesOneMoreKeyAndLosesNothing() {
        open(MnemoConfig.builder().tableRowsMax(20));
        db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                .primaryKey("id").index(IndexDef.hash("u_v", "v").unique()));
        db.transaction(tx -> {
            for (int i = 0; i < 20; i++) {
                tx.insert("t", Row.of(i, i));
            }
            return null;
        });
        assertThatThrownBy(() -> db.dirtyWrite("t", Row.of(20, 20)))
                .isInstanceOf(TableFullException.class).hasMessageContaining("tableRowsMax")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("53200"));
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("t", Row.of(0, 100));
            tx.write("t", Row.of(21, 21));
            return null;
        })).isInstanceOf(TableFullException.class);
        assertThat(db.size("t")).isEqualTo(20);
        assertThat(db.dirtyRead("t", 0).getInt("v")).as("the update in the failed transaction").isZero();
        db.transaction(tx -> {
            tx.write("t", Row.of(0, 100));
            tx.delete("t", 1);
            tx.insert("t", Row.of(21, 21));
            return null;
        });
        assertThat(db.size("t")).isEqualTo(20);
        assertThat(db.dirtyRead("t", 21)).isNotNull();
        assertThat(db.dirtyRead("t", 0).getInt("v")).isEqualTo(100);
        for (int i = 0; i < 22; i++) {
            if (i != 1 && i != 20) {
                assertThat(db.dirtyRead("t", i)).as("row %d", i).isNotNull();
            }
        }
    }

    @Test
    void aFullTableTakesANewKeyInTheTransactionThatFreesOne() {
        open(MnemoConfig.builder().tableRowsMax(3));
        db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).primaryKey("id"));
        db.transaction(tx -> {
            for (int i = 0; i < 3; i++) {
                tx.insert("t", Row.of(i));
            }
            return null;
        });
        db.transaction(tx -> {
            tx.insert("t", Row.of(10)); // the new key comes first in the record
            tx.delete("t", 0);
            return null;
        });
        List<Row> all = db.transaction(tx -> tx.select("t", KeyRange.all()));
        assertThat(all).extracting(r -> r.getInt("id")).containsExactlyInAnyOrder(1, 2, 10);
        db.dirtyDelete("t", 1);
        db.dirtyWrite("t", Row.of(11));
        assertThat(db.size("t")).isEqualTo(3);
    }

    @Test
    void aFullBagStillTakesMoreRowsUnderItsKeys() {
        open(MnemoConfig.builder().tableRowsMax(2));
        db.createTable(TableDef.named("b").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                .primaryKey("id").kind(TableKind.BAG));
        db.dirtyWrite("b", Row.of(1, 1));
        db.dirtyWrite("b", Row.of(2, 1));
        db.dirtyWrite("b", Row.of(2, 2));
        assertThatThrownBy(() -> db.dirtyWrite("b", Row.of(3, 1))).isInstanceOf(TableFullException.class);
        assertThat(db.dirtyReadAll("b", 2)).hasSize(2);
    }

    @Test
    void tableRowsMaxCountsKeysNotTheUniqueIndexEntriesOfABag() {
        open(MnemoConfig.builder().tableRowsMax(2));
        db.createTable(TableDef.named("b").column("id", ColumnType.INTEGER).column("u", ColumnType.INTEGER)
                .primaryKey("id").kind(TableKind.BAG).index(IndexDef.hash("u_u", "u").unique()));
        db.dirtyWrite("b", Row.of(1, 1));
        db.dirtyWrite("b", Row.of(1, 2));
        db.dirtyWrite("b", Row.of(2, 3));
        db.dirtyWrite("b", Row.of(2, 4));
        assertThatThrownBy(() -> db.dirtyWrite("b", Row.of(3, 5))).isInstanceOf(TableFullException.class);
        List<Row> found = db.transaction(tx -> tx.indexRead("b", "u_u", 4));
        assertThat(found).extracting(r -> r.getInt("id")).containsExactly(2);
        db.dirtyWrite("b", Row.of(1, 6));
        assertThat(db.dirtyReadAll("b", 1)).hasSize(3);
    }

    @Test
    void aRowFarAboveTheAverageSizeStillFits() {
        open(MnemoConfig.builder().rowBytesMax(64 * 1024));
        db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("data", ColumnType.varbinary(70_000))
                .primaryKey("id"));
        db.transaction(tx -> {
            for (int i = 0; i < 100; i++) {
                tx.write("t", Row.of(i, new byte[] {(byte) i}));
            }
            return null;
        });
        byte[] big = new byte[64 * 1024 - 16];
        big[big.length - 1] = 42;
        db.dirtyWrite("t", Row.of(1000, big));
        assertThat((byte[]) db.dirtyRead("t", 1000).get("data")).isEqualTo(big);
        for (int i = 0; i < 100; i++) {
            assertThat((byte[]) db.dirtyRead("t", i).get("data")).containsExactly((byte) i);
        }
    }
}

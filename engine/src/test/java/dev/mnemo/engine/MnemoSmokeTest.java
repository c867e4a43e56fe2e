package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MnemoSmokeTest {
    @Test
    void writesReadsScansAndIndexes() {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("account")
                    .column("id", ColumnType.BIGINT).notNull()
                    .column("owner", ColumnType.varchar(20))
                    .column("balance", ColumnType.BIGINT).notNull().defaultValue(0L)
                    .primaryKey("id").kind(TableKind.ORDERED_SET)
                    .index(IndexDef.hash("by_owner", "owner"))
                    .index(IndexDef.ordered("by_balance", "balance")));
            db.transaction(tx -> {
                for (long i = 1; i <= 10; i++) {
                    tx.insert("account", Row.of(i, "o" + (i % 3), i * 10));
                }
                return null;
            });
            assertThat(db.dirtyRead("account", 3L).getLong("balance")).isEqualTo(30L);
            List<Row> rows = db.transaction(tx -> tx.select("account", KeyRange.all().from(true, 3L).to(false, 6L)));
            assertThat(rows).extracting(r -> r.getLong("id")).containsExactly(3L, 4L, 5L);
            List<Row> desc = db.transaction(tx -> tx.select("account", KeyRange.all().descending().limit(2)));
            assertThat(desc).extracting(r -> r.getLong("id")).containsExactly(10L, 9L);
            List<Row> byOwner = db.transaction(tx -> tx.indexRead("account", "by_owner", "o1"));
            assertThat(byOwner).extracting(r -> r.getLong("id")).containsExactlyInAnyOrder(1L, 4L, 7L, 10L);
            List<Row> byBal = db.transaction(tx -> tx.indexRange("account", "by_balance",
                    KeyRange.all().from(true, 25L).to(true, 50L)));
            assertThat(byBal).extracting(r -> r.getLong("id")).containsExactly(3L, 4L, 5L);
            assertThatThrownBy(() -> db.transaction(tx -> {
                tx.insert("account", Row.of(3L, "x", 1L));
                return null;
            })).isInstanceOf(DuplicateKeyException.class);
            db.addColumn("account", ColumnDef.of("note", ColumnType.varchar(10)).withDefault("n/a"));
            assertThat(db.dirtyRead("account", 3L).getString("note")).isEqualTo("n/a");
            db.dirtyWrite("account", db.dirtyRead("account", 3L).with("note", "hi"));
            assertThat(db.dirtyRead("account", 3L).getString("note")).isEqualTo("hi");
            db.dirtyDelete("account", 3L);
            assertThat(db.dirtyRead("account", 3L)).isNull();
            assertThat(db.size("account")).isEqualTo(9);
        }
    }
}

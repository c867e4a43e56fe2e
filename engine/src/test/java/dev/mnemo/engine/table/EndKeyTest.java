package dev.mnemo.engine.table;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Table#endKey} gives the key values of an ordered_set's lowest or highest committed row, as they stand after
 * inserts and deletes at either end; null for an empty table; an error for a table that keeps no key order.
 */
class EndKeyTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    private Table table(String name) {
        return db.engine().catalog().require(name);
    }

    @Test
    void theEndsFollowInsertsAndDeletesOfACompositeKey() {
        db.createTable(TableDef.named("o").column("a", ColumnType.INTEGER).column("b", ColumnType.BIGINT)
                .column("v", ColumnType.varchar(10)).primaryKey("a", "b").kind(TableKind.ORDERED_SET));
        assertThat(table("O").endKey(false)).isNull();
        assertThat(table("O").endKey(true)).isNull();
        db.transaction(tx -> {
            for (int a = 5; a <= 50; a += 5) {
                tx.write("o", Row.of(a, (long) -a, "v"));
                tx.write("o", Row.of(a, (long) a, "w"));
            }
            return null;
        });
        assertThat(table("O").endKey(false)).containsExactly(5, -5L);
        assertThat(table("O").endKey(true)).containsExactly(50, 50L);
        db.transaction(tx -> {
            tx.delete("o", 5, -5L);
            tx.delete("o", 50, 50L);
            tx.write("o", Row.of(-1, 0L, "low"));
            return null;
        });
        assertThat(table("O").endKey(false)).containsExactly(-1, 0L);
        assertThat(table("O").endKey(true)).containsExactly(50, -50L);
    }

    @Test
    void aHashTableHasNoEnds() {
        db.createTable(TableDef.named("h").column("id", ColumnType.INTEGER).primaryKey("id"));
        assertThatThrownBy(() -> table("H").endKey(false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keeps no key order");
    }
}

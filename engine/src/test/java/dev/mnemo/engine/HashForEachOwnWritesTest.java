package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Transaction#forEach} over a set or a bag (hash order) reads the transaction's own writes as they were when
 * the walk began, each row once, whatever its visitor writes to the table; a walk whose visitor writes nothing copies
 * none of those writes, however many the transaction holds.
 */
class HashForEachOwnWritesTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    private void createTable(TableKind kind) {
        db.createTable(TableDef.named("h").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(10))
                .primaryKey("id").kind(kind));
    }

    private static String text(Row r) {
        return r.get("id") + "=" + r.get("v");
    }

    private static List<String> visit(Transaction tx, KeyRange range) {
        List<String> out = new ArrayList<>();
        tx.forEach("h", range, r -> out.add(text(r)));
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = TableKind.class, names = {"SET", "BAG"})
    void aVisitorWritingAndDeletingRowsOfTheTableSeesEachRowAsItWasWhenTheWalkBegan(TableKind kind) {
        createTable(kind);
        db.transaction(tx -> {
            for (int id = 0; id < 2000; id++) {
                tx.write("h", Row.of(id, "v" + id));
            }
            return null;
        });
        db.transaction(tx -> {
            tx.write("h", Row.of(5000, "own"));
            tx.delete("h", 7);
            List<String> seen = new ArrayList<>();
            tx.forEach("h", KeyRange.all(), r -> {
                seen.add(text(r));
                int id = r.getInt("id");
                tx.delete("h", id + 1);                 // a key the walk may not have reached yet
                tx.write("h", Row.of(id + 10_000, "new")); // a key not there when the walk began
                tx.delete("h", 5000);                   // an own row, visited or not yet
                return true;
            });
            List<String> want = new ArrayList<>();
            for (int id = 0; id < 2000; id++) {
                if (id != 7) {
                    want.add(id + "=v" + id);
                }
            }
            want.add("5000=own");
            assertThat(seen).containsExactlyInAnyOrderElementsOf(want);
            assertThat(visit(tx, KeyRange.all())).contains("0=v0", "10000=new").doesNotContain("1=v1", "5000=own");
            return null;
        });
    }

    @Test
    void aVisitorChangingTheRowsUnderABagsKeySeesThoseThatWereThere() {
        createTable(TableKind.BAG);
        db.transaction(tx -> {
            tx.write("h", Row.of(1, "a"));
            tx.write("h", Row.of(1, "b"));
            tx.write("h", Row.of(2, "c"));
            return null;
        });
        db.transaction(tx -> {
            tx.write("h", Row.of(1, "own"));
            tx.write("h", Row.of(3, "d"));
            List<String> seen = new ArrayList<>();
            tx.forEach("h", KeyRange.all(), r -> {
                seen.add(text(r));
                tx.write("h", Row.of(r.get("id"), "x" + seen.size())); // another row under the key visited
                tx.deleteObject("h", Row.of(1, "b"));
                tx.deleteObject("h", Row.of(3, "d"));
                return true;
            });
            assertThat(seen).containsExactlyInAnyOrder("1=a", "1=b", "1=own", "2=c", "3=d");
            assertThat(visit(tx, KeyRange.all())).hasSize(8).contains("1=a", "1=own", "2=c").doesNotContain("1=b",
                    "3=d");
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(value = TableKind.class, names = {"SET", "BAG"})
    void aWalkWhoseVisitorWritesNothingCopiesNoneOfTheTransactionsWrites(TableKind kind) {
        createTable(kind);
        int writes = 20_000;
        int walks = 20;
        long allocated = db.transaction(tx -> {
            for (int id = 0; id < writes; id++) {
                tx.write("h", Row.of(id, "own"));
            }
            visit(tx, KeyRange.all().limit(1)); // loads the classes the walks use
            long before = allocatedBytes();
            for (int i = 0; i < walks; i++) {
                assertThat(visit(tx, KeyRange.all().limit(1))).hasSize(1);
            }
            return allocatedBytes() - before;
        });
        // A copy of the writes takes well over 40 bytes a write (a tree map entry alone does).
        assertThat(allocated / walks).as("bytes allocated by a walk of one row").isLessThan(writes * 40L / 4);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}

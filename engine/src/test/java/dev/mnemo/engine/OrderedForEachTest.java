package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Transaction#forEach} over an ordered_set whose visitor writes: the walk gives the rows in key order as the
 * transaction saw them when the walk began, each once, within the range and limit asked; what the visitor wrote is
 * seen by the transaction's reads after the walk.
 */
class OrderedForEachTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    @BeforeEach
    void createTable() {
        db.createTable(TableDef.named("o").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(10))
                .primaryKey("id").kind(TableKind.ORDERED_SET));
        refill();
    }

    /** Rows 10, 12, ..., 30, each with value "v" and its id. */
    private void refill() {
        db.transaction(tx -> {
            for (int id = 10; id <= 30; id += 2) {
                tx.write("o", Row.of(id, "v" + id));
            }
            return null;
        });
    }

    private static String text(Row r) {
        return r.get("id") + "=" + r.get("v");
    }

    private static List<String> select(Transaction tx, KeyRange range) {
        List<String> out = new ArrayList<>();
        tx.select("o", range).forEach(r -> out.add(text(r)));
        return out;
    }

    @Test
    void aVisitorWritingKeysAheadDoesNotSeeThem() {
        db.transaction(tx -> {
            tx.write("o", Row.of(21, "own"));
            tx.write("o", Row.of(25, "own"));
            List<String> seen = new ArrayList<>();
            tx.forEach("o", KeyRange.all().from(true, 14).to(true, 26), r -> {
                seen.add(text(r));
                int ahead = r.getInt("id") + 1;
                if (tx.read("o", ahead) == null) {
                    tx.insert("o", Row.of(ahead, "ahead"));
                } else {
                    tx.write("o", Row.of(ahead, "ahead")); // over an own row or a stored one
                }
                return true;
            });
            assertThat(seen).containsExactly("14=v14", "16=v16", "18=v18", "20=v20", "21=own", "22=v22", "24=v24",
                    "25=own", "26=v26");
            assertThat(select(tx, KeyRange.all().from(true, 14).to(true, 27))).containsExactly("14=v14", "15=ahead",
                    "16=v16", "17=ahead", "18=v18", "19=ahead", "20=v20", "21=ahead", "22=ahead", "23=ahead",
                    "24=v24", "25=ahead", "26=ahead", "27=ahead");
            return null;
        });
        assertThat(db.dirtyRead("o", 27).getString("v")).isEqualTo("ahead");
    }

    @Test
    void aDescendingVisitorInsertingKeysAheadWithALimitGivesTheRowsThatWereThere() {
        db.transaction(tx -> {
            tx.write("o", Row.of(23, "own"));
            List<String> seen = new ArrayList<>();
            tx.forEach("o", KeyRange.all().to(true, 26).descending().limit(4), r -> {
                seen.add(text(r));
                tx.write("o", Row.of(r.getInt("id") - 1, "ahead"));
                tx.write("o", Row.of(r.getInt("id") + 1000, "behind"));
                return true;
            });
            assertThat(seen).containsExactly("26=v26", "24=v24", "23=own", "22=v22");
            assertThat(select(tx, KeyRange.all().from(true, 20).to(true, 26).descending())).containsExactly(
                    "26=v26", "25=ahead", "24=v24", "23=ahead", "22=ahead", "21=ahead", "20=v20");
            return null;
        });
    }

    @Test
    void aVisitorDeletingKeysAheadStillSeesTheirRows() {
        for (boolean descending : new boolean[] {false, true}) {
            db.transaction(tx -> {
                List<String> seen = new ArrayList<>();
                KeyRange range = KeyRange.all().from(true, 12).to(true, 28);
                tx.forEach("o", (descending ? range.descending() : range).limit(5), r -> {
                    seen.add(text(r));
                    int step = descending ? -2 : 2;
                    tx.delete("o", r.getInt("id") + step);
                    tx.delete("o", r.getInt("id") + 2 * step);
                    return true;
                });
                assertThat(seen).hasSize(5);
                assertThat(seen).startsWith(descending ? "28=v28" : "12=v12");
                assertThat(seen).endsWith("20=v20");
                assertThat(select(tx, range)).doesNotContain(descending ? "18=v18" : "22=v22");
                return null;
            });
            refill();
        }
    }

    @Test
    void aVisitorUpdatingTheCurrentKeySeesEachRowOnceAsItWas() {
        for (boolean descending : new boolean[] {false, true}) {
            db.transaction(tx -> {
                tx.write("o", Row.of(16, "own"));
                List<String> seen = new ArrayList<>();
                KeyRange range = KeyRange.all().from(true, 12).to(false, 20);
                tx.forEach("o", descending ? range.descending() : range, r -> {
                    seen.add(text(r));
                    tx.write("o", Row.of(r.get("id"), "x" + r.get("v")));
                    return true;
                });
                List<String> want = new ArrayList<>(List.of("12=v12", "14=v14", "16=own", "18=v18"));
                if (descending) {
                    Collections.reverse(want);
                }
                assertThat(seen).containsExactlyElementsOf(want);
                assertThat(select(tx, range)).containsExactly("12=xv12", "14=xv14", "16=xown", "18=xv18");
                return null;
            });
            refill();
        }
    }

    @Test
    void aVisitorThatWritesAndStopsAtTheLimitLeavesLaterWalksSeeingItsWrites() {
        db.transaction(tx -> {
            List<String> first = new ArrayList<>();
            tx.forEach("o", KeyRange.all().limit(2), r -> {
                first.add(text(r));
                tx.write("o", Row.of(r.getInt("id") + 1, "next"));
                return true;
            });
            assertThat(first).containsExactly("10=v10", "12=v12");
            assertThat(select(tx, KeyRange.all().limit(4))).containsExactly("10=v10", "11=next", "12=v12",
                    "13=next");
            return null;
        });
    }

    @Test
    void aVisitorRollingBackToASavepointStillSeesTheWritesMadeBeforeTheWalk() {
        ExplicitTransaction tx = db.begin();
        int mark = tx.savepoint();
        tx.write("o", Row.of(13, "own"));
        tx.write("o", Row.of(17, "own"));
        List<String> seen = new ArrayList<>();
        tx.forEach("o", KeyRange.all().from(true, 12).to(true, 18), r -> {
            seen.add(text(r));
            if (r.getInt("id") == 14) {
                tx.rollbackTo(mark);
            }
            return true;
        });
        assertThat(seen).containsExactly("12=v12", "13=own", "14=v14", "16=v16", "17=own", "18=v18");
        assertThat(select(tx, KeyRange.all().from(true, 12).to(true, 18))).containsExactly("12=v12", "14=v14",
                "16=v16", "18=v18");
        tx.commit();
        assertThat(db.dirtyRead("o", 17)).isNull();
    }
}

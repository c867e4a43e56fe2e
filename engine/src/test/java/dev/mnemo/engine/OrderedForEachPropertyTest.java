package dev.mnemo.engine;

import dev.mnemo.engine.RangeReadPropertyTest.Walk;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a visitor of a walk over an ordered_set writes, the walk gives what a naive model says the transaction saw
 * when the walk began (committed rows with its earlier writes on top, in the range, in order, up to the limit), and
 * afterwards the transaction, and the table once it commits, hold the model's rows with the visitor's writes applied.
 */
class OrderedForEachPropertyTest {
    private static final int KEY_MAX = 30;

    /** A write to the key {@code offset} away from the row visited (or an absolute key, for writes before the walk). */
    record Write(int offset, boolean delete, int value) {
    }

    @Provide
    Arbitrary<Walk> walk() {
        return RangeReadPropertyTest.walk(KEY_MAX);
    }

    @Provide
    Arbitrary<List<Write>> before() {
        return Combinators.combine(Arbitraries.integers().between(0, KEY_MAX), Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 9)).as(Write::new).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Write>> during() {
        return Combinators.combine(Arbitraries.integers().between(-3, 3), Arbitraries.of(true, false),
                Arbitraries.integers().between(10, 19)).as(Write::new).list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void aWalkGivesTheRowsAsTheyWereWhenItBeganWhateverItsVisitorWrites(
            @ForAll Set<@IntRange(max = KEY_MAX) Integer> initial, @ForAll("before") List<Write> before,
            @ForAll("walk") Walk walk, @ForAll("during") List<Write> during) {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("o").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                    .primaryKey("id").kind(TableKind.ORDERED_SET));
            db.transaction(tx -> {
                initial.forEach(k -> tx.write("o", Row.of(k, 0)));
                return null;
            });
            TreeMap<Integer, Integer> model = new TreeMap<>();
            initial.forEach(k -> model.put(k, 0));
            List<String> want = new ArrayList<>();
            List<String> all = db.transaction(tx -> {
                for (Write w : before) {
                    apply(tx, model, w.offset(), w);
                }
                NavigableMap<Integer, Integer> inOrder = walk.descending() ? model.descendingMap() : model;
                for (Map.Entry<Integer, Integer> e : inOrder.entrySet()) {
                    if (walk.holds(e.getKey()) && (walk.limit() == 0 || want.size() < walk.limit())) {
                        want.add(e.getKey() + "=" + e.getValue());
                    }
                }
                List<String> saw = new ArrayList<>();
                tx.forEach("o", walk.range(), r -> {
                    saw.add(r.get("id") + "=" + r.get("v"));
                    if (saw.size() <= during.size()) {
                        Write w = during.get(saw.size() - 1);
                        apply(tx, model, r.getInt("id") + w.offset(), w);
                    }
                    return true;
                });
                assertThat(saw).as("walk %s", walk).isEqualTo(want);
                return rows(tx.select("o", KeyRange.all()));
            });
            List<String> modelRows = new ArrayList<>();
            model.forEach((k, v) -> modelRows.add(k + "=" + v));
            assertThat(all).isEqualTo(modelRows);
            assertThat(rows(db.transaction(tx -> tx.select("o", KeyRange.all())))).isEqualTo(modelRows);
        }
    }

    private static void apply(Transaction tx, TreeMap<Integer, Integer> model, int key, Write w) {
        if (w.delete()) {
            tx.delete("o", key);
            model.remove(key);
        } else {
            tx.write("o", Row.of(key, w.value()));
            model.put(key, w.value());
        }
    }

    private static List<String> rows(List<Row> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("id") + "=" + r.get("v")));
        return out;
    }
}

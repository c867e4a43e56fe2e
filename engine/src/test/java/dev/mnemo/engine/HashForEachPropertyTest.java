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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The twin of {@link OrderedForEachPropertyTest} for the hash-order walk of a set or a bag: whatever its visitor
 * writes, the walk gives each row a naive model says the transaction saw when the walk began (committed rows with its
 * earlier writes on top, in the range) once, up to the limit, in some order; afterwards the transaction, and the table
 * once it commits, hold the model's rows with the visitor's writes applied.
 */
class HashForEachPropertyTest {
    private static final int KEY_MAX = 30;

    /** What a write does: writes a row, deletes every row under its key, or deletes the one row. */
    enum Kind { WRITE, DELETE, DELETE_ROW }

    /** A write to the key {@code offset} away from the row visited (or an absolute key, for writes before the walk). */
    record Write(int offset, Kind kind, int value) {
    }

    @Provide
    Arbitrary<Walk> walk() {
        return RangeReadPropertyTest.walk(KEY_MAX);
    }

    @Provide
    Arbitrary<List<Write>> before() {
        return Combinators.combine(Arbitraries.integers().between(0, KEY_MAX), Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 3)).as(Write::new).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Write>> during() {
        return Combinators.combine(Arbitraries.integers().between(-3, 3), Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 5)).as(Write::new).list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void aWalkGivesTheRowsAsTheyWereWhenItBeganWhateverItsVisitorWrites(
            @ForAll Set<@IntRange(max = KEY_MAX) Integer> initial, @ForAll boolean bag,
            @ForAll("before") List<Write> before, @ForAll("walk") Walk walk, @ForAll("during") List<Write> during) {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("h").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                    .primaryKey("id").kind(bag ? TableKind.BAG : TableKind.SET));
            TreeMap<Integer, Set<Integer>> model = new TreeMap<>();
            db.transaction(tx -> {
                initial.forEach(k -> apply(tx, model, bag, k, new Write(0, Kind.WRITE, 0)));
                return null;
            });
            List<String> want = new ArrayList<>();
            List<String> all = db.transaction(tx -> {
                for (Write w : before) {
                    apply(tx, model, bag, w.offset(), w);
                }
                model.forEach((k, values) -> values.forEach(v -> {
                    if (walk.holds(k)) {
                        want.add(k + "=" + v);
                    }
                }));
                List<String> saw = new ArrayList<>();
                tx.forEach("h", walk.range(), r -> {
                    saw.add(r.get("id") + "=" + r.get("v"));
                    if (saw.size() <= during.size()) {
                        Write w = during.get(saw.size() - 1);
                        apply(tx, model, bag, r.getInt("id") + w.offset(), w);
                    }
                    return true;
                });
                if (walk.limit() == 0 || walk.limit() >= want.size()) {
                    assertThat(saw).as("walk %s", walk).containsExactlyInAnyOrderElementsOf(want);
                } else {
                    assertThat(saw).as("walk %s", walk).hasSize(walk.limit()).doesNotHaveDuplicates()
                            .isSubsetOf(want);
                }
                return rows(tx.select("h", KeyRange.all()));
            });
            assertThat(all).containsExactlyInAnyOrderElementsOf(modelRows(model));
            assertThat(rows(db.transaction(tx -> tx.select("h", KeyRange.all()))))
                    .containsExactlyInAnyOrderElementsOf(modelRows(model));
        }
    }

    private static void apply(Transaction tx, TreeMap<Integer, Set<Integer>> model, boolean bag, int key, Write w) {
        switch (w.kind()) {
            case WRITE -> {
                tx.write("h", Row.of(key, w.value()));
                Set<Integer> values = bag ? model.computeIfAbsent(key, k -> new LinkedHashSet<>())
                        : new LinkedHashSet<>();
                values.add(w.value());
                model.put(key, values);
            }
            case DELETE -> {
                tx.delete("h", key);
                model.remove(key);
            }
            case DELETE_ROW -> {
                tx.deleteObject("h", Row.of(key, w.value()));
                Set<Integer> values = model.get(key);
                if (values != null && values.remove(w.value()) && values.isEmpty()) {
                    model.remove(key);
                }
            }
        }
    }

    private static List<String> rows(List<Row> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("id") + "=" + r.get("v")));
        return out;
    }

    private static List<String> modelRows(TreeMap<Integer, Set<Integer>> model) {
        List<String> out = new ArrayList<>();
        model.forEach((k, values) -> values.forEach(v -> out.add(k + "=" + v)));
        return out;
    }
}

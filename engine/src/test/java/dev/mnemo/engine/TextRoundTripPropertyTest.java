package dev.mnemo.engine;

import dev.mnemo.engine.testing.Texts;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any char sequence, lone UTF-16 surrogates included, comes back unchanged from the engine as a key, a value, an
 * index entry and a bag value, and distinct sequences stay distinct rows.
 */
class TextRoundTripPropertyTest {
    @Provide
    Arbitrary<Set<String>> textSets() {
        return Texts.anyCharSequences().set().ofMaxSize(8);
    }

    @Property(tries = 100)
    void everyCharSequenceComesBackAsItWasWritten(@ForAll("textSets") Set<String> texts) {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("k", ColumnType.varchar(20)).column("v", ColumnType.varchar(20))
                    .primaryKey("k").kind(TableKind.ORDERED_SET).index(IndexDef.ordered("by_v", "v")));
            db.createTable(TableDef.named("b").column("k", ColumnType.INTEGER).column("v", ColumnType.varchar(20))
                    .primaryKey("k").kind(TableKind.BAG));
            db.transaction(tx -> {
                texts.forEach(s -> tx.write("t", Row.of(s, s)));
                texts.forEach(s -> tx.write("b", Row.of(1, s)));
                return null;
            });
            db.transaction(tx -> {
                for (String s : texts) {
                    assertThat(tx.read("t", s)).as("key %s", Texts.escaped(s)).isEqualTo(Row.of(s, s));
                    List<Row> byValue = tx.indexRead("t", "by_v", s);
                    assertThat(byValue).as("index %s", Texts.escaped(s)).containsExactly(Row.of(s, s));
                }
                Set<String> keys = new HashSet<>();
                tx.select("t", KeyRange.all()).forEach(r -> keys.add(r.getString("k")));
                assertThat(keys).isEqualTo(texts);
                Set<String> bag = new HashSet<>();
                tx.readAll("b", 1).forEach(r -> bag.add(r.getString("v")));
                assertThat(bag).isEqualTo(texts);
                return null;
            });
        }
    }
}

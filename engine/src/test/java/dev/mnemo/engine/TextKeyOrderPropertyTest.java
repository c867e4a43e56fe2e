package dev.mnemo.engine;

import dev.mnemo.engine.testing.Texts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text keys come in {@link String#compareTo}'s order, SQL's: an ordered_set's scans and ranges by its text key, and an
 * ordered index's ranges by its text column, give the rows a sort of the strings by UTF-16 code unit gives, with
 * characters above U+FFFF (which sort among the surrogates) beside U+E000..U+FFFF (fullwidth forms, which code point
 * order would put before them).
 */
class TextKeyOrderPropertyTest {
    /** A range over text in walking order: bounds (null for open), inclusiveness and direction. */
    record Walk(String from, boolean fromInclusive, String to, boolean toInclusive, boolean descending) {
        KeyRange range() {
            KeyRange r = descending ? KeyRange.all().descending() : KeyRange.all();
            if (from != null) {
                r = r.from(fromInclusive, from);
            }
            if (to != null) {
                r = r.to(toInclusive, to);
            }
            return r;
        }

        /** The strings of {@code all} the walk holds, in its order, by {@link String#compareTo}. */
        List<String> of(Set<String> all) {
            String low = descending ? to : from;
            boolean lowIn = descending ? toInclusive : fromInclusive;
            String high = descending ? from : to;
            boolean highIn = descending ? fromInclusive : toInclusive;
            List<String> out = new ArrayList<>();
            for (String s : all) {
                int lo = low == null ? 1 : s.compareTo(low);
                int hi = high == null ? -1 : s.compareTo(high);
                if ((lo > 0 || lowIn && lo == 0) && (hi < 0 || highIn && hi == 0)) {
                    out.add(s);
                }
            }
            out.sort(descending ? Comparator.<String>reverseOrder() : Comparator.<String>naturalOrder());
            return out;
        }
    }

    /** Short text of pieces where code point and code unit orders part, beside ASCII and lone surrogates. */
    @Provide
    static Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("a", "b", "\u00E9", "\uD7FF")),
                Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString)),
                Tuple.of(3, Arbitraries.chars().range('\uE000', '\uFFFF').map(String::valueOf)),
                Tuple.of(2, Arbitraries.chars().range('\uFF01', '\uFF5E').map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("\uD83D\uDE00", "\uDBFF\uDFFF", "\uD800", "\uDFFF")));
        return piece.list().ofMaxSize(3).map(ps -> String.join("", ps));
    }

    @Provide
    Arbitrary<Set<String>> names() {
        return texts().set().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Walk> walks() {
        Arbitrary<String> bound = texts().injectNull(0.25);
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return net.jqwik.api.Combinators.combine(bound, flag, bound, flag, flag).as(Walk::new);
    }

    private static Mnemo filled(Set<String> names) {
        Mnemo db = Mnemo.inMemory();
        db.createTable(TableDef.named("people").column("name", ColumnType.varchar(8))
                .column("nick", ColumnType.varchar(8)).column("n", ColumnType.INTEGER).primaryKey("name")
                .kind(TableKind.ORDERED_SET).index(IndexDef.ordered("by_nick", "nick")));
        db.transaction(tx -> {
            for (String name : names) {
                tx.write("people", Row.of(name, name, 1));
            }
            return null;
        });
        return db;
    }

    private static List<Object> column(List<Row> rows, int column) {
        return rows.stream().map(r -> r.get(column)).toList();
    }

    @Property(tries = 60)
    void orderedSetRangesAndIndexRangesComeInStringOrder(@ForAll("names") Set<String> names,
                                                         @ForAll("walks") Walk walk) {
        try (Mnemo db = filled(names)) {
            List<String> expected = walk.of(names);
            List<Row> byKey = db.transaction(tx -> tx.select("people", walk.range()));
            List<Row> byIndex = db.transaction(tx -> tx.indexRange("people", "by_nick", walk.range()));
            String shown = names.stream().map(Texts::escaped).toList() + " " + walk;
            assertThat(column(byKey, 0)).as(shown).isEqualTo(expected);
            assertThat(column(byIndex, 1)).as(shown).isEqualTo(expected);
        }
    }

    @Test
    void anEmojiSortsBeforeFullwidthLettersAsInSql() {
        Set<String> names = Set.of("\uFF3A", "\uD83D\uDE00", "a", "\uFF21x", "\uE000", "\uD83D\uDE00\uFF3A");
        try (Mnemo db = filled(names)) {
            List<Row> all = db.transaction(tx -> tx.select("people", KeyRange.all()));
            assertThat(column(all, 0)).containsExactly("a", "\uD83D\uDE00", "\uD83D\uDE00\uFF3A", "\uE000",
                    "\uFF21x", "\uFF3A");
            List<Row> belowZ = db.transaction(tx -> tx.indexRange("people", "by_nick",
                    KeyRange.all().to(false, "\uFF3A")));
            assertThat(column(belowZ, 1)).containsExactly("a", "\uD83D\uDE00", "\uD83D\uDE00\uFF3A", "\uE000",
                    "\uFF21x");
        }
    }
}

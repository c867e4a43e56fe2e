package dev.mnemo.sql.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyAccessTest {
    private static KeyAccess keyIn(int n) {
        List<Operand> points = IntStream.range(0, n).mapToObj(i -> Operand.constant(i)).collect(Collectors.toList());
        return KeyAccess.inValues(null, points);
    }

    @Test
    void aLongKeyListShowsItsFirstValuesAndItsCount() {
        assertThat(keyIn(10_000).toString()).isEqualTo("KEY_IN IN 10000 [0, 1, 2, 3, 4, 5, 6, 7]…");
        assertThat(keyIn(3).toString()).isEqualTo("KEY_IN IN 3 [0, 1, 2]");
        KeyAccess pairs = KeyAccess.in("I", List.of(List.of(Operand.constant(1), Operand.parameter(0))));
        assertThat(pairs.toString()).isEqualTo("INDEX_IN I IN 1 [[1, ?0]]");
    }

    @Test
    void accessesOfTheSameRowsAreEqualSoThePlannerMergesTheirScans() {
        assertThat(keyIn(30)).isEqualTo(keyIn(30)).hasSameHashCodeAs(keyIn(30)).isNotEqualTo(keyIn(29));
        KeyAccess range = new KeyAccess(KeyAccess.Kind.KEY_RANGE, null, List.of(Operand.parameter(0)),
                Operand.constant(1), true, null, false, List.of());
        KeyAccess same = new KeyAccess(KeyAccess.Kind.KEY_RANGE, null, List.of(Operand.parameter(0)),
                Operand.constant(1), true, null, false, List.of());
        KeyAccess open = new KeyAccess(KeyAccess.Kind.KEY_RANGE, null, List.of(Operand.parameter(0)),
                Operand.constant(1), false, null, false, List.of());
        assertThat(range).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(open);
        assertThat(KeyAccess.FULL).isNotEqualTo(range);
    }

    @Test
    void anAccessInKeyOrIndexOrderWalksEitherWayAndBackToItself() {
        KeyAccess down = keyIn(5).walking(true);
        assertThat(down.descending).isTrue();
        assertThat(down.toString()).endsWith(" DESC");
        assertThat(down.walking(false)).isEqualTo(keyIn(5)).isNotEqualTo(down);
        assertThat(KeyAccess.FULL.walking(true).walking(true)).isEqualTo(KeyAccess.FULL.walking(true));
        assertThat(KeyAccess.in("I", List.of(List.of(Operand.constant(1)))).walking(true).toString())
                .isEqualTo("INDEX_IN I IN 1 [1] DESC");
        KeyAccess one = new KeyAccess(KeyAccess.Kind.KEY_EQ, null, List.of(Operand.constant(1)), null, false, null,
                false, List.of());
        assertThatThrownBy(() -> one.walking(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KEY_EQ");
    }
}

package dev.mnemo.engine.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.util.stream.Collectors;

/** Char sequences for text properties: rich in surrogates, paired and lone, beside ASCII and other BMP chars. */
public final class Texts {
    private Texts() {
    }

    /** Any char sequence of up to 6 chars; lone surrogates, '?' and U+FFFD come often. */
    public static Arbitrary<String> anyCharSequences() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.chars().range('a', 'c')),
                Tuple.of(1, Arbitraries.chars().range('\0', '\u07FF')),
                Tuple.of(1, Arbitraries.chars().range('\u0800', '\uFFFF')),
                Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDBFF')),
                Tuple.of(2, Arbitraries.chars().range('\uDC00', '\uDFFF')),
                Tuple.of(1, Arbitraries.of('?', '\uFFFD')));
        return chars.list().ofMaxSize(6).map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** {@code s} with every char as a \\uXXXX escape, for failure messages. */
    public static String escaped(String s) {
        return s.chars().mapToObj(c -> String.format("\\u%04X", c)).collect(Collectors.joining());
    }
}

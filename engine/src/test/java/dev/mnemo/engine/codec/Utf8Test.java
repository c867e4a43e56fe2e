package dev.mnemo.engine.codec;

import dev.mnemo.engine.testing.Texts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Utf8: every char sequence round-trips; a valid string's bytes are its standard UTF-8, unchanged. */
class Utf8Test {
    @Property(tries = 500)
    void anyCharSequenceDecodesToItself(@ForAll("anyTexts") String s) {
        byte[] b = Utf8.encode(s);
        assertThat(Utf8.decode(b, 0, b.length)).as(Texts.escaped(s)).isEqualTo(s);
    }

    @Property(tries = 300)
    void aValidStringIsItsStandardUtf8(@ForAll("validTexts") String s) {
        assertThat(Utf8.encode(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLoneSurrogateIsTheThreeByteFormOfItsValue() {
        assertThat(HexFormat.of().formatHex(Utf8.encode("a\uD800b\uDFFF"))).isEqualTo("61eda08062edbfbf");
        assertThat(HexFormat.of().formatHex(Utf8.encode("\uDBFF\uDC00"))).isEqualTo("f48fb080");
        assertThat(HexFormat.of().formatHex(Utf8.encode("\uDC00\uD800"))).isEqualTo("edb080eda080");
    }

    @Test
    void bytesNoEncodingWritesAreCorruptData() {
        for (String hex : new String[] {"ed", "eda0", "80", "f8808080", "e061", "f4908080"}) {
            byte[] b = HexFormat.of().parseHex(hex);
            assertThatThrownBy(() -> Utf8.decode(b, 0, b.length)).as(hex).isInstanceOf(CorruptDataException.class);
        }
    }

    @Provide
    Arbitrary<String> anyTexts() {
        return Texts.anyCharSequences();
    }

    @Provide
    Arbitrary<String> validTexts() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE).list().ofMaxSize(8)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
    }
}

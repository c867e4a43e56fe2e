package dev.mnemo.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void aPlainNumberIsSeconds() {
        assertThat(Durations.parse("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse(" 0 ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void numbersWithUnitsAddUp() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anythingElseIsRefusedWithTheSyntax() {
        for (String bad : new String[] {"5x", "-1", "-1s", "", "s", "5 s", "1m 30s", "5s5", "PT5S", "1e3"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not a duration: write " + Durations.SYNTAX);
        }
    }

    @Test
    void aDurationBeyondWhatJavaHoldsIsRefused() {
        assertThat(Durations.parse("2562047h")).isEqualTo(Duration.ofHours(2_562_047));
        assertThatThrownBy(() -> Durations.parse("2562048h")).hasMessageContaining("too long");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999")).hasMessageContaining("too long");
    }

    @Test
    void aDurationPrintsAsTheCommandLineTakesIt() {
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(Durations.format(Duration.ofHours(1).plusSeconds(5))).isEqualTo("1h5s");
        assertThat(Durations.format(Duration.ofHours(49))).isEqualTo("49h");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void whatMillisecondsCannotHoldKeepsItsFraction() {
        assertThat(Durations.format(Duration.ofNanos(250_000))).isEqualTo("0.25ms");
        assertThat(Durations.format(Duration.ofNanos(1))).isEqualTo("0.000001ms");
        assertThat(Durations.format(Duration.ofHours(1).plusMillis(250))).isEqualTo("1h0.25s");
        assertThat(Durations.format(Duration.ofSeconds(61, 1))).isEqualTo("1m1.000000001s");
    }

    @Test
    void aNegativeDurationGetsAMinusSign() {
        assertThat(Durations.format(Duration.ofMillis(-1500))).isEqualTo("-1.5s");
        assertThat(Durations.format(Duration.ofSeconds(Long.MIN_VALUE))).startsWith("-").endsWith("8s");
    }

    @Property
    void whatIsPrintedParsesBackToTheSameDuration(@ForAll @LongRange(min = 0) long nanos) {
        Duration d = Duration.ofNanos(nanos);

        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}

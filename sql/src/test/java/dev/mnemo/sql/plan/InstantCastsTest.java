package dev.mnemo.sql.plan;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An instant is rounded as the TIMESTAMP it is at UTC: half up, once, carrying into the next second or year. */
class InstantCastsTest {
    private static long millis(String at, int digits) {
        return InstantCasts.millis(Instant.parse(at), digits);
    }

    private static long epochMillis(String at) {
        return Instant.parse(at).toEpochMilli();
    }

    @Test
    void roundsHalfUpToTheDigitsKept() {
        assertThat(millis("2026-01-01T00:00:00.4996Z", 0)).isEqualTo(epochMillis("2026-01-01T00:00:00Z"));
        assertThat(millis("2026-01-01T00:00:00.5Z", 0)).isEqualTo(epochMillis("2026-01-01T00:00:01Z"));
        assertThat(millis("2026-01-01T00:00:00.04996Z", 1)).isEqualTo(epochMillis("2026-01-01T00:00:00Z"));
        assertThat(millis("2026-01-01T00:00:00.125Z", 2)).isEqualTo(epochMillis("2026-01-01T00:00:00.13Z"));
        assertThat(millis("2026-01-01T00:00:00.1234995Z", 3)).isEqualTo(epochMillis("2026-01-01T00:00:00.123Z"));
    }

    @Test
    void carriesIntoTheNextYearAndRoundsBefore1970AsAfter() {
        assertThat(millis("2026-12-31T23:59:59.9996Z", 3)).isEqualTo(epochMillis("2027-01-01T00:00:00Z"));
        assertThat(millis("1969-12-31T23:59:59.9996Z", 3)).isZero();
        assertThat(millis("1969-12-31T23:59:59.4Z", 0)).isEqualTo(-1000L);
    }

    @Test
    void keepsAtMostMilliseconds() {
        assertThat(millis("2026-01-01T00:00:00.1235Z", 6)).isEqualTo(epochMillis("2026-01-01T00:00:00.124Z"));
        assertThat(millis("2026-01-01T00:00:00.6Z", -1)).isEqualTo(epochMillis("2026-01-01T00:00:01Z"));
    }
}

package dev.mnemo.benchmarks.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The join measurement on a small table: the fourth member ends up with every row, and the figures add up. */
class JoinTimeTest {
    @Test
    void aFourthMemberJoinsWithEveryRow() throws Exception {
        JoinTime.Result r = JoinTime.run(3_000, false, 16);
        assertThat(r.rows()).isEqualTo(3_000);
        assertThat(r.snapshotBytes()).as("at least the rows' data").isGreaterThan(3_000L * JoinTime.ROW_BYTES);
        assertThat(r.joinSeconds()).isPositive();
        assertThat(r.joinerSnapshotFileBytes()).as("no files without a data directory").isEqualTo(-1);
        assertThat(r.describe()).contains("rows 3,000 of 100 data bytes, memory log");
    }

    @Test
    void everyPayloadHasTheSameLengthAndIsUnique() {
        assertThat(JoinTime.payload(0)).hasSize(JoinTime.PAYLOAD_CHARS).endsWith("x0");
        assertThat(JoinTime.payload(1_000_000)).hasSize(JoinTime.PAYLOAD_CHARS).endsWith("x1000000");
        assertThat(JoinTime.payload(12)).isNotEqualTo(JoinTime.payload(21));
    }
}

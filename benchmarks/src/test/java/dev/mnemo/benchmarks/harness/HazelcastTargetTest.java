package dev.mnemo.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hazelcast baseline's one-field update where the entry lives (ClusterSmokeTest runs the target itself). */
class HazelcastTargetTest {
    /** An entry as Hazelcast hands one to a processor: a key and a value that setValue replaces. */
    private static Map.Entry<String, String[]> entry(String[] value) {
        return new AbstractMap.SimpleEntry<>("user1", value);
    }

    @Test
    void anUpdateSetsOneFieldAndSendsNothingBack() {
        Map.Entry<String, String[]> e = entry(new String[] {"a", "b", "c"});
        String[] result = new HazelcastTarget.SetField(1, "B", false).process(e);
        assertThat(result).isEmpty();
        assertThat(e.getValue()).containsExactly("a", "B", "c");
    }

    @Test
    void aReadModifyWriteReturnsTheOldRecord() {
        String[] old = {"a", "b"};
        Map.Entry<String, String[]> e = entry(old);
        assertThat(new HazelcastTarget.SetField(0, "A", true).process(e)).containsExactly("a", "b");
        assertThat(e.getValue()).containsExactly("A", "b");
        assertThat(old).as("the stored record is replaced, not changed in place").containsExactly("a", "b");
    }

    @Test
    void aMissingRecordIsNotCreated() {
        Map.Entry<String, String[]> e = entry(null);
        assertThat(new HazelcastTarget.SetField(0, "A", true).process(e)).isNull();
        assertThat(e.getValue()).isNull();
    }
}

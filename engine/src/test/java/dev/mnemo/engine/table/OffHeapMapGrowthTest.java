package dev.mnemo.engine.table;

import dev.mnemo.engine.codec.Bytes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The map's growth rule, as the engine applies it and as benchmarks size their bare maps by it. */
class OffHeapMapGrowthTest {

    @Test
    void growsFourfoldPastThreeQuartersThenTwofoldPastAMillion() {
        assertThat(OffHeapMap.grownCapacity(1024, 768)).isEqualTo(1024);
        assertThat(OffHeapMap.grownCapacity(1024, 769)).isEqualTo(4096);
        assertThat(OffHeapMap.capacityHolding(100_000)).isEqualTo(262_144);
        assertThat(OffHeapMap.capacityHolding(786_432)).isEqualTo(1 << 20);
        assertThat(OffHeapMap.capacityHolding(786_433)).isEqualTo(1 << 21);
        assertThat(OffHeapMap.capacityHolding(1_600_000)).isEqualTo(1 << 22);
    }

    @Test
    void aMapFilledKeyByKeyEndsAtTheCapacityTheRuleGives() {
        try (Reclaimer reclaimer = new Reclaimer(0);
             OffHeapMap map = new OffHeapMap("t", 9, 20, 1_000_000, reclaimer)) {
            int entries = 5_000;
            for (int i = 0; i < entries; i++) {
                byte[] key = new byte[9];
                Bytes.putInt(key, 5, i);
                map.put(key, new byte[20], null);
            }
            assertThat(map.size()).isEqualTo(entries);
            assertThat(map.capacity()).isEqualTo(OffHeapMap.capacityHolding(entries)).isEqualTo(16_384);
        }
    }
}

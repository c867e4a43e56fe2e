package dev.mnemo.replication.cluster;

import dev.mnemo.replication.snapshot.SnapshotOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchTest {
    @Test
    void itemsRoundTripThroughAnEntry() {
        byte[] a = Batch.encodeItem(7, 1, new byte[] {1, 2, 3});
        byte[] b = Batch.encodeItem(9, Long.MAX_VALUE, new byte[0]);
        List<Batch.Item> items = Batch.decode(Batch.encode(List.of(a, b)));
        assertThat(items).hasSize(2);
        assertThat(items.get(0).origin()).isEqualTo(7);
        assertThat(items.get(0).sequence()).isEqualTo(1);
        assertThat(items.get(0).record()).containsExactly(1, 2, 3);
        assertThat(items.get(1).origin()).isEqualTo(9);
        assertThat(items.get(1).sequence()).isEqualTo(Long.MAX_VALUE);
        assertThat(items.get(1).record()).isEmpty();
        assertThat(Batch.decodeItem(a).record()).containsExactly(1, 2, 3);
        assertThat(Batch.encode(List.of(a, b))).hasSize((int) Batch.encodedBytes(2, a.length + b.length));
    }

    @Test
    void everyTruncationOrCorruptionOfTheFramingIsRefused() {
        byte[] entry = Batch.encode(List.of(Batch.encodeItem(1, 2, new byte[] {5, 6}), Batch.encodeItem(3, 4,
                new byte[] {7})));
        for (int cut = 0; cut < entry.length; cut++) {
            byte[] truncated = Arrays.copyOf(entry, cut);
            assertThatThrownBy(() -> Batch.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] trailing = Arrays.copyOf(entry, entry.length + 1);
        assertThatThrownBy(() -> Batch.decode(trailing)).hasMessageContaining("trailing");
        byte[] wrongFormat = entry.clone();
        wrongFormat[0] = 9;
        assertThatThrownBy(() -> Batch.decode(wrongFormat)).hasMessageContaining("not a Mnemo batch");
        byte[] hugeCount = entry.clone();
        hugeCount[1] = 0x7f;
        assertThatThrownBy(() -> Batch.decode(hugeCount)).hasMessageContaining("claims");
        assertThatThrownBy(() -> Batch.decodeItem(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotPayloadsCarryTheDirectoryAndTheEngineBytes(@TempDir Path dir) throws Exception {
        byte[] payload;
        try (SnapshotOutput out = SnapshotOutput.create(dir.resolve("payload"))) {
            SnapshotPayload.writeHeader(Map.of(5L, "e@127.0.0.1:1", 2L, "b@127.0.0.1:2"), out);
            out.write(new byte[] {42, 43});
            payload = out.finish().encode();
        }
        try (SnapshotPayload.Parsed parsed = SnapshotPayload.open(payload)) {
            assertThat(parsed.members()).containsExactly(Map.entry(2L, "b@127.0.0.1:2"),
                    Map.entry(5L, "e@127.0.0.1:1"));
            assertThat(parsed.engineBytes()).isEqualTo(2);
            assertThat(parsed.engine().readAllBytes()).containsExactly(42, 43);
        }
        byte[] bootstrap = file(dir, "bootstrap", header(Map.of(1L, "a@h:1")));
        try (SnapshotPayload.Parsed parsed = SnapshotPayload.open(bootstrap)) {
            assertThat(parsed.engineBytes()).isZero();
        }
        byte[] foreign = file(dir, "foreign", new byte[] {1, 2, 3, 4, 0, 0, 0, 0});
        assertThatThrownBy(() -> SnapshotPayload.members(foreign)).hasMessageContaining("not a Mnemo cluster snapshot");
        byte[] truncated = file(dir, "truncated", Arrays.copyOf(header(Map.of(1L, "a@h:1")), 14));
        assertThatThrownBy(() -> SnapshotPayload.members(truncated)).hasMessageContaining("truncated");
    }

    private static byte[] header(Map<Long, String> members) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotPayload.writeHeader(members, out);
        return out.toByteArray();
    }

    private static byte[] file(Path dir, String name, byte[] content) throws Exception {
        try (SnapshotOutput out = SnapshotOutput.create(dir.resolve(name))) {
            out.write(content);
            return out.finish().encode();
        }
    }

    @Test
    void seedsAreNodeNamesOrAddresses() {
        assertThat(Seeds.address("a@127.0.0.1:7001")).isEqualTo("a@127.0.0.1:7001");
        assertThat(Seeds.address(" 127.0.0.1:7002 ")).isEqualTo("*@127.0.0.1:7002");
        assertThatThrownBy(() -> Seeds.address("127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StaticDiscovery(List.of("nonsense"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DnsDiscovery("localhost", 7001).seeds()).isNotEmpty().allMatch(s -> s.endsWith(":7001"));
        assertThat(new DnsDiscovery("no-such-host.invalid", 7001).seeds()).isEmpty();
    }
}

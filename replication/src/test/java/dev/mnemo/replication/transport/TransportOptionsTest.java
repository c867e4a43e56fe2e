package dev.mnemo.replication.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportOptionsTest {
    @Test
    void defaultsFitGrpcsDefaultInboundLimit() {
        TransportOptions defaults = TransportOptions.defaults();

        assertThat(defaults.snapshotChunkBytes()).isEqualTo(1 << 20);
        assertThat(defaults.frameBytesMax()).isEqualTo(4 << 20);
    }

    @Test
    void aChunkMustFitInAFrameWithItsFraming() {
        int frame = 64 * 1024;
        int largestChunk = frame - TransportOptions.CHUNK_OVERHEAD_BYTES;

        assertThat(TransportOptions.defaults().withFrameLimits(largestChunk, frame).snapshotChunkBytes())
                .isEqualTo(largestChunk);
        assertThatThrownBy(() -> TransportOptions.defaults().withFrameLimits(largestChunk + 1, frame))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frameBytesMax");
    }

    @Test
    void limitsAreChecked() {
        TransportOptions d = TransportOptions.defaults();

        assertThatThrownBy(() -> d.withQueueMessagesMax(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withQueueMessagesMax(1).queueMessagesMax()).isEqualTo(1);
        assertThatThrownBy(() -> d.withReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectBackoffMax");
        assertThatThrownBy(() -> d.withRequestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withSnapshotBytesMax(Long.MAX_VALUE).snapshotBytesMax())
                .as("snapshots stream to files: no array bounds them").isEqualTo(Long.MAX_VALUE);
        assertThat(d.withSnapshotBytesMax(0).snapshotBytesMax()).isZero();
        assertThatThrownBy(() -> d.withSnapshotBytesMax(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.networkThreads()).isEqualTo(1);
        assertThat(d.withNetworkThreads(3).networkThreads()).isEqualTo(3);
        assertThatThrownBy(() -> d.withNetworkThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("networkThreads");
    }
}

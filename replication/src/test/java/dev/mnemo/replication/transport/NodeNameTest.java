package dev.mnemo.replication.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeNameTest {
    @Test
    void parsesNameHostAndPort() {
        NodeName name = NodeName.parse("a@127.0.0.1:7001");

        assertThat(name).isEqualTo(new NodeName("a", "127.0.0.1", 7001));
        assertThat(name.address()).isEqualTo("127.0.0.1:7001");
        assertThat(name.toString()).isEqualTo("a@127.0.0.1:7001");
        assertThat(NodeName.parse("db-2@[::1]:65535").host()).isEqualTo("::1");
        assertThat(NodeName.parse("db-2@[::1]:65535").toString()).isEqualTo("db-2@[::1]:65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a@", "@h:1", "a@h", "a@h:", "a@h:0", "a@h:65536", "a b@h:1", "a@h:1:2",
            "a@@h:1", "a@h:x"})
    void refusesMalformedNames(String text) {
        assertThat(NodeName.isValid(text)).isFalse();
        assertThatThrownBy(() -> NodeName.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name@host:port");
    }
}

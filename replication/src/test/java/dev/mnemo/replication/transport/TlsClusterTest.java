package dev.mnemo.replication.transport;

import static dev.mnemo.replication.transport.TestCertificates.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.replication.cluster.ClusterConfig;
import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.replication.cluster.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A three-member cluster whose members reach each other only over mutual TLS forms and commits on every member. */
class TlsClusterTest {
    private static final String COOKIE_TEXT = "tls-cluster-test-cookie";
    private static final Cookie COOKIE = Cookie.of(COOKIE_TEXT);
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(ClusterNode::close);
    }

    private ClusterNode start(String name, int port, String... seeds) {
        TransportOptions tls = CLUSTER.tls(TestPeer.fastOptions(), CLUSTER);
        ClusterConfig config = ClusterConfig.builder(name + "@127.0.0.1:" + port, COOKIE).join(seeds)
                .tick(Duration.ofMillis(20)).writeTimeout(Duration.ofSeconds(4)).transport(tls).build();
        ClusterNode node = ClusterNode.start(config);
        nodes.add(node);
        return node;
    }

    @Test
    void threeMembersOverMutualTlsCommitATransactionOnEveryMember() throws InterruptedException {
        int port = FreePorts.next();
        ClusterNode a = start("a", port);
        a.awaitReady(READY_WITHIN);
        ClusterNode b = start("b", FreePorts.next(), "127.0.0.1:" + port);
        ClusterNode c = start("c", FreePorts.next(), "a@127.0.0.1:" + port);
        b.awaitReady(READY_WITHIN);
        c.awaitReady(READY_WITHIN);
        TestPeer.await("all three are voters",
                () -> a.nodes().stream().filter(ClusterNode.MemberInfo::voter).count() == 3);

        c.db().createTable(TableDef.named("account").column("id", ColumnType.BIGINT).notNull()
                .column("balance", ColumnType.BIGINT).notNull().primaryKey("id").kind(TableKind.ORDERED_SET));
        b.awaitLinearizable(READY_WITHIN); // b reads its own catalog: it must have applied the new table first
        b.db().transaction(tx -> {
            tx.insert("account", Row.of(1L, 100L));
            tx.insert("account", Row.of(2L, 250L));
            return null;
        });

        for (ClusterNode node : List.of(a, b, c)) {
            node.awaitLinearizable(READY_WITHIN);
            assertThat(node.db().size("account")).as(node.name()).isEqualTo(2);
            assertThat(node.db().dirtyRead("account", 2L).getLong("balance")).as(node.name()).isEqualTo(250L);
        }
        // The members listen for TLS only: a plaintext dialer holding the cookie gets nowhere.
        try (TestPeer plain = new TestPeer("x", COOKIE_TEXT, TestPeer.fastOptions())) {
            plain.transport.send(a.name(), PeerTransportTest.append(9, 1, 1));
            TestPeer.await("the plaintext dialer gives up", () -> plain.transport.stats().messagesDropped() >= 1);
            assertThat(plain.transport.connectedPeers()).isEmpty();
            assertThat(plain.transport.stats().framesReceived()).isZero();
        }
    }
}

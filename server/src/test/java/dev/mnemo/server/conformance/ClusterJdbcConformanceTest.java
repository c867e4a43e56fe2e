package dev.mnemo.server.conformance;

import dev.mnemo.replication.cluster.ClusterConfig;
import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.replication.cluster.NoQuorumException;
import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.server.node.LocalCluster;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.jdbc.MnemoDriver;
import dev.mnemo.sql.service.ClientService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.mnemo.server.node.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite against a three-member cluster in this JVM, on loopback, through {@code jdbc:mnemo://}
 * URLs that list all three members. The cluster starts once for the class: the cases share its database.
 * Concurrent clients start at different members, so their writes are forwarded and their conflicts found across
 * members; they read linearizably, as an application spreading clients over a cluster must.
 */
class ClusterJdbcConformanceTest extends JdbcConformance {
    private static final String COOKIE = "conformance-cookie";
    private static final String[] NAMES = {"a", "b", "c"};
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final List<ClusterNode> MEMBERS = new ArrayList<>();
    private static List<Integer> ports;

    @BeforeAll
    static void startCluster() throws Exception {
        // Calcite's first plan would otherwise load classes inside the first apply, while writers wait.
        MnemoDriver.awaitWarmup();
        ports = LocalCluster.freePorts(NAMES.length);
        String founder = NAMES[0] + "@127.0.0.1:" + ports.get(0);
        for (int i = 0; i < NAMES.length; i++) {
            ClusterConfig.Builder config = ClusterConfig.builder(NAMES[i] + "@127.0.0.1:" + ports.get(i),
                    Cookie.of(COOKIE)).tick(Duration.ofMillis(20)).writeTimeout(Duration.ofSeconds(5));
            if (i > 0) {
                config.join(founder);
            }
            MEMBERS.add(ClusterNode.start(config.build(), member -> List.of(new ClientService(
                    new SqlDatabase(member.db(), SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT),
                    COOKIE.getBytes(StandardCharsets.UTF_8), member.name(),
                    timeout -> linearizable(member, timeout)))));
            MEMBERS.get(i).awaitReady(READY_TIMEOUT);
        }
        awaitVoters(MEMBERS.get(0), NAMES.length);
    }

    @AfterAll
    static void stopCluster() {
        for (int i = MEMBERS.size() - 1; i >= 0; i--) {
            MEMBERS.get(i).close();
        }
        MEMBERS.clear();
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(url(0, ""));
    }

    @Override
    protected Connection connectClient(int client) throws SQLException {
        return DriverManager.getConnection(url(client % NAMES.length, "&consistency=linearizable"));
    }

    @Override
    protected List<Connection> connectEachReplica() throws SQLException {
        List<Connection> out = new ArrayList<>();
        for (int port : ports) {
            out.add(DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + port + "/?cookie=" + COOKIE
                    + "&consistency=linearizable"));
        }
        return out;
    }

    /** A URL listing every member, starting with member {@code first}. */
    private static String url(int first, String extra) {
        StringBuilder hosts = new StringBuilder();
        for (int k = 0; k < ports.size(); k++) {
            hosts.append(k == 0 ? "" : ",").append("127.0.0.1:").append(ports.get((first + k) % ports.size()));
        }
        return "jdbc:mnemo://" + hosts + "/?cookie=" + COOKIE + extra;
    }

    private static void linearizable(ClusterNode member, Duration timeout) throws SQLException {
        try {
            member.awaitLinearizable(timeout);
        } catch (NoQuorumException e) {
            throw new SQLTransientConnectionException(e.getMessage(), e.sqlState(), e);
        }
    }


    private static void awaitVoters(ClusterNode member, int voters) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (member.nodes().stream().filter(ClusterNode.MemberInfo::voter).count() < voters) {
            assertThat(System.nanoTime() - deadline).as("voters of %s", member.nodes()).isNegative();
            Thread.sleep(20);
        }
    }
}

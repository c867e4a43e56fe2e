package dev.mnemo.server.cluster;

import dev.mnemo.replication.cluster.ClusterConfig;
import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.replication.log.FileLogOptions;
import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.server.node.LocalCluster;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.jdbc.MnemoDriver;
import dev.mnemo.sql.service.ClientService;
import dev.mnemo.sql.service.ReadBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster member whose disc fails under a write answers the SQL client that wrote with SQLState 58030 and what
 * failed, where and why, through the remote driver, as a single database does; and refuses later writes alike.
 */
class ClusterDiscFailureTest {
    private static final String COOKIE = "disc-cookie";

    @TempDir
    Path dir;

    @Test
    void aWriteThroughAMemberWhoseDiscFailsIsRefusedWith58030SayingWhy() throws Exception {
        MnemoDriver.awaitWarmup();
        int port = LocalCluster.freePorts(1).get(0);
        ClusterConfig config = ClusterConfig.builder("a@127.0.0.1:" + port, Cookie.of(COOKIE)).dataDir(dir)
                .tick(Duration.ofMillis(20)).log(FileLogOptions.defaults().withSegmentBytes(1024)).build();
        try (ClusterNode member = ClusterNode.start(config, m -> List.of(new ClientService(
                new SqlDatabase(m.db(), SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT),
                COOKIE.getBytes(StandardCharsets.UTF_8), m.name(), ReadBarrier.NONE)));
             Connection c = DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + port + "/?cookie=" + COOKIE)) {
            member.awaitReady(Duration.ofSeconds(30));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE note (id BIGINT PRIMARY KEY, text VARCHAR(4000))");
            }
            // The next segment's name is taken: the log cannot roll over to it, as a full disc could not either.
            Path logDir = dir.resolve("raft");
            Path next = logDir.resolve(String.format("log-%016d.seg", lastSegment(logDir) + 1));
            Files.createDirectory(next);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO note VALUES (?, ?)")) {
                ps.setLong(1, 1);
                ps.setString(2, "x".repeat(2000)); // more than a segment: it needs the next one
                assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("58030"))
                        .hasMessageContaining("the disc write failed: writing or syncing the log in " + logDir)
                        .hasMessageContaining("FileAlreadyExistsException: " + next);
                ps.setLong(1, 2);
                ps.setString(2, "y");
                assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("58030"))
                        .hasMessageContaining("refuses writes until it is restarted");
            }
        }
    }

    private static long lastSegment(Path logDir) throws Exception {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("log-[0-9]{16}\\.seg"))
                    .mapToLong(n -> Long.parseLong(n.substring(4, 20))).max().orElseThrow();
        }
    }
}

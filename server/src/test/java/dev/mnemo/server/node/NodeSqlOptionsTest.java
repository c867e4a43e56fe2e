package dev.mnemo.server.node;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.server.Cli;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.cluster.Membership;
import dev.mnemo.sql.exec.SqlDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member's SQL limits, the embedded URL's planCacheStatements and caseWhenBranches, are options of its own. */
class NodeSqlOptionsTest {
    private static final String THREE_BRANCHES = "SELECT CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' WHEN 3 THEN 'c' END"
            + " FROM (VALUES 1) AS v(x)";
    private static final String TWO_BRANCHES = "SELECT CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END"
            + " FROM (VALUES 1) AS v(x)";

    private static NodeCommand parsed(String... args) {
        NodeCommand node = new NodeCommand();
        new CommandLine(node).parseArgs(args);
        return node;
    }

    @Test
    void theOptionsReachTheMembersSqlDatabase() {
        try (Mnemo db = Mnemo.open(MnemoConfig.builder().build())) {
            SqlDatabase defaults = parsed("--name", "a").sqlDatabase(db, Membership.single(db));
            assertThat(defaults.prepare(THREE_BRANCHES)).isSameAs(defaults.prepare(THREE_BRANCHES));

            SqlDatabase limited = parsed("--name", "a", "--plan-cache-statements", "0", "--case-when-branches", "2")
                    .sqlDatabase(db, Membership.single(db));
            assertThat(limited.prepare(TWO_BRANCHES)).isNotSameAs(limited.prepare(TWO_BRANCHES));
            assertThatThrownBy(() -> limited.prepare(THREE_BRANCHES)).isInstanceOf(SqlError.class)
                    .extracting(e -> ((SqlError) e).sqlState()).isEqualTo("54001");
        }
    }

    @Test
    void valuesOutOfRangeAreAUsageErrorOfOneLine(@TempDir Path dir) {
        String cookie = dir.resolve("cookie").toString();
        Cli cache = Cli.run("node", "--name", "a", "--listen", "127.0.0.1:1", "--cookie-file", cookie,
                "--plan-cache-statements", "-1");
        Cli branches = Cli.run("node", "--name", "a", "--listen", "127.0.0.1:1", "--cookie-file", cookie,
                "--case-when-branches", "0");

        assertThat(cache.exitCode()).isEqualTo(2);
        assertThat(cache.err()).isEqualTo("mnemo node: --plan-cache-statements must be at least 0, got -1"
                + System.lineSeparator());
        assertThat(branches.exitCode()).isEqualTo(2);
        assertThat(branches.err()).isEqualTo("mnemo node: --case-when-branches must be at least 1, got 0"
                + System.lineSeparator());
        assertThat(Files.exists(dir.resolve("cookie"))).as("nothing started").isFalse();
    }

    @Test
    void aMembersClientsGetItsCaseLimit(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path log = dir.resolve("member.log");
        Path cookie = dir.resolve("cookie");
        Process member = new ProcessBuilder(Cli.inOwnJvm("node", "--name", "a", "--listen", "127.0.0.1:" + port,
                "--cookie-file", cookie.toString(), "--case-when-branches", "2"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Ready, and done with the seconds of CPU that warming the planner takes, so the client is not timed out.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("the SQL planner warmed up in") && member.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).as("the member is ready").contains("the SQL planner warmed up in");
            Properties p = new Properties();
            p.setProperty("cookie", Files.readString(cookie).strip());
            p.setProperty("connectTimeout", "60000");
            try (Connection c = DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + port, p)) {
                try (ResultSet rs = c.createStatement().executeQuery(TWO_BRANCHES)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("a");
                }
                assertThatThrownBy(() -> c.createStatement().executeQuery(THREE_BRANCHES))
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("54001");
            }
        } finally {
            member.destroy();
            if (!member.waitFor(30, TimeUnit.SECONDS)) {
                member.destroyForcibly();
            }
        }
    }
}

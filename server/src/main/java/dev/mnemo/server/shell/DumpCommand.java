package dev.mnemo.server.shell;

import dev.mnemo.replication.transport.CookieException;
import dev.mnemo.server.MnemoVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code mnemo dump URL [--out FILE]}: writes the database's {@code SCRIPT}, one statement a line ending with
 * {@code ;}, which {@code mnemo sql URL -f FILE} loads into another database.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Write a database as SQL statements that make it again (load them with mnemo sql URL -f FILE).")
public final class DumpCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", defaultValue = SqlCommand.DEFAULT_URL,
            description = "JDBC URL, e.g. jdbc:mnemo://host:port (default ${DEFAULT-VALUE})")
    private String url;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the dump here (default: standard output).")
    private Path out;

    @Option(names = "--nodata", description = "Definitions only: no rows.")
    private boolean noData;

    @Option(names = "--table", paramLabel = "TABLE", description = "Dump only this table (repeatable).")
    private List<String> tables = new ArrayList<>();

    @Option(names = "--cookie-file", paramLabel = "FILE",
            description = "For jdbc:mnemo:// URLs: the cluster's cookie file (default ~/.mnemo.cookie when it exists).")
    private Path cookieFile;

    @Override
    public Integer call() throws IOException, CookieException {
        System.setProperty("mnemo.sql.noWarmup", "true"); // one statement: no shell to warm the planner up for
        Properties p = new Properties();
        p.setProperty("password", SqlCommand.password(url, cookieFile));
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(script())) {
            if (out == null) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                write(rs, w);
            } else {
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    write(rs, w);
                }
            }
            return 0;
        } catch (SQLException e) {
            System.err.println("mnemo dump: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
            return 1;
        }
    }

    private String script() {
        StringBuilder sql = new StringBuilder("SCRIPT");
        if (noData) {
            sql.append(" NODATA");
        }
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? " TABLE " : ", ").append('"').append(tables.get(i).replace("\"", "\"\"")).append('"');
        }
        return sql.toString();
    }

    private static void write(ResultSet rs, Writer w) throws SQLException, IOException {
        while (rs.next()) {
            w.write(rs.getString(1));
            w.write(";\n");
        }
        w.flush();
    }
}

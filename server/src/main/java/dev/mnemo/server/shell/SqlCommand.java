package dev.mnemo.server.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.server.node.CookieFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mnemo sql URL}: a sqlline shell on any Mnemo JDBC URL; with {@code -e} it runs statements and exits. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Open a SQL shell (sqlline) on a Mnemo URL, or run statements with -e.")
public final class SqlCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "jdbc:mnemo:mem:mnemo";
    static final int WIDTH_WITHOUT_TERMINAL = 160;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "JDBC URL, e.g. jdbc:mnemo:mem:NAME (default ${DEFAULT-VALUE})", defaultValue = DEFAULT_URL)
    private String url;

    @Option(names = "-e", paramLabel = "SQL", description = "Run these statements, print results, and exit.")
    private List<String> statements = new ArrayList<>();

    @Option(names = "--outputformat", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, vertical, csv, tsv, json (default ${DEFAULT-VALUE}; use csv without a terminal)")
    private String outputFormat;

    @Option(names = "--cookie-file", paramLabel = "FILE",
            description = "For jdbc:mnemo:// URLs: the cluster's cookie file, sent as the connection's password "
                    + "(default ~/.mnemo.cookie when it exists).")
    private Path cookieFile;

    @Override
    public Integer call() throws Exception {
        String password = "";
        if (url.startsWith("jdbc:mnemo://") && !url.contains("cookie=")) {
            Path file = cookieFile != null ? cookieFile : CookieFiles.defaultFile();
            if (cookieFile != null || Files.exists(file)) {
                password = new String(Cookie.fromFile(file).bytes(), StandardCharsets.UTF_8);
            }
        }
        return shell(url, password, statements, outputFormat);
    }

    /** Runs sqlline on {@code url}; interactive unless {@code statements} are given. Returns the exit status. */
    public static int shell(String url, String password, List<String> statements, String outputFormat)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-u", url, "-n", "", "-p", password,
                "--outputformat=" + outputFormat, "--showWarnings=false",
                "--isolation=TRANSACTION_SERIALIZABLE", "--verbose=false"));
        if (System.console() == null) {
            // Without a terminal sqlline measures a width of 0 and prints empty columns.
            args.add("--maxWidth=" + WIDTH_WITHOUT_TERMINAL);
        }
        if (!statements.isEmpty()) {
            args.add("--silent=true");
            args.add("-e");
            // Joined without whitespace so that error positions count from each statement's own start.
            args.add(String.join(";", statements) + ";");
        }
        SqlLine shell = new SqlLine();
        SqlLine.Status status = shell.begin(args.toArray(new String[0]), null, statements.isEmpty());
        return status == SqlLine.Status.OK ? 0 : 1;
    }
}

package dev.mnemo.server.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

import java.io.IOException;
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

    @Override
    public Integer call() throws IOException {
        List<String> args = new ArrayList<>(List.of("-u", url, "-n", "", "-p", "",
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

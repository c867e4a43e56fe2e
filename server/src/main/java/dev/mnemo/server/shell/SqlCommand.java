package dev.mnemo.server.shell;

import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.replication.transport.CookieException;
import dev.mnemo.server.MnemoVersion;
import dev.mnemo.server.node.CookieFiles;
import dev.mnemo.sql.client.DatetimeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mnemo sql URL}: a sqlline shell on any Mnemo JDBC URL; with {@code -e} it runs statements and exits, with
 * {@code -f} a file of them (a dump that {@code mnemo dump} wrote).
 */
@Command(name = "sql", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Open a SQL shell (sqlline) on a Mnemo URL, or run statements with -e or -f.")
public final class SqlCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "jdbc:mnemo:mem:mnemo";
    static final int WIDTH_WITHOUT_TERMINAL = 160;
    private static final String JLINE_DUMB = "org.jline.terminal.dumb";

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "JDBC URL, e.g. jdbc:mnemo:mem:NAME (default ${DEFAULT-VALUE})", defaultValue = DEFAULT_URL)
    private String url;

    @Option(names = "-e", paramLabel = "SQL",
            description = "Run these statements (or shell commands: !tables), print results, and exit.")
    private List<String> statements = new ArrayList<>();

    @Option(names = "-f", paramLabel = "FILE",
            description = "Run the statements of this file (each ending with ;), as -e does, and exit.")
    private Path file;

    @Option(names = "--outputformat", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, vertical, csv, tsv, json (default ${DEFAULT-VALUE}; use csv without a terminal)")
    private String outputFormat;

    @Option(names = "--cookie-file", paramLabel = "FILE",
            description = "For jdbc:mnemo:// URLs: the cluster's cookie file, sent as the connection's password "
                    + "(default ~/.mnemo.cookie when it exists).")
    private Path cookieFile;

    @Override
    public Integer call() throws Exception {
        List<String> all = new ArrayList<>(statements);
        if (file != null) {
            all.add(Files.readString(file, StandardCharsets.UTF_8));
        }
        return shell(url, password(url, cookieFile), all, outputFormat);
    }

    /**
     * The password to connect to {@code url} with: for a {@code jdbc:mnemo://} URL that carries no credential of its
     * own (cookie, cookieFile or password), the cookie of {@code cookieFile}, or of ~/.mnemo.cookie when it exists.
     */
    public static String password(String url, Path cookieFile) throws IOException, CookieException {
        if (url.startsWith("jdbc:mnemo://") && !url.contains("cookie=") && !url.contains("cookieFile=")
                && !url.contains("password=")) {
            Path file = cookieFile != null ? cookieFile : CookieFiles.defaultFile();
            if (cookieFile != null || Files.exists(file)) {
                return new String(Cookie.fromFile(file).bytes(), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** Whether the standard input is a terminal (asked of {@code test -t 0}; where that cannot run, of the console). */
    static boolean stdinIsTerminal() {
        try {
            Process test = new ProcessBuilder("test", "-t", "0").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return test.waitFor() == 0;
        } catch (IOException e) {
            return System.console() != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.console() != null;
        }
    }

    /**
     * Makes sqlline report errors as one line from the start. Until its first shell has finished setting up,
     * sqlline prints every SQL error with its stack trace whatever --verbose says, and it runs a --run script and
     * opens the connection while setting up: so a mistyped statement or an unreachable member would print a trace.
     * The flag it keeps for that is a static field; it is set here, once, as if set-up had finished.
     */
    private static void quietWhileSettingUp() {
        try {
            Field done = SqlLine.class.getDeclaredField("initComplete");
            done.setAccessible(true);
            done.setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another sqlline version: errors then come with their stack traces, nothing worse.
        }
    }

    /**
     * {@code url} with {@code datetimeText=true} (unless it sets it): sqlline prints a TIME or TIMESTAMP as its
     * {@code getObject(i).toString()}, which would add ".0" to a whole second and drop a TIME's fraction; with the
     * property, both drivers give values that print as {@code getString} does, as the literal writes them.
     */
    static String withDatetimeText(String url) {
        if (!url.startsWith("jdbc:mnemo:") || url.contains(DatetimeText.PROPERTY + "=")) {
            return url;
        }
        String property = DatetimeText.PROPERTY + "=true";
        boolean separated = url.endsWith(";") || url.endsWith("?") || url.endsWith("&");
        if (!url.startsWith("jdbc:mnemo://")) {
            return url + (separated ? "" : ";") + property; // jdbc:mnemo:mem:NAME[;key=value...]
        }
        String rest = url.substring("jdbc:mnemo://".length());
        if (rest.indexOf('?') < 0 && rest.indexOf(';') < 0) {
            return url + (url.endsWith("/") ? "?" : "/?") + property;
        }
        return url + (separated ? "" : "&") + property;
    }

    /**
     * Runs sqlline on {@code url}; interactive unless {@code statements} are given or the standard input is not a
     * terminal, whose text is then the statements. Returns the exit status: with statements, 1 as soon as one fails
     * (the rest are not run), else 0.
     */
    public static int shell(String url, String password, List<String> statements, String outputFormat)
            throws IOException {
        if (statements.isEmpty() && !stdinIsTerminal()) {
            // sqlline's line reader, reading a pipe or a file, takes a bracket inside quotes ('a(b') for an open one
            // and waits for its close to the end of the input, where it quits without a word: run it as -f does.
            statements = List.of(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> args = new ArrayList<>(List.of("-u", withDatetimeText(url), "-n", "", "-p", password,
                "--outputformat=" + outputFormat, "--showWarnings=false",
                "--isolation=TRANSACTION_SERIALIZABLE", "--verbose=false"));
        if (outputFormat.equals("table") || outputFormat.equals("vertical")) {
            // For a reader, sqlline would print a NULL text as an empty cell and other NULLs as "null": one word
            // for all. The machine formats keep their own spelling (JSON's null).
            args.add("--nullValue=NULL");
        }
        if (System.console() == null) {
            // Without a terminal sqlline measures a width of 0 and prints empty columns.
            args.add("--maxWidth=" + WIDTH_WITHOUT_TERMINAL);
        }
        if (!statements.isEmpty() || !url.startsWith("jdbc:mnemo:mem:")) {
            // The embedded driver's warm-up (loading Calcite ahead of the first statement) serves only a shell on
            // an in-process database; for a one-shot run it could still be loading classes as the process exits.
            System.setProperty("mnemo.sql.noWarmup", "true");
        }
        Path script = null;
        if (!statements.isEmpty()) {
            // Run as a script (--run), not with sqlline's -e: a script runs once the shell is set up, so an error
            // is one line rather than a stack trace, and the first failing statement ends the run with status 1.
            script = Files.createTempFile("mnemo-sql-", ".sql");
            StringBuilder text = new StringBuilder();
            for (String statement : statements) {
                // A shell command (!tables) ends at its line; a ';' after it would be read as part of its argument.
                String line = statement.strip();
                text.append(line).append(line.endsWith(";") || line.startsWith("!") ? "\n" : ";\n");
            }
            Files.writeString(script, text, StandardCharsets.UTF_8);
            args.add("--silent=true");
            args.add("--run=" + script);
        }
        if (System.getProperty(JLINE_DUMB) == null) {
            // Without a terminal (a script, a pipe) jline warns on every run that it made a dumb one. Saying that
            // a dumb terminal is fine silences only that: jline still takes the system terminal when there is one.
            System.setProperty(JLINE_DUMB, "true");
        }
        try {
            SqlLine shell = new SqlLine();
            quietWhileSettingUp();
            SqlLine.Status status = shell.begin(args.toArray(new String[0]), null, statements.isEmpty());
            return status == SqlLine.Status.OK ? 0 : 1;
        } finally {
            if (script != null) {
                Files.deleteIfExists(script);
            }
        }
    }
}

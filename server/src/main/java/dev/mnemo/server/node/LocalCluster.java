package dev.mnemo.server.node;

import dev.mnemo.engine.Durations;
import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.replication.log.Fsync;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cluster of member processes on loopback, each a {@code mnemo node} in its own JVM started with this JVM's
 * java, class path and flags: what {@code mnemo local} runs, and what the multi-process tests kill and restart.
 * Member {@code i} is named {@code n<i+1>}, listens on {@code basePort + i}, logs to {@code dir/n<i+1>.log} and
 * keeps its data in {@code dir/n<i+1>/} (unless the cluster is memory-only). Further {@code mnemo node} options
 * (TLS stores, write timeout, voters) can be given to every member.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Pattern MEMBER_DIR = Pattern.compile("n[1-9][0-9]{0,2}");
    /** A member's name as {@link #name} makes it. */
    private static final Pattern LOCAL_NAME = Pattern.compile("n([1-9][0-9]{0,2})@127\\.0\\.0\\.1:([0-9]{1,5})");
    /** How a member's command reports a failure, the one line its log ends with when it exits (MnemoCli). */
    private static final String MEMBER_ERROR = "mnemo node: ";
    /** How much of the end of a member's log is searched for why it exited. */
    private static final int LOG_TAIL_BYTES = 64 << 10;

    private final Path dir;
    private final List<Integer> ports;
    private final boolean disc;
    private final Path cookieFile;
    private final Process[] processes;
    private final boolean[] started;
    /** Where each member's log stood when it was last started: what it wrote since then follows. */
    private final long[] logStart;
    private final List<String> memberArgs;
    /** Set by {@link #close}: no member starts after it, so none is left running once it returns. */
    private volatile boolean closed;

    private LocalCluster(Path dir, List<Integer> ports, boolean disc, List<String> memberArgs) {
        this.dir = dir;
        this.ports = List.copyOf(ports);
        this.disc = disc;
        this.memberArgs = List.copyOf(memberArgs);
        this.cookieFile = dir.resolve("cookie");
        this.processes = new Process[ports.size()];
        this.started = new boolean[ports.size()];
        this.logStart = new long[ports.size()];
    }

    /**
     * Starts one process per port (the first founds the cluster, the others join it) and waits until every member
     * is in the cluster and caught up, all within {@code timeout}.
     */
    public static LocalCluster start(Path dir, List<Integer> ports, boolean disc, Duration timeout) {
        return start(dir, ports, disc, timeout, List.of());
    }

    /** As {@link #start(Path, List, boolean, Duration)}, passing {@code memberArgs} to every {@code mnemo node}. */
    public static LocalCluster start(Path dir, List<Integer> ports, boolean disc, Duration timeout,
            List<String> memberArgs) {
        LocalCluster cluster = prepare(dir, ports, disc, memberArgs);
        cluster.start(timeout);
        return cluster;
    }

    /**
     * A cluster not started yet, so that whoever starts it can hand it to a shutdown hook first: {@link #close} stops
     * what {@link #start(Duration)} started so far, even from another thread while it runs.
     */
    public static LocalCluster prepare(Path dir, List<Integer> ports, boolean disc, List<String> memberArgs) {
        return new LocalCluster(dir, ports, disc, memberArgs);
    }

    /**
     * Starts one process per port (the first founds the cluster, the others join it) and waits until every member
     * is in the cluster and caught up, all within {@code timeout}. If it fails, or {@link #close} stops it meanwhile,
     * every member it started is stopped.
     */
    public void start(Duration timeout) {
        try {
            Fsync.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        if (!Files.exists(cookieFile)) {
            CookieFiles.create(cookieFile);
        }
        try {
            // All at once: the joiners keep asking the founder until it answers.
            for (int i = 0; i < ports.size(); i++) {
                startMember(i);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < ports.size(); i++) {
                awaitReady(i, deadline, timeout);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code n} distinct ports free now: all are bound at once before any is released. */
    public static List<Integer> freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on this machine", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // The port was only reserved for a moment; nothing to clean up.
                }
            }
        }
    }

    /**
     * How many members' data a directory holds: the highest {@code i} with a data directory {@code dir/n<i>/} (a
     * member that never ran leaves none), or 0 when there is none. Those members form one cluster: starting fewer of
     * them may not make a majority, and starting more adds members to it for good.
     */
    public static int membersIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> MEMBER_DIR.matcher(name).matches())
                    .mapToInt(name -> Integer.parseInt(name.substring(1))).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /**
     * The first member's port the cluster in {@code dir} was made with, as its members' data directories record their
     * names ({@code n<i>@127.0.0.1:PORT}, the first member's port plus {@code i - 1}); empty when none records such a
     * name. A member refuses a data directory recorded under another name, so the cluster restarts only on these
     * ports.
     */
    public static OptionalInt basePortIn(Path dir) {
        for (int i = 1; i <= membersIn(dir); i++) {
            String recorded = ClusterNode.memberOf(dir.resolve("n" + i)).orElse("");
            Matcher m = LOCAL_NAME.matcher(recorded);
            if (m.matches() && Integer.parseInt(m.group(1)) == i) {
                return OptionalInt.of(Integer.parseInt(m.group(2)) - (i - 1));
            }
        }
        return OptionalInt.empty();
    }

    private static Path dataDir(Path dir, int i) {
        return dir.resolve("n" + (i + 1));
    }

    public int size() {
        return ports.size();
    }

    public String name(int i) {
        return "n" + (i + 1) + "@127.0.0.1:" + ports.get(i);
    }

    public int port(int i) {
        return ports.get(i);
    }

    public Path cookieFile() {
        return cookieFile;
    }

    public Path log(int i) {
        return dir.resolve("n" + (i + 1) + ".log");
    }

    /** The remote JDBC URL listing every member ({@code jdbc:mnemo://127.0.0.1:p1,127.0.0.1:p2,…}). */
    public String url() {
        StringBuilder sb = new StringBuilder("jdbc:mnemo://");
        for (int i = 0; i < ports.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("127.0.0.1:").append(ports.get(i));
        }
        return sb.toString();
    }

    public Process process(int i) {
        return processes[i];
    }

    private Path readyFile(int i) {
        return dir.resolve("n" + (i + 1) + ".ready");
    }

    /** Starts member {@code i} (again): founding only at the cluster's very first start, else joining the others. */
    public synchronized void startMember(int i) {
        if (closed) {
            throw new StoppedException();
        }
        if (processes[i] != null && processes[i].isAlive()) {
            throw new IllegalStateException(name(i) + " is running");
        }
        try {
            Files.deleteIfExists(readyFile(i));
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xrunjdwp")) {
                    cmd.add(arg);
                }
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.mnemo.server.MnemoCli"));
            boolean founder = i == 0 && !started[0];
            cmd.addAll(nodeArgs(i, !founder));
            cmd.addAll(List.of("--ready-file", readyFile(i).toString()));
            logStart[i] = Files.exists(log(i)) ? Files.size(log(i)) : 0;
            processes[i] = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile())).start();
            started[i] = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name(i), e);
        }
    }

    /**
     * The {@code mnemo node} arguments of member {@code i}: its name, the cookie, its data, the further options, the
     * other members as seeds when it joins, and this process, with which it stops (even if this one is killed
     * outright: none is left holding a port).
     */
    private List<String> nodeArgs(int i, boolean join) {
        List<String> args = new ArrayList<>(List.of("node", "--name", name(i), "--cookie-file",
                cookieFile.toString()));
        if (disc) {
            args.addAll(List.of("--data-dir", dataDir(dir, i).toString()));
        }
        args.addAll(memberArgs);
        List<String> others = new ArrayList<>();
        for (int j = 0; j < ports.size(); j++) {
            if (j != i) {
                others.add(name(j));
            }
        }
        if (join && !others.isEmpty()) {
            args.addAll(List.of("--join", String.join(",", others)));
        }
        args.addAll(List.of("--stop-with", Long.toString(ProcessHandle.current().pid())));
        return args;
    }

    /**
     * The shell command that starts member {@code i} again, joining the others, as a user types it after the member
     * died: the member takes up its data (or, memory-only, reloads from a peer) and stops with this process.
     */
    public String restartCommand(int i) {
        StringBuilder sb = new StringBuilder("bin/mnemo");
        for (String arg : nodeArgs(i, true)) {
            boolean plain = arg.matches("[A-Za-z0-9@%+=:,./_-]+");
            sb.append(' ').append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /**
     * Reports each member that exits while the cluster runs, not one that {@link #close} stops, with the command that
     * starts it again: who kills one to watch the others carry on learns how to bring it back.
     */
    public void reportExits(Consumer<String> report) {
        for (int i = 0; i < processes.length; i++) {
            int member = i;
            Process p = processes[i];
            p.onExit().thenAccept(ended -> {
                if (!closed) {
                    report.accept(name(member) + " (pid " + ended.pid() + ") exited with status " + ended.exitValue()
                            + "; restart it (it stops with this run): " + restartCommand(member));
                }
            });
        }
    }

    /** Waits until member {@code i} reports that it is in the cluster and caught up. */
    public void awaitReady(int i, Duration timeout) {
        awaitReady(i, System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** Thrown when a member did not start: it exited, or was not ready in time. Its log says more. */
    public static class MemberNotStartedException extends IllegalStateException {
        private final String member;
        private final String what;
        private final Path log;

        MemberNotStartedException(String member, String what, Path log) {
            super(member + " " + what + "; see " + log);
            this.member = member;
            this.what = what;
            this.log = log;
        }

        public String member() {
            return member;
        }

        /** What happened to the member, without its name or log: "exited with status 1: CAUSE". */
        public String what() {
            return what;
        }

        public Path log() {
            return log;
        }
    }

    /** Thrown when a member is still starting or joining when the time allowed for it is up. */
    public static final class NotReadyException extends MemberNotStartedException {
        private final Duration timeout;

        NotReadyException(String member, Duration timeout, Path log) {
            super(member, "was not ready within " + Durations.format(timeout), log);
            this.timeout = timeout;
        }

        /** The time the whole start was given. */
        public Duration timeout() {
            return timeout;
        }
    }

    /** Thrown when the cluster was closed (as Ctrl-C does) while it was starting. */
    public static final class StoppedException extends IllegalStateException {
        StoppedException() {
            super("the cluster was stopped while it started");
        }
    }

    private void awaitReady(int i, long deadline, Duration timeout) {
        while (!Files.exists(readyFile(i))) {
            if (closed) {
                throw new StoppedException();
            }
            if (!processes[i].isAlive()) {
                String cause = causeInLog(i);
                throw new MemberNotStartedException(name(i), "exited with status " + processes[i].exitValue()
                        + (cause == null ? "" : ": " + cause), log(i));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new NotReadyException(name(i), timeout, log(i));
            }
            sleep(50);
        }
    }

    /**
     * Why member {@code i} exited, as the log it wrote since its last start says: its command's one-line error, else
     * the message of its last ERROR line; null when it says neither.
     */
    private String causeInLog(int i) {
        String commandError = null;
        String lastError = null;
        try (RandomAccessFile file = new RandomAccessFile(log(i).toFile(), "r")) {
            long from = Math.max(logStart[i], file.length() - LOG_TAIL_BYTES);
            byte[] written = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(written);
            for (String line : new String(written, StandardCharsets.UTF_8).split("\\R")) {
                if (line.startsWith(MEMBER_ERROR)) {
                    commandError = line.substring(MEMBER_ERROR.length());
                } else if (line.contains(" ERROR ") && line.contains(" - ")) {
                    lastError = line.substring(line.indexOf(" - ") + 3);
                }
            }
        } catch (IOException e) {
            return null; // the log only tells the user more; the exit itself is reported all the same
        }
        return commandError != null ? commandError : lastError;
    }

    /**
     * The member the others currently follow, as their logs say (the last "leader is now" line of each running
     * member, by majority), or -1 when they do not agree.
     */
    public int leaderFromLogs() {
        int[] votes = new int[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            if (processes[i] == null || !processes[i].isAlive()) {
                continue;
            }
            try {
                String said = null;
                for (String line : Files.readAllLines(log(i))) {
                    int at = line.indexOf("leader is now ");
                    if (at >= 0) {
                        said = line.substring(at + "leader is now ".length()).split(" ")[0];
                    }
                }
                for (int j = 0; j < ports.size(); j++) {
                    if (name(j).equals(said)) {
                        votes[j]++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int alive = (int) Arrays.stream(processes).filter(p -> p != null && p.isAlive()).count();
        for (int j = 0; j < votes.length; j++) {
            if (votes[j] * 2 > alive) {
                return j;
            }
        }
        return -1;
    }

    /** Kills member {@code i} at once ({@code kill -9}): no hand-over, no flush. */
    public void kill(int i) {
        Process p = processes[i];
        p.destroyForcibly();
        waitFor(p, 10);
    }

    /** Stops member {@code i} as Ctrl-C would: it hands over leadership and closes. */
    public void stop(int i) {
        Process p = processes[i];
        p.destroy();
        if (!waitFor(p, 20)) {
            p.destroyForcibly();
            waitFor(p, 10);
        }
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Stops every member still running (gracefully, in parallel, then forcibly if one hangs), and any start still
     * running: no member starts after this.
     */
    @Override
    public synchronized void close() {
        closed = true;
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (p != null && !waitFor(p, 20)) {
                p.destroyForcibly();
                waitFor(p, 10);
            }
        }
    }
}

package dev.mnemo.server.node;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.replication.cluster.ClusterConfig;
import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.replication.cluster.Discovery;
import dev.mnemo.replication.cluster.DnsDiscovery;
import dev.mnemo.replication.cluster.MemberRemovedException;
import dev.mnemo.replication.cluster.NoQuorumException;
import dev.mnemo.replication.cluster.StaticDiscovery;
import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.replication.transport.NodeName;
import dev.mnemo.replication.transport.TransportOptions;
import dev.mnemo.server.Durations;
import dev.mnemo.server.MnemoVersion;
import dev.mnemo.sql.cluster.Membership;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.jdbc.MnemoDriver;
import dev.mnemo.sql.service.ClientService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mnemo node}: runs one cluster member as its own process until it is stopped (SIGTERM or Ctrl-C hands over
 * leadership and closes it cleanly). The member's one port serves its peers and SQL clients
 * ({@code jdbc:mnemo://host:port}).
 */
@Command(name = "node", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Run a cluster member: found a cluster, or join one through --join seeds or --dns.")
public final class NodeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The member's name: 'a' (then its address is --listen) or 'a@host:port'.")
    String name;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7001",
            description = "Where the member listens for peers and SQL clients (default ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--cookie-file", paramLabel = "FILE",
            description = "The cluster's shared secret; created with a random one if missing "
                    + "(default ~/.mnemo.cookie).")
    Path cookieFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keeps the Raft log and snapshots here, so the member restarts from them. Without it the "
                    + "member holds everything in memory and rejoins from a peer after a restart.")
    Path dataDir;

    @Option(names = "--join", paramLabel = "SEED", split = ",",
            description = "A member to join through, as name@host:port or host:port; repeatable. None (and no "
                    + "state in --data-dir): found a new cluster.")
    List<String> join = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "NAME:PORT",
            description = "Find seeds by resolving a DNS name (e.g. a Kubernetes headless service) on a port.")
    String dns;

    @Option(names = "--voters", defaultValue = "3", paramLabel = "N",
            description = "Voters the cluster keeps (default ${DEFAULT-VALUE}); further members are learners.")
    int voters;

    @Option(names = "--write-timeout", defaultValue = "5s", paramLabel = "DURATION",
            converter = Durations.Converter.class,
            description = "How long a write waits for a majority before failing (default ${DEFAULT-VALUE}): "
                    + Durations.SYNTAX + ".")
    Duration writeTimeout;

    @Option(names = "--network-threads", defaultValue = "1", paramLabel = "N",
            description = "Threads for the member's network I/O, its peers' and its SQL clients' (default "
                    + "${DEFAULT-VALUE}: Raft takes one message at a time, and one thread saves hand-offs between "
                    + "threads; SQL statements run on other threads). More help only many busy SQL clients.")
    int networkThreads;

    @Option(names = "--plan-cache-statements", paramLabel = "N",
            defaultValue = "" + SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT,
            description = "Compiled SQL statements the member keeps for its clients, 0 for none (default "
                    + "${DEFAULT-VALUE}): the embedded URL's planCacheStatements.")
    int planCacheStatements;

    @Option(names = "--case-when-branches", paramLabel = "N",
            defaultValue = "" + SqlDatabase.CASE_WHEN_BRANCHES_DEFAULT,
            description = "WHEN branches one SQL CASE may have, with those of the CASEs nested in it, at least 1 "
                    + "(default ${DEFAULT-VALUE}); more fail with 54001: the embedded URL's caseWhenBranches.")
    int caseWhenBranches;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "A PKCS12 key store with this member's key and certificate: peers and SQL clients then "
                    + "connect over mutual TLS (needs --tls-truststore; clients pass keyStore/trustStore).")
    Path tlsKeyStore;

    @Option(names = "--tls-truststore", paramLabel = "FILE",
            description = "A PKCS12 store of the certificates this member trusts, for peers and SQL clients.")
    Path tlsTrustStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "The TLS stores' password (and the key's), the file's first line; default: empty.")
    Path tlsPasswordFile;

    @Option(names = "--ready-file", paramLabel = "FILE",
            description = "Written once the member is in the cluster and caught up (for scripts and launchers).")
    Path readyFile;

    @Option(names = "--stop-with", paramLabel = "PID", hidden = true,
            description = "Stop when process PID ends (how bin/mnemo local's members end with it).")
    Long stopWith;

    @Override
    public Integer call() throws Exception {
        checkSqlOptions();
        String fullName = name.contains("@") ? name : name + "@" + listen;
        if (stopWith != null) {
            ProcessHandle.of(stopWith).map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null))
                    .thenRun(() -> {
                        LOG.info("process {} ended: stopping", stopWith);
                        System.exit(0); // runs the shutdown hook below, which leaves the cluster gracefully
                    });
        }
        checkCanListen(NodeName.parse(fullName));
        Cookie cookie = CookieFiles.readOrCreate(cookieFile == null ? CookieFiles.defaultFile() : cookieFile);
        Discovery discovery;
        if (dns != null) {
            int colon = dns.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--dns wants NAME:PORT, got " + dns);
            }
            discovery = new DnsDiscovery(dns.substring(0, colon), Integer.parseInt(dns.substring(colon + 1)));
        } else {
            discovery = new StaticDiscovery(join);
        }
        ClusterConfig config = ClusterConfig.builder(fullName, cookie).dataDir(dataDir).discovery(discovery)
                .votersWanted(voters).writeTimeout(writeTimeout).transport(transport()).build();
        // ClusterNode warms the engine (Chronicle Map) before its first apply; the SQL planner (Calcite, Janino) serves
        // only SQL clients, so its warm-up starts once the member is ready instead of delaying its start and join.
        ClusterNode node = ClusterNode.start(config, member -> List.of(new ClientService(
                sqlDatabase(member.db(), new ClusterMembership(member)), cookie.bytes(),
                member.name(), timeout -> linearizable(member, timeout))));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping {}", fullName);
            if (readyFile != null) {
                try {
                    Files.deleteIfExists(readyFile); // a script must not read a stopped member as ready
                } catch (IOException e) {
                    LOG.warn("could not remove the ready file {}: {}", readyFile, e.toString());
                }
            }
            node.close();
            stopped.countDown();
        }, "mnemo-shutdown"));
        while (true) {
            try {
                node.awaitReady(Duration.ofSeconds(10));
                break;
            } catch (NoQuorumException e) {
                LOG.info("waiting for the cluster: {}", e.getMessage());
            }
        }
        LOG.info("{} is ready: members {}", fullName, node.nodes());
        long warmupStart = System.nanoTime();
        MnemoDriver.startWarmup().thenRun(() -> LOG.info("the SQL planner warmed up in {}",
                dev.mnemo.engine.Durations.format(Duration.ofMillis((System.nanoTime() - warmupStart) / 1_000_000))));
        if (readyFile != null) {
            Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            Files.writeString(tmp, fullName + "\n");
            Files.move(tmp, readyFile, StandardCopyOption.ATOMIC_MOVE);
        }
        stopped.await();
        return 0;
    }

    /** Refuses an SQL option out of its range before anything starts, naming the option. */
    void checkSqlOptions() {
        if (planCacheStatements < 0) {
            throw new IllegalArgumentException("--plan-cache-statements must be at least 0, got "
                    + planCacheStatements);
        }
        if (caseWhenBranches < 1) {
            throw new IllegalArgumentException("--case-when-branches must be at least 1, got " + caseWhenBranches);
        }
    }

    /**
     * The SQL database the member's clients are served by, over its engine database, with this command's limits;
     * {@code membership} is its cluster.
     */
    SqlDatabase sqlDatabase(Mnemo db, Membership membership) {
        return new SqlDatabase(db, planCacheStatements, caseWhenBranches, membership);
    }

    /**
     * Fails at once if the listen address is taken, rather than after the seconds of warm-up that come before the
     * member binds it.
     */
    private static void checkCanListen(NodeName address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address.host(), address.port()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.host() + ":" + address.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The peer and client transport: plaintext, or mutual TLS when both stores are given. */
    private TransportOptions transport() throws IOException, GeneralSecurityException {
        TransportOptions plain = TransportOptions.defaults().withNetworkThreads(networkThreads);
        if (tlsKeyStore == null && tlsTrustStore == null) {
            if (tlsPasswordFile != null) {
                throw new IllegalArgumentException("--tls-password-file needs --tls-keystore and --tls-truststore");
            }
            return plain;
        }
        if (tlsKeyStore == null || tlsTrustStore == null) {
            throw new IllegalArgumentException("TLS needs both --tls-keystore and --tls-truststore");
        }
        char[] password = tlsPasswordFile == null ? new char[0]
                : Files.readAllLines(tlsPasswordFile).stream().findFirst().orElse("").toCharArray();
        return plain.withMutualTls(load(tlsKeyStore, password), password,
                load(tlsTrustStore, password));
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new IOException("cannot read the key store " + file + " (wrong password?): " + e.getMessage(), e);
        }
        return store;
    }

    private static void linearizable(ClusterNode member, Duration timeout) throws SQLException {
        try {
            member.awaitLinearizable(timeout);
        } catch (NoQuorumException e) {
            throw new SQLTransientConnectionException(e.getMessage(), e.sqlState(), e);
        } catch (MemberRemovedException e) {
            throw new SQLNonTransientConnectionException(e.getMessage(), e.sqlState(), e);
        }
    }
}

package dev.mnemo.replication.cluster;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Durations;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.proto.v1.Member;
import dev.mnemo.replication.log.FileLogStore;
import dev.mnemo.replication.log.Fsync;
import dev.mnemo.replication.log.LogStore;
import dev.mnemo.replication.log.MemoryLogStore;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.RaftConfig;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.Role;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import dev.mnemo.replication.transport.NetworkThreads;
import dev.mnemo.replication.transport.NodeName;
import dev.mnemo.replication.transport.PeerTransport;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A cluster member: an engine database whose commit log is the Raft-replicated one, its gRPC server, and the
 * threads that keep it in the cluster. Start one with {@link #start}; use {@link #db()} exactly as a single-node
 * {@link Mnemo}: reads are local, writes are ordered through the cluster's log.
 *
 * <pre>{@code
 * ClusterConfig config = ClusterConfig.builder("a@127.0.0.1:7001", Cookie.fromFile(cookieFile))
 *         .dataDir(Path.of("data/a")).join("b@127.0.0.1:7002").build();
 * try (ClusterNode node = ClusterNode.start(config)) {
 *     node.awaitReady(Duration.ofSeconds(30));
 *     node.db().transaction(tx -> ...);
 * }
 * }</pre>
 *
 * <p>A member with no state of its own and no seeds founds a new cluster; with seeds it asks them to add it (as a
 * learner that receives a snapshot and the log tail, promoted to voter by the leader once caught up, up to
 * {@link ClusterConfig#votersWanted()} voters). A member with a data directory keeps its Raft log and snapshots
 * there and comes back from them after a restart; one without rejoins under a new id and reloads from a peer.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final String ID_FILE = "member-id";
    private static final String LOG_DIR = "raft";

    private final ClusterConfig config;
    private final long id;
    private final LogStore store;
    private final RaftDriver driver;
    private final MemberAdmin admin;
    private final ReplicatedCommitLog log;
    private final Mnemo db;
    private final Events events;
    private final Server server;
    /** The event loop of the server and of the channels dialed to peers; closed after both. */
    private final NetworkThreads network;
    private final Thread joiner;
    /** Why the cluster refused for good to let this member join, or null. */
    private volatile MembershipChangeException joinRefusal;
    private volatile boolean closed;

    private ClusterNode(ClusterConfig config, Function<ClusterNode, List<BindableService>> services) {
        this.config = config;
        this.events = new Events(config.name().name());
        Identity identity = identity(config);
        this.id = identity.id();
        this.store = identity.store();
        Directory directory = new Directory();
        Snapshot snap = store.snapshot();
        // Only the directory is read now; the engine part streams from the file once the engine is open.
        if (!snap.isEmpty()) {
            directory.replaceWith(SnapshotPayload.members(snap.data()));
        }
        directory.put(id, config.name().toString());
        // An entry must fit in one transport frame, or no APPEND carrying it could ever be sent.
        int entryBytesMax = Math.min(RaftConfig.builder(id).build().entryBytesMax(),
                config.transport().frameBytesMax() - (64 << 10));
        RaftConfig raftConfig = RaftConfig.builder(id).electionTicks(config.electionTicks())
                .heartbeatTicks(config.heartbeatTicks()).entryBytesMax(entryBytesMax).build();
        RawNode node = new RawNode(raftConfig, store, new SplittableRandom(new SecureRandom().nextLong()));
        this.network = new NetworkThreads(config.name().toString(), config.transport());
        RaftDriver made = null;
        try {
            made = new RaftDriver(id, config, node, store,
                    inbound -> new PeerTransport(config.name().toString(), config.cookie().bytes(), inbound,
                            config.transport(), network),
                    directory, events, entryBytesMax - 64);
            this.log = new ReplicatedCommitLog(made, config);
            warmUpEngine();
            this.db = Mnemo.open(config.engine().toBuilder().discInCommitLog(true).build(), log);
        } catch (RuntimeException | Error e) {
            closeUnstarted(made, null);
            throw e;
        }
        this.driver = made;
        this.admin = new MemberAdmin(made, config);
        try {
            restore(snap);
            List<BindableService> extra = services.apply(this);
            // Credentials, the frame limit and keepalive (pinging silent dialers, permitting their pings) all come
            // from the transport's options, so both ends of a peer connection agree on them.
            ServerBuilder<?> sb = network.serve(config.transport().serverBuilder(
                    new InetSocketAddress(config.listenHost(), config.name().port())));
            sb.addService(driver.transport().service());
            for (BindableService s : extra) {
                sb.addService(s);
            }
            this.server = sb.build().start();
        } catch (IOException | RuntimeException e) {
            closeUnstarted(driver, db);
            throw e instanceof IOException io ? new UncheckedIOException("cannot listen on "
                    + config.listenHost() + ":" + config.name().port() + ": " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
        driver.start(db);
        LOG.info("{} started (member id {}, {}, data {})", config.name(), id,
                identity.founded() ? "founded a new cluster" : identity.joining() ? "joining" : "restarted",
                config.dataDir() == null ? "in memory" : config.dataDir());
        if (identity.joining()) {
            joiner = new Thread(this::joinLoop, "mnemo-join-" + config.name().name());
            joiner.setDaemon(true);
            joiner.start();
        } else {
            joiner = null;
        }
    }

    /**
     * Closes what a member that failed to start had made ({@code made} and {@code engine} null if it had not got
     * that far); the network threads' descriptors, among others, would otherwise outlive it.
     */
    private void closeUnstarted(RaftDriver made, Mnemo engine) {
        if (engine != null) {
            engine.close();
        }
        if (made != null) {
            made.transport().close();
        }
        network.close();
        store.close();
        events.close();
    }

    private static volatile boolean engineWarm;

    /**
     * Creates and writes a scratch table once per JVM, so that the off-heap map library's start-up (seconds of class
     * loading and code generation) is not paid inside the apply loop by the cluster's first table, while writers
     * wait on their timeouts.
     */
    private static void warmUpEngine() {
        if (engineWarm) {
            return;
        }
        synchronized (ClusterNode.class) {
            if (!engineWarm) {
                try (Mnemo scratch = Mnemo.inMemory()) {
                    scratch.createTable(TableDef.named("warm")
                            .column("id", ColumnType.BIGINT).notNull()
                            .column("v", ColumnType.varchar(8)).primaryKey("id")
                            .kind(TableKind.ORDERED_SET));
                    scratch.dirtyWrite("warm", Row.of(1L, "x"));
                }
                engineWarm = true;
            }
        }
    }

    /** Starts a member as {@code config} says. */
    public static ClusterNode start(ClusterConfig config) {
        return new ClusterNode(config, node -> List.of());
    }

    /**
     * Starts a member whose gRPC server also hosts {@code services} (the server module adds the SQL client
     * service this way); the function receives the member before its server starts.
     */
    public static ClusterNode start(ClusterConfig config, Function<ClusterNode, List<BindableService>> services) {
        return new ClusterNode(config, services);
    }

    // ---- identity and storage --------------------------------------------------------------------------------

    private record Identity(long id, LogStore store, boolean founded, boolean joining) {
    }

    private static Identity identity(ClusterConfig config) {
        String name = config.name().toString();
        if (config.dataDir() == null) {
            long id = freshId();
            if (config.discovery().seeds().isEmpty()) {
                MemoryLogStore store = new MemoryLogStore();
                bootstrap(store, id, name);
                return new Identity(id, store, true, false);
            }
            return new Identity(id, new MemoryLogStore(), false, true);
        }
        try {
            Fsync.createDirectories(config.dataDir());
            Path idFile = config.dataDir().resolve(ID_FILE);
            long recorded = readMemberId(idFile, name);
            // The log's lock comes before the id is written: a second process on this directory stops there.
            FileLogStore store = FileLogStore.open(config.dataDir().resolve(LOG_DIR), config.log());
            try {
                return identity(config, idFile, recorded, store);
            } catch (IOException | RuntimeException e) {
                store.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use data directory " + config.dataDir() + ": " + e, e);
        }
    }

    private static Identity identity(ClusterConfig config, Path idFile, long recorded, FileLogStore store)
            throws IOException {
        String name = config.name().toString();
        boolean member = !store.snapshot().isEmpty() || store.lastIndex() > 0;
        long id = recorded;
        if (id == 0) {
            if (member) {
                throw new IllegalStateException("data directory " + config.dataDir() + " holds a member's Raft log"
                        + " but no " + ID_FILE + " file, so which member it is is lost. " + restoreIdAdvice(name));
            }
            // Written before the log holds anything, so that a log with entries always has its member's id beside it.
            id = freshId();
            Fsync.createFile(idFile, (id + " " + name + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (member) {
            return new Identity(id, store, false, false);
        }
        if (config.discovery().seeds().isEmpty()) {
            bootstrap(store, id, name); // a new founder, or one that crashed while founding
            return new Identity(id, store, true, false);
        }
        return new Identity(id, store, false, true);
    }

    /**
     * The id recorded in {@code idFile}, 0 if there is no such file.
     *
     * @throws IllegalStateException if the file is empty or damaged, or belongs to another member
     */
    private static long readMemberId(Path idFile, String name) throws IOException {
        if (!Files.exists(idFile)) {
            return 0;
        }
        String text = readIdFile(idFile);
        String[] parts = text.split(" ", 2);
        long id = 0;
        try {
            id = Long.parseLong(parts[0]);
        } catch (NumberFormatException damaged) {
            // reported below
        }
        if (id <= 0 || parts.length != 2) {
            throw new IllegalStateException("member id file " + idFile + " is "
                    + (text.isEmpty() ? "empty" : "damaged: it holds '" + shorten(text) + "'")
                    + ", not this member's id and name. " + restoreIdAdvice(name));
        }
        if (!parts[1].equals(name)) {
            throw new IllegalStateException("data directory " + idFile.getParent() + " belongs to member "
                    + parts[1] + ", not " + name);
        }
        return id;
    }

    private static String restoreIdAdvice(String name) {
        return "Restore " + ID_FILE + " as one line, '<id> " + name + "', with this member's id (its log says"
                + " 'started (member id <id>' at every start), or start " + name + " with an empty data directory to"
                + " join as a new member, reloading the data from the others";
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }

    /** The id file's text, {@code ID NAME} unless it is damaged. */
    private static String readIdFile(Path idFile) throws IOException {
        // Decoded leniently: damaged bytes are shown, not thrown as an encoding error.
        return new String(Files.readAllBytes(idFile), StandardCharsets.UTF_8).strip();
    }

    /**
     * The name of the member a data directory belongs to, as the directory records it from the member's first start
     * ("?" if that record is damaged), or empty if no member has used it. Only that member can start on it: a
     * launcher can check a directory this way before it starts a member that would refuse it.
     */
    public static Optional<String> memberOf(Path dataDir) {
        Path idFile = dataDir.resolve(ID_FILE);
        if (!Files.exists(idFile)) {
            return Optional.empty();
        }
        try {
            String[] parts = readIdFile(idFile).split(" ", 2);
            return Optional.of(parts.length == 2 ? parts[1] : "?");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + idFile, e);
        }
    }

    private static long freshId() {
        long id = 0;
        SecureRandom random = new SecureRandom();
        while (id <= 0) {
            id = random.nextLong() >>> 1;
        }
        return id;
    }

    /** Loads the engine from the snapshot a disc member restarts from, streaming it from the snapshot's file. */
    private void restore(Snapshot snap) throws IOException {
        if (snap.isEmpty()) {
            return;
        }
        // The engine stages the tables and swaps them in only after reading its part to the end, where both its own
        // CRC and the file's are checked: a damaged file fails before any table is replaced.
        try (SnapshotPayload.Parsed restored = SnapshotPayload.open(snap.data())) {
            if (restored.engineBytes() > 0) {
                db.loadSnapshot(restored.engine());
            }
            restored.engine().transferTo(OutputStream.nullOutputStream()); // checks the file's checksum
        }
    }

    /**
     * Makes {@code store} the log of a new cluster's founder: a snapshot at index 1 naming it the only voter.
     * Package-private for tests that drive a founder's {@link RaftDriver} without a node.
     */
    static void bootstrap(LogStore store, long id, String name) {
        SnapshotRef payload;
        try (SnapshotOutput out = store.newSnapshot(1)) {
            SnapshotPayload.writeHeader(Map.of(id, name), out);
            payload = out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap snapshot", e);
        }
        Snapshot snap = new Snapshot(new SnapshotMetadata(1, 1, ConfState.ofVoters(id)), payload.encode());
        store.save(new HardState(1, 0, 1), List.of(), snap);
        store.sync();
    }

    // ---- joining ------------------------------------------------------------------------------------------------

    private void joinLoop() {
        Member self = Member.newBuilder().setId(id).setName(config.name().toString()).build();
        long backoffMs = 200;
        String hint = null;
        Map<String, String> lastFailure = new HashMap<>(); // said once per seed and reason, not every retry
        while (!closed && !isMember()) {
            List<String> targets = new ArrayList<>();
            if (hint != null) {
                targets.add(hint);
            }
            for (String seed : config.discovery().seeds()) {
                String s = Seeds.address(seed);
                if (!NodeName.parse(s).address().equals(config.name().host() + ":" + config.name().port())) {
                    targets.add(s);
                }
            }
            hint = null;
            for (String target : targets) {
                if (closed || isMember()) {
                    return;
                }
                try {
                    JoinResponse answer = driver.transport().join(target, self, false)
                            .get(config.transport().requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                    for (Member m : answer.getMembersList()) {
                        driver.directory().put(m.getId(), m.getName());
                    }
                    if (answer.getStatus() == JoinResponse.Status.ACCEPTED) {
                        LOG.info("{} accepted the request to join: waiting for the leader's snapshot", target);
                        waitForMembership(Duration.ofSeconds(10));
                        break;
                    }
                    if (refusedForGood(answer)) {
                        joinRefusal = joinRefused(answer);
                        LOG.error("{}", joinRefusal.getMessage());
                        return;
                    }
                    if (!answer.getLeaderHint().isEmpty()) {
                        hint = answer.getLeaderHint();
                    }
                } catch (Exception e) {
                    Throwable why = e instanceof ExecutionException && e.getCause() != null
                            ? e.getCause() : e;
                    String reason = why instanceof TimeoutException ? "no answer in time"
                            : String.valueOf(why.getMessage());
                    if (!reason.equals(lastFailure.put(target, reason))) {
                        LOG.warn("cannot join through {}: {} (retrying)", target, reason);
                    } else {
                        LOG.debug("join through {} failed again: {}", target, reason);
                    }
                }
            }
            RaftDriver.pause(TimeUnit.MILLISECONDS.toNanos(backoffMs));
            backoffMs = Math.min(backoffMs * 2, 2000);
        }
    }

    /** Whether {@code answer} refuses a join that asking again, here or elsewhere, would not change. */
    private static boolean refusedForGood(JoinResponse answer) {
        return answer.getStatus() == JoinResponse.Status.NAME_TAKEN
                || answer.getStatus() == JoinResponse.Status.REFUSED;
    }

    private MembershipChangeException joinRefused(JoinResponse answer) {
        MembershipChangeException.Reason reason = answer.getStatus() == JoinResponse.Status.NAME_TAKEN
                ? MembershipChangeException.Reason.NAME_TAKEN : MembershipChangeException.Reason.JOIN_REFUSED;
        return new MembershipChangeException(reason, name() + " cannot join the cluster: " + answer.getMessage());
    }

    private void waitForMembership(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && !isMember() && System.nanoTime() < deadline) {
            RaftDriver.pause(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private boolean isMember() {
        return driver.confState().isMember(id);
    }

    // ---- the public API -----------------------------------------------------------------------------------------

    /** The database on this member: local reads, cluster-ordered writes. */
    public Mnemo db() {
        return db;
    }

    public String name() {
        return config.name().toString();
    }

    /** This member's Raft id (new for every member without a data directory each time it starts). */
    public long id() {
        return id;
    }

    public ClusterConfig config() {
        return config;
    }

    /** The port the member's gRPC server listens on. */
    public int port() {
        return server.getPort();
    }

    /** The leader's name, or empty while none is known. */
    public String leader() {
        long leader = driver.leaderId();
        String name = leader == 0 ? null : driver.directory().name(leader);
        return name == null ? "" : name;
    }

    public boolean isLeader() {
        return driver.role() == Role.LEADER;
    }

    /**
     * Whether a committed membership change removed this member from its cluster (it applied the change, or a voter
     * that did told it when it asked for votes): it then neither campaigns nor takes writes, and must rejoin as a
     * new member with an empty data directory.
     */
    public boolean isRemoved() {
        return driver.isRemoved();
    }

    /** One member as this member sees it. */
    public record MemberInfo(String name, long id, boolean voter, boolean leader, boolean connected) {
    }

    /** The cluster's members (voters, then learners), as of the configuration this member has applied. */
    public List<MemberInfo> nodes() {
        ConfState conf = driver.confState();
        Set<String> connected = driver.transport().connectedPeers();
        long leader = driver.leaderId();
        List<MemberInfo> out = new ArrayList<>();
        TreeMap<Long, String> names = driver.directory().snapshot();
        for (long v : conf.voters()) {
            String n = names.getOrDefault(v, "#" + v);
            out.add(new MemberInfo(n, v, true, v == leader, v == id || connected.contains(n)));
        }
        for (long l : conf.learners()) {
            String n = names.getOrDefault(l, "#" + l);
            out.add(new MemberInfo(n, l, false, l == leader, l == id || connected.contains(n)));
        }
        return out;
    }

    /**
     * This member's view of the cluster, for operators: its term, commit and applied index, and each member's role;
     * on the leader also each member's match index and time since it last answered.
     */
    public ClusterStatus status() {
        return admin.status();
    }

    /**
     * Removes the member named {@code name} ({@code a} or {@code a@host:port}) from the cluster for good, as when
     * its machine is gone: only the leader does this, one change at a time, through Raft's membership change, and
     * this returns once it has applied the removal. The removed member, should it come back, cannot disrupt the
     * others: a voter that applied the removal answers its request for votes so, and it then stops campaigning
     * ({@link #isRemoved}); to return it must rejoin as a new member, with an empty data directory.
     *
     * @throws MembershipChangeException for a name that is no member's, the last voter, the leader itself (have it
     *         {@link #leave} instead, or stop it so another leads), on a member that is not the leader, while
     *         another change is under way, or when the voters (now, or those left after it) have no majority up
     * @throws CommitUnknownException when no majority took the change within the write timeout: it may still take
     *         effect, so check the status before asking again
     */
    public void removeMember(String name) {
        admin.remove(name, config.writeTimeout());
    }

    /**
     * Asks the member named {@code node} to let this member join its cluster (it must not be a member yet).
     *
     * @throws MembershipChangeException if a member with another id has this member's name, or the cluster refuses
     *         this member for good (its id was removed, or the request is malformed)
     */
    public void connect(String node) {
        if (isMember()) {
            throw new IllegalStateException(name() + " is already a member of a cluster; a member joins only once");
        }
        Member self = Member.newBuilder().setId(id).setName(name()).build();
        try {
            JoinResponse answer = driver.transport().join(Seeds.address(node), self, false)
                    .get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (answer.getStatus() == JoinResponse.Status.NOT_LEADER && !answer.getLeaderHint().isEmpty()) {
                answer = driver.transport().join(answer.getLeaderHint(), self, false)
                        .get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (refusedForGood(answer)) {
                throw joinRefused(answer);
            }
            if (answer.getStatus() != JoinResponse.Status.ACCEPTED) {
                throw new NoQuorumException(node + " did not accept the join: " + answer.getStatus() + " "
                        + answer.getMessage());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new NoQuorumException("cannot reach " + node + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoQuorumException("interrupted while joining through " + node);
        }
    }

    public void addListener(ClusterListener listener) {
        events.add(listener);
    }

    public void removeListener(ClusterListener listener) {
        events.remove(listener);
    }

    /**
     * Waits until this member is in the cluster, knows a leader, and has applied everything committed before the
     * call: from then on its local reads are as fresh as the cluster was when this returned.
     *
     * @throws NoQuorumException if that does not happen within {@code timeout}
     * @throws MemberRemovedException if this member learns that it was removed from the cluster
     * @throws MembershipChangeException if the cluster refused for good to let it join (its name is taken, its id
     *         was removed)
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isMember() || driver.leaderId() == 0) {
            if (driver.isRemoved()) {
                throw driver.removedError("will not be ready again");
            }
            MembershipChangeException refused = joinRefusal;
            if (refused != null) {
                throw new MembershipChangeException(refused.reason(), refused.getMessage());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NoQuorumException(name() + " did not join a cluster with a leader within "
                        + Durations.format(timeout));
            }
            RaftDriver.pause(TimeUnit.MILLISECONDS.toNanos(20));
        }
        awaitLinearizable(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /**
     * A read barrier: returns once this member has applied every write the cluster acknowledged before the call
     * (Raft ReadIndex), so reads that follow are linearizable.
     *
     * @throws NoQuorumException if no leader with a majority confirms within {@code timeout}
     */
    public void awaitLinearizable(Duration timeout) {
        driver.awaitLinearizable(timeout.toNanos());
    }

    /** Fault injection for tests: from now on this member neither hears from nor reaches {@code peers}. */
    void cutOff(Set<String> peers) {
        driver.cutOff(peers);
    }

    /** The log index this member has applied. */
    public long appliedIndex() {
        return driver.appliedIndex();
    }

    /**
     * Leaves the cluster for good: hands over leadership if it leads, asks the leader to remove it, and closes.
     * A member that leaves must rejoin as a new member.
     */
    public void leave() {
        Member self = Member.newBuilder().setId(id).setName(name()).build();
        long deadline = System.nanoTime() + config.writeTimeout().toNanos() * 2;
        while (System.nanoTime() < deadline && isMember()) {
            if (isLeader()) {
                driver.transferLeadership();
                RaftDriver.pause(config.tick().toNanos() * config.electionTicks());
                continue;
            }
            String leader = leader();
            if (!leader.isEmpty()) {
                try {
                    driver.transport().join(leader, self, true).get(config.transport().requestTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    LOG.debug("leave request to {} failed: {}", leader, e.toString());
                }
            }
            RaftDriver.pause(config.tick().toNanos() * 4);
        }
        if (isMember()) {
            LOG.warn("{} could not confirm its removal before closing", name());
        } else {
            LOG.info("{} left the cluster", name());
        }
        close();
    }

    /** Stops this member (handing over leadership first if it leads); its data directory stays for a restart. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (isLeader() && driver.confState().voters().size() > 1 && driver.isRunning()) {
            if (driver.transferLeadership()) {
                long deadline = System.nanoTime() + config.tick().toNanos() * config.electionTicks() * 2;
                while (isLeader() && System.nanoTime() < deadline) {
                    RaftDriver.pause(config.tick().toNanos());
                }
            }
        }
        try {
            log.close();
            driver.stop();
            // Cancel the open streams now rather than let them run down: a client stream would go on being served
            // by a member whose log is closed (errors, not a broken stream its driver fails over on).
            server.shutdownNow();
            driver.transport().close();
            server.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Whatever failed above, the server stops before the threads it runs on, and those always stop.
            server.shutdownNow();
            try {
                server.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            network.close();
        }
        db.close();
        store.close();
        events.close();
        if (joiner != null) {
            joiner.interrupt();
        }
        LOG.info("{} stopped", name());
    }
}

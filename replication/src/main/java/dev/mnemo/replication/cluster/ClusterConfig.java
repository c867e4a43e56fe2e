package dev.mnemo.replication.cluster;

import dev.mnemo.engine.Durations;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.replication.log.FileLogOptions;
import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.replication.transport.NodeName;
import dev.mnemo.replication.transport.TransportOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start a cluster member: its name, cookie, data directory and discovery, and the timing of its Raft
 * clock. Build with {@link #builder(String, Cookie)}.
 *
 * @param name            this member's name, {@code name@host:port}; peers dial host:port
 * @param listenHost      the interface the member's server binds (defaults to the name's host)
 * @param cookie          the shared secret every member proves it knows
 * @param dataDir         where the Raft log and snapshots live; null for a member without disk, whose tables
 *                        come back from a peer after a restart (it then rejoins under a new id)
 * @param discovery       the seeds to join through; none (and no state in dataDir) founds a new cluster
 * @param tick            one tick of the Raft clock
 * @param electionTicks   ticks without a leader before a follower campaigns (randomised up to twice that)
 * @param heartbeatTicks  ticks between leader heartbeats
 * @param writeTimeout    how long a write may wait for the cluster before it fails with a typed error
 * @param votersWanted    how many voters the leader promotes learners up to (3 or 5); further members stay learners
 * @param snapshotEntries applied entries after which a member snapshots its tables and compacts its log
 * @param engine          the database settings (its data directory must be unset: the log owns durability)
 * @param transport       the peer transport's settings
 * @param log             the settings of the Raft log in {@code dataDir} (segment and record sizes)
 */
public record ClusterConfig(
        NodeName name,
        String listenHost,
        Cookie cookie,
        Path dataDir,
        Discovery discovery,
        Duration tick,
        int electionTicks,
        int heartbeatTicks,
        Duration writeTimeout,
        int votersWanted,
        long snapshotEntries,
        MnemoConfig engine,
        TransportOptions transport,
        FileLogOptions log) {

    public ClusterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(log, "log");
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, got " + Durations.format(tick));
        }
        if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicks, got " + heartbeatTicks
                    + " and " + electionTicks);
        }
        if (writeTimeout.compareTo(tick.multipliedBy(electionTicks)) < 0) {
            throw new IllegalArgumentException("writeTimeout " + Durations.format(writeTimeout)
                    + " is shorter than one election timeout (" + Durations.format(tick.multipliedBy(electionTicks))
                    + "): writes would fail during every leader change");
        }
        if (votersWanted < 1 || votersWanted > 9) {
            throw new IllegalArgumentException("votersWanted must be in 1..9, got " + votersWanted);
        }
        if (snapshotEntries < 16) {
            throw new IllegalArgumentException("snapshotEntries must be at least 16, got " + snapshotEntries);
        }
        if (engine.dataDir() != null) {
            throw new IllegalArgumentException("the engine settings of a cluster member must not name a data directory: "
                    + "the member's dataDir holds its log and snapshots");
        }
    }

    public static Builder builder(String name, Cookie cookie) {
        return new Builder(NodeName.parse(name), cookie);
    }

    /** Builds a {@link ClusterConfig}; the defaults suit a LAN or loopback cluster. */
    public static final class Builder {
        private final NodeName name;
        private final Cookie cookie;
        private String listenHost;
        private Path dataDir;
        private Discovery discovery = Discovery.none();
        private Duration tick = Duration.ofMillis(50);
        private int electionTicks = 10;
        private int heartbeatTicks = 1;
        private Duration writeTimeout = Duration.ofSeconds(5);
        private int votersWanted = 3;
        private long snapshotEntries = 20_000;
        private MnemoConfig engine = MnemoConfig.builder().build();
        private TransportOptions transport = TransportOptions.defaults();
        private FileLogOptions log = FileLogOptions.defaults();

        private Builder(NodeName name, Cookie cookie) {
            this.name = name;
            this.cookie = cookie;
        }

        public Builder listenHost(String host) {
            this.listenHost = host;
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder discovery(Discovery d) {
            this.discovery = d;
            return this;
        }

        /** Seeds to join through, as node names or addresses. */
        public Builder join(String... seeds) {
            this.discovery = new StaticDiscovery(List.of(seeds));
            return this;
        }

        public Builder tick(Duration t) {
            this.tick = t;
            return this;
        }

        public Builder electionTicks(int ticks) {
            this.electionTicks = ticks;
            return this;
        }

        public Builder heartbeatTicks(int ticks) {
            this.heartbeatTicks = ticks;
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        public Builder votersWanted(int voters) {
            this.votersWanted = voters;
            return this;
        }

        public Builder snapshotEntries(long entries) {
            this.snapshotEntries = entries;
            return this;
        }

        public Builder engine(MnemoConfig config) {
            this.engine = config;
            return this;
        }

        public Builder transport(TransportOptions options) {
            this.transport = options;
            return this;
        }

        public Builder log(FileLogOptions options) {
            this.log = options;
            return this;
        }

        public ClusterConfig build() {
            return new ClusterConfig(name, listenHost == null ? name.host() : listenHost, cookie, dataDir, discovery,
                    tick, electionTicks, heartbeatTicks, writeTimeout, votersWanted, snapshotEntries, engine,
                    transport, log);
        }
    }
}

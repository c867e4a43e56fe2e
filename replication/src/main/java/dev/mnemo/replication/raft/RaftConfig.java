package dev.mnemo.replication.raft;

/**
 * The settings of one Raft node. Every limit is explicit, named with its unit last, and validated here, at
 * construction: a node never starts with a limit it cannot honour.
 *
 * @param id                     this node's id (positive, unique for the life of the cluster: never reused)
 * @param electionTicks          ticks without a leader before a follower campaigns; the actual timeout is drawn
 *                               from {@code [electionTicks, 2 * electionTicks)}; also the check-quorum window
 * @param heartbeatTicks         ticks between a leader's heartbeats; less than {@code electionTicks}
 * @param preVote                ask for votes before raising the term, so a partitioned node cannot disrupt
 * @param checkQuorum            a leader steps down when a majority has not answered within an election timeout,
 *                               and followers that hear from their leader ignore vote requests (leader lease)
 * @param entryBytesMax          largest payload a single proposal may carry
 * @param appendBytesMax         entry bytes per append message (one entry is always allowed, however large)
 * @param inflightAppendsMax     append messages carrying entries in flight to one follower while replicating
 *                               (the pipeline depth; entry-less appends only carry the commit index)
 * @param inflightBytesMax       entry bytes in flight to one follower while replicating
 * @param uncommittedBytesMax    uncommitted payload bytes a leader holds before it drops proposals
 * @param readyCommittedBytesMax committed entry bytes handed to the application per {@link Ready}
 * @param readIndexPendingMax    read-index requests waiting for leadership confirmation
 */
public record RaftConfig(
        long id,
        int electionTicks,
        int heartbeatTicks,
        boolean preVote,
        boolean checkQuorum,
        int entryBytesMax,
        long appendBytesMax,
        int inflightAppendsMax,
        long inflightBytesMax,
        long uncommittedBytesMax,
        long readyCommittedBytesMax,
        int readIndexPendingMax) {

    /** Upper bound for {@code electionTicks}: beyond it a cluster would take minutes to notice a dead leader. */
    public static final int ELECTION_TICKS_MAX = 10_000;
    /** Upper bound for {@code inflightAppendsMax}: the window is preallocated per follower. */
    public static final int INFLIGHT_APPENDS_MAX = 1 << 16;
    /** Upper bound for {@code readIndexPendingMax}. */
    public static final int READ_INDEX_PENDING_MAX = 1 << 20;
    /** Upper bound for every byte limit (1 GiB): messages and batches must fit comfortably in a heap. */
    public static final long BYTES_MAX = 1L << 30;

    public RaftConfig {
        require(id > 0, "id must be positive: " + id);
        require(electionTicks >= 2 && electionTicks <= ELECTION_TICKS_MAX,
                "electionTicks must be in [2, " + ELECTION_TICKS_MAX + "]: " + electionTicks);
        require(heartbeatTicks >= 1 && heartbeatTicks < electionTicks,
                "heartbeatTicks must be in [1, electionTicks): " + heartbeatTicks);
        requireBytes(entryBytesMax, "entryBytesMax");
        requireBytes(appendBytesMax, "appendBytesMax");
        require(inflightAppendsMax >= 1 && inflightAppendsMax <= INFLIGHT_APPENDS_MAX,
                "inflightAppendsMax must be in [1, " + INFLIGHT_APPENDS_MAX + "]: " + inflightAppendsMax);
        requireBytes(inflightBytesMax, "inflightBytesMax");
        requireBytes(uncommittedBytesMax, "uncommittedBytesMax");
        requireBytes(readyCommittedBytesMax, "readyCommittedBytesMax");
        require(readIndexPendingMax >= 1 && readIndexPendingMax <= READ_INDEX_PENDING_MAX,
                "readIndexPendingMax must be in [1, " + READ_INDEX_PENDING_MAX + "]: " + readIndexPendingMax);
        require(entryBytesMax <= uncommittedBytesMax, "entryBytesMax must not exceed uncommittedBytesMax");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void requireBytes(long value, String name) {
        require(value >= 1 && value <= BYTES_MAX, name + " must be in [1, " + BYTES_MAX + "]: " + value);
    }

    /** A builder with the defaults for node {@code id}. */
    public static Builder builder(long id) {
        return new Builder(id);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.electionTicks = electionTicks;
        b.heartbeatTicks = heartbeatTicks;
        b.preVote = preVote;
        b.checkQuorum = checkQuorum;
        b.entryBytesMax = entryBytesMax;
        b.appendBytesMax = appendBytesMax;
        b.inflightAppendsMax = inflightAppendsMax;
        b.inflightBytesMax = inflightBytesMax;
        b.uncommittedBytesMax = uncommittedBytesMax;
        b.readyCommittedBytesMax = readyCommittedBytesMax;
        b.readIndexPendingMax = readIndexPendingMax;
        return b;
    }

    /** Builds a {@link RaftConfig}; the defaults suit a LAN cluster ticking every 100 ms. */
    public static final class Builder {
        private long id;
        private int electionTicks = 10;
        private int heartbeatTicks = 1;
        private boolean preVote = true;
        private boolean checkQuorum = true;
        private int entryBytesMax = 8 << 20;
        private long appendBytesMax = 1 << 20;
        private int inflightAppendsMax = 256;
        private long inflightBytesMax = 32L << 20;
        private long uncommittedBytesMax = 64L << 20;
        private long readyCommittedBytesMax = 16L << 20;
        private int readIndexPendingMax = 4096;

        private Builder(long id) {
            this.id = id;
        }

        public Builder id(long value) {
            id = value;
            return this;
        }

        public Builder electionTicks(int value) {
            electionTicks = value;
            return this;
        }

        public Builder heartbeatTicks(int value) {
            heartbeatTicks = value;
            return this;
        }

        public Builder preVote(boolean value) {
            preVote = value;
            return this;
        }

        public Builder checkQuorum(boolean value) {
            checkQuorum = value;
            return this;
        }

        public Builder entryBytesMax(int value) {
            entryBytesMax = value;
            return this;
        }

        public Builder appendBytesMax(long value) {
            appendBytesMax = value;
            return this;
        }

        public Builder inflightAppendsMax(int value) {
            inflightAppendsMax = value;
            return this;
        }

        public Builder inflightBytesMax(long value) {
            inflightBytesMax = value;
            return this;
        }

        public Builder uncommittedBytesMax(long value) {
            uncommittedBytesMax = value;
            return this;
        }

        public Builder readyCommittedBytesMax(long value) {
            readyCommittedBytesMax = value;
            return this;
        }

        public Builder readIndexPendingMax(int value) {
            readIndexPendingMax = value;
            return this;
        }

        public RaftConfig build() {
            return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, checkQuorum, entryBytesMax,
                    appendBytesMax, inflightAppendsMax, inflightBytesMax, uncommittedBytesMax,
                    readyCommittedBytesMax, readIndexPendingMax);
        }
    }
}

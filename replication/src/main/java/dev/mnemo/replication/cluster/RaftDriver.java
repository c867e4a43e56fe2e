package dev.mnemo.replication.cluster;

import dev.mnemo.engine.DatabaseClosedException;
import dev.mnemo.engine.Durations;
import dev.mnemo.engine.MemberStoppedException;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.log.StateMachine;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.RecordCodec;
import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.ForwardVerdict;
import dev.mnemo.proto.v1.JoinRequest;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.proto.v1.Member;
import dev.mnemo.replication.log.LogStore;
import dev.mnemo.replication.raft.ConfChange;
import dev.mnemo.replication.raft.ConfChangeType;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.EntryType;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.ReadState;
import dev.mnemo.replication.raft.Ready;
import dev.mnemo.replication.raft.Role;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SoftState;
import dev.mnemo.replication.raft.Submission;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import dev.mnemo.replication.transport.NodeName;
import dev.mnemo.replication.transport.PeerInbound;
import dev.mnemo.replication.transport.PeerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Drives one member's Raft core: the only code with threads around it.
 *
 * <p><b>Raft turns.</b> Everything that touches the {@link RawNode} is a task: a peer message, a proposal, a
 * request, a clock tick. Tasks queue, and whichever thread holds the turn runs them, then handles each
 * {@link Ready} in the documented order (persist and sync, send, hand committed entries on, advance). The turn is
 * taken by the thread that queued work when it is free, when the log lives in memory: the network thread that
 * received a peer message, the writer's own thread for a proposal. With a file log only the Raft thread takes the
 * turn, which appends and syncs: a sync would hold a network event loop (and every connection it serves) for the
 * disk's time, and an interrupt of a writer's thread would close the log's channel. Otherwise, and for ticks, the
 * <b>Raft thread</b> takes it.
 * Running work where it arrives saves the hand-offs between threads that dominate a write's latency on loopback;
 * only one thread holds the turn at a time, so the core stays single-threaded, and proposals that queue while a
 * turn persists or sends are grouped into one log entry (group commit).
 *
 * <p><b>Applying.</b> Committed entries are applied to the engine in log order under a second, separate turn,
 * taken the same way once the Raft turn is released, so Raft work and applying overlap. A thread that must not
 * wait (any but the apply thread) applies only while the engine takes the batch at once; snapshots (installing
 * and taking them) and batches the engine holds off are left to the <b>apply thread</b>. The backlog is bounded
 * at {@value #APPLY_QUEUE_MAX} Readies: past half of it the leader refuses new proposals, which writers retry, and
 * past all of it only the Raft thread takes turns, waiting for the apply thread first (a network thread never
 * waits for applies).
 */
final class RaftDriver implements PeerInbound {
    private static final Logger LOG = LoggerFactory.getLogger(RaftDriver.class);
    /** Committed-entry batches the apply thread may lag behind before the Raft thread waits for it. */
    static final int APPLY_QUEUE_MAX = 4096;
    /** Entries kept in the log behind a snapshot, so that briefly lagging followers catch up without one. */
    private static final long RETAIN_ENTRIES = 2048;

    private final long selfId;
    private final String selfName;
    private final ClusterConfig config;
    private final RawNode node;
    private final LogStore store;
    private final PeerTransport transport;
    private final Directory directory;
    private final Events events;
    private final int entryBytesMax;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Held by the thread taking the Raft turn (not reentrant: a task that queues a task never runs it nested). */
    private final AtomicBoolean raftTurn = new AtomicBoolean();
    /** Bounded by the turns' rules, not by the queue: a turn that has taken a Ready must be able to hand it on. */
    private final LinkedBlockingQueue<ApplyTask> applyQueue = new LinkedBlockingQueue<>();
    /** Held by the thread applying; entries are applied by one thread at a time, in log order. */
    private final AtomicBoolean applyTurn = new AtomicBoolean();
    /** Whether threads other than the Raft thread (writers, network) may take the Raft turn: only with no file I/O. */
    private final boolean callersTakeTurns;
    /** Taken in Raft turns only: the index and term of the last entry this member proposed as leader. */
    private long proposedThrough;
    private long proposedTerm;
    /** Raft turns only: proposals waiting to be grouped into the next entry. */
    private final ArrayList<Proposal> proposals = new ArrayList<>();
    /** This member's records by sequence number, until their callers have the verdict. */
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    /** Pending records appended at a log index, checked when that index is applied. */
    private final ConcurrentHashMap<Long, List<Pending>> appendedAt = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ByteBuffer, ReadBarrier> reads = new ConcurrentHashMap<>();
    private final AtomicLong sequence;
    private final AtomicLong readContexts = new AtomicLong();

    private volatile StateMachine machine;
    private volatile Mnemo db;
    private volatile long leaderId;
    private volatile long term;
    private volatile Role role = Role.FOLLOWER;
    private volatile ConfState confState;
    private volatile long appliedIndex;
    private volatile boolean running = true;
    /** Set once the core knows a committed change removed this member; it stays so until the member is wiped. */
    private volatile boolean removed;
    /** Set once the engine is bound and both threads run: no turn is taken before. */
    private volatile boolean started;
    private volatile Throwable broken;
    private final Object appliedMonitor = new Object();

    /** Peers this member acts as if it could not reach (fault injection for partition tests). */
    private volatile Set<String> cutOff = Set.of();

    private long snapshotIndex;
    /** Apply turns only: entries up to here wait for a newer snapshot, the one before it having been replaced. */
    private long supersededThrough;
    /** The index of the last snapshot installed: outcomes of entries up to it cannot be learnt any more. */
    private volatile long installedThrough;
    private ConfState appliedConf;
    private volatile Thread raftThread;
    private volatile Thread applyThread;

    RaftDriver(long selfId, ClusterConfig config, RawNode node, LogStore store, PeerTransportFactory transports,
            Directory directory, Events events, int entryBytesMax) {
        this.selfId = selfId;
        this.selfName = config.name().toString();
        this.config = config;
        this.node = node;
        this.store = store;
        this.directory = directory;
        this.events = events;
        this.entryBytesMax = entryBytesMax;
        this.transport = transports.create(this);
        this.callersTakeTurns = !store.durable();
        this.confState = node.confState();
        // A restarted member's first Ready carries no hard state while its term stays the stored one (a leader heard
        // again in that term): start from the stored term, or the leader it learns of is announced in term 0.
        this.term = node.status().term();
        Snapshot snap = store.snapshot();
        this.snapshotIndex = snap.index();
        this.appliedIndex = snap.index();
        this.appliedConf = snap.metadata().confState();
        // Sequence numbers only grow, also across restarts, so a record replayed from before a restart is never
        // taken for one submitted since.
        this.sequence = new AtomicLong(System.currentTimeMillis() << 20);
    }

    /** Creates the transport once the driver exists to receive from it. */
    @FunctionalInterface
    interface PeerTransportFactory {
        PeerTransport create(PeerInbound inbound);
    }

    PeerTransport transport() {
        return transport;
    }

    /** Binds the engine; the threads start with {@link #start()}. */
    void bind(StateMachine stateMachine) {
        this.machine = stateMachine;
    }

    void start(Mnemo database) {
        this.db = database;
        applyThread = new Thread(this::applyLoop, "mnemo-apply-" + config.name().name());
        raftThread = new Thread(this::raftLoop, "mnemo-raft-" + config.name().name());
        applyThread.setDaemon(true);
        raftThread.setDaemon(true);
        applyThread.start();
        raftThread.start();
        started = true;
        LockSupport.unpark(raftThread); // for anything queued before
    }

    long selfId() {
        return selfId;
    }

    long leaderId() {
        return leaderId;
    }

    long term() {
        return term;
    }

    Role role() {
        return role;
    }

    ConfState confState() {
        return confState;
    }

    long appliedIndex() {
        return appliedIndex;
    }

    Directory directory() {
        return directory;
    }

    boolean isRunning() {
        return running && broken == null;
    }

    /** Whether a committed membership change removed this member from its cluster. */
    boolean isRemoved() {
        return removed;
    }

    Throwable broken() {
        return broken;
    }

    /** Drops all traffic with {@code peers} from now on, both ways, as a network partition would. */
    void cutOff(Set<String> peers) {
        cutOff = Set.copyOf(peers);
    }

    private boolean unreachable(String peer) {
        return cutOff.contains(peer);
    }

    // ---- submitting records ---------------------------------------------------------------------------------

    Pending newPending(byte[] record) {
        long seq = sequence.incrementAndGet();
        Pending p = new Pending(seq, Batch.encodeItem(selfId, seq, record));
        pending.put(seq, p);
        return p;
    }

    void forget(Pending p) {
        pending.remove(p.sequence);
    }

    /**
     * Hands {@code p} to whoever can append it: this member's Raft thread when it leads, else the leader over the
     * transport. Refusals come back through {@code p}.
     */
    void submit(Pending p) {
        long leader = leaderId;
        if (leader == 0) {
            p.refused(0, "no leader is known");
        } else if (leader == selfId) {
            queue(() -> proposals.add(p), callersTakeTurns);
        } else {
            String name = directory.name(leader);
            if (name == null) {
                p.refused(0, "the leader's address is not known yet");
                return;
            }
            if (unreachable(name)) {
                p.refused(0, "leader " + name + " is unreachable");
                return;
            }
            if (!p.forwarding()) {
                return; // its caller gave up on it (or it is settled): it must not reach the log now
            }
            transport.forward(name, p.item()).whenComplete((verdict, error) -> {
                if (error != null) {
                    if (PeerFailures.tooLarge(error)) {
                        p.failed(new MnemoException("54000", "the transaction's commit record ("
                                + p.item().length + " bytes) is too large to send to the leader: split it into "
                                + "smaller transactions"));
                    } else if (PeerFailures.neverSent(error)) {
                        p.refused(0, "leader " + name + " is unreachable");
                    } else {
                        p.sentUnanswered();
                    }
                    return;
                }
                switch (verdict.getStatus()) {
                    case APPENDED -> watchAppended(p, verdict.getLogTerm(), verdict.getLogIndex());
                    case NOT_LEADER -> p.refused(verdict.getLeaderHint(), name + " is not the leader");
                    case FAILED -> p.failed(new MnemoException(verdict.getSqlState(), verdict.getMessage()));
                    default -> p.sentUnanswered();
                }
            });
        }
    }

    private void watchAppended(Pending p, long entryTerm, long entryIndex) {
        p.appended(entryTerm, entryIndex);
        appendedAt.computeIfAbsent(entryIndex, i -> new CopyOnWriteArrayList<>()).add(p);
        if (entryIndex <= installedThrough) {
            // A snapshot covering the entry was installed: whether the record made it in cannot be learnt.
            List<Pending> watched = appendedAt.remove(entryIndex);
            if (watched != null) {
                watched.forEach(Pending::sentUnanswered);
            }
            return;
        }
        // The entry may have been applied before this answer arrived: then it either completed p or replaced it.
        if (appliedIndex >= entryIndex) {
            checkAppended(entryIndex);
        }
    }

    private void checkAppended(long index) {
        List<Pending> watched = appendedAt.remove(index);
        if (watched != null) {
            for (Pending p : watched) {
                if (!p.isDone()) {
                    p.lost("the entry at index " + index + " was replaced by a new leader's");
                }
            }
        }
    }

    // ---- linearizable reads ---------------------------------------------------------------------------------

    /** A read-index request: answered once the leader confirmed its commit index and this member applied it. */
    private static final class ReadBarrier {
        long index = -1;
        boolean refused;

        synchronized void answer(long readIndex) {
            index = readIndex;
            notifyAll();
        }

        synchronized void refuse() {
            refused = true;
            notifyAll();
        }
    }

    /**
     * Waits until this member has applied everything the cluster had committed when the call began (Raft's
     * ReadIndex), so a read that follows sees every write acknowledged before it.
     *
     * @throws NoQuorumException if no leader confirmed a read index within {@code timeoutNanos}
     */
    void awaitLinearizable(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        long retryNanos = config.tick().toNanos() * config.electionTicks();
        while (true) {
            if (removed) {
                throw removedError("serves no linearizable reads");
            }
            byte[] context = ByteBuffer.allocate(16).putLong(selfId).putLong(readContexts.incrementAndGet()).array();
            ByteBuffer key = ByteBuffer.wrap(context);
            ReadBarrier barrier = new ReadBarrier();
            reads.put(key, barrier);
            queue(() -> {
                if (!node.readIndex(context).isAccepted()) {
                    barrier.refuse();
                }
            }, callersTakeTurns);
            long index;
            try {
                long attemptDeadline = Math.min(deadline, System.nanoTime() + retryNanos);
                index = awaitAnswer(barrier, attemptDeadline);
            } finally {
                reads.remove(key);
            }
            if (index >= 0) {
                awaitApplied(index, deadline);
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NoQuorumException("no leader confirmed a linearizable read point within "
                        + Durations.format(Duration.ofNanos(timeoutNanos)) + ": this member is cut off from the "
                        + "majority, or an election is under way");
            }
            pause(Math.min(config.tick().toNanos(), Math.max(0, deadline - System.nanoTime())));
        }
    }

    private static long awaitAnswer(ReadBarrier barrier, long deadline) {
        synchronized (barrier) {
            while (barrier.index < 0 && !barrier.refused) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                try {
                    barrier.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            return barrier.index;
        }
    }

    /** Waits until this member has applied {@code index}. */
    void awaitApplied(long index, long deadline) {
        synchronized (appliedMonitor) {
            while (appliedIndex < index) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !isRunning()) {
                    throw new NoQuorumException("this member has not applied log index " + index
                            + " in time (applied " + appliedIndex + ")");
                }
                try {
                    appliedMonitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NoQuorumException("interrupted while waiting for log index " + index);
                }
            }
        }
    }

    static void pause(long nanos) {
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- requests run on the Raft thread ----------------------------------------------------------------------

    /** Runs {@code task} in a Raft turn, on the Raft thread. */
    void run(Runnable task) {
        queue(task, false);
    }

    /**
     * Asks the core {@code query} in a Raft turn (the core is single-threaded) and returns its answer; empty when no
     * turn ran it within {@code timeoutNanos}, as on a member that failed. What the query throws, this throws.
     */
    <T> Optional<T> askCore(Function<RawNode, T> query, long timeoutNanos) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        run(() -> {
            try {
                answer.complete(query.apply(node));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e); // the asker's error, not the Raft thread's
            }
        });
        try {
            return Optional.of(answer.get(timeoutNanos, TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Queues {@code task} for the next Raft turn. With {@code takeTurn}, the calling thread runs the turn itself
     * when no other thread holds it; else (or when it is busy) the holder or the Raft thread runs it.
     */
    private void queue(Runnable task, boolean takeTurn) {
        tasks.add(task);
        if (takeTurn && !applyBacklogFull()) {
            drive(TURNS_PER_CALLER);
        } else {
            LockSupport.unpark(raftThread);
        }
    }

    /** Turns a caller runs at most before handing the rest to the Raft thread, so it gets back to its own work. */
    private static final int TURNS_PER_CALLER = 4;

    /**
     * Takes Raft turns while tasks are queued and the turn is free, then applies what they committed. A task
     * queued while another thread holds the turn is never stranded: the holder looks at the queue again after
     * releasing the turn (the queue's write comes before the failed attempt to take it, which comes before the
     * release).
     */
    private void drive(int turnsMax) {
        int turns = 0;
        while (started && running && !tasks.isEmpty()) {
            if (turns == turnsMax || (turns > 0 && applyBacklogFull())) {
                LockSupport.unpark(raftThread); // the Raft thread waits for the apply thread; callers do not
                return;
            }
            if (!raftTurn.compareAndSet(false, true)) {
                return;
            }
            try {
                if (running) {
                    turn();
                }
            } catch (Throwable t) {
                fail("Raft core", t);
                return;
            } finally {
                raftTurn.set(false);
            }
            turns++;
            apply(false);
        }
    }

    /** The Readies queued for applying now: package-private so that tests can check the backlog's bound. */
    int applyBacklog() {
        return applyQueue.size();
    }

    private boolean applyBacklogFull() {
        return applyQueue.size() >= APPLY_QUEUE_MAX;
    }

    /** One Raft turn: queued tasks (a bounded number), then proposals grouped into entries, then every Ready. */
    private void turn() {
        Runnable task;
        int ran = 0;
        while (ran < TASKS_PER_TURN && (task = tasks.poll()) != null) {
            runSafely(task);
            ran++;
        }
        proposeBatch();
        while (node.hasReady()) {
            handle(node.ready());
            // The commit index can also move inside advance (a removed voter): records gathering behind the last
            // entry go out now rather than at the next task or tick.
            proposeBatch();
        }
        if (!removed && node.isRemoved()) {
            noteRemoved();
        }
    }

    private void noteRemoved() {
        removed = true;
        LOG.error("{} (id {}) was removed from the cluster by a committed membership change: it no longer campaigns "
                + "and refuses writes. To rejoin, {}", selfName, selfId, rejoinAdvice());
    }

    private String rejoinAdvice() {
        return config.dataDir() == null ? "restart it, and it joins as a new member"
                : "stop it, empty its data directory " + config.dataDir() + " and start it again: it joins as a new "
                + "member, reloading the data from the others";
    }

    /** The error for what a removed member refuses to do ({@code refusal}, e.g. "takes no writes"). */
    MemberRemovedException removedError(String refusal) {
        return new MemberRemovedException(selfName + " was removed from the cluster and " + refusal + ". To rejoin, "
                + rejoinAdvice());
    }

    private static final int TASKS_PER_TURN = 10_000;

    /** Hands leadership to the most caught-up other voter; returns whether an attempt started. */
    boolean transferLeadership() {
        return askCore(core -> {
            if (role != Role.LEADER) {
                return false;
            }
            long best = 0;
            long bestMatch = -1;
            for (long id : core.confState().voters()) {
                long match = core.matchIndex(id);
                if (id != selfId && match > bestMatch) {
                    best = id;
                    bestMatch = match;
                }
            }
            return best != 0 && core.transferLeadership(best).isAccepted();
        }, config.writeTimeout().toNanos()).orElse(false);
    }

    // ---- the Raft thread --------------------------------------------------------------------------------------

    /** The Raft thread: ticks the clock, and takes the turn for work no other thread took. */
    private void raftLoop() {
        long tickNanos = config.tick().toNanos();
        long nextTick = System.nanoTime() + tickNanos;
        while (running) {
            long wait = nextTick - System.nanoTime();
            if (wait > 0) {
                // Woken early by work queued for this thread; work queued while another thread holds the turn is
                // that thread's to run.
                LockSupport.parkNanos(this, wait);
            }
            if (System.nanoTime() - nextTick >= 0) {
                tasks.add(this::tick);
                nextTick += tickNanos;
                if (System.nanoTime() - nextTick > 0) {
                    nextTick = System.nanoTime() + tickNanos; // fell behind: do not fire a burst of ticks
                }
            }
            while (running && applyBacklogFull()) {
                LockSupport.unpark(applyThread);
                LockSupport.parkNanos(this, 1_000_000);
            }
            drive(Integer.MAX_VALUE);
        }
    }

    private void tick() {
        node.tick();
        if (role == Role.LEADER) {
            promoteCaughtUpLearner();
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (IllegalArgumentException e) {
            // A message the core refused as malformed (wrong addressee, no term): drop it, keep the member up.
            LOG.warn("dropped a request the Raft core refused: {}", e.getMessage());
        }
    }

    private void proposeBatch() {
        if (proposals.isEmpty() || gathering()) {
            return;
        }
        List<Proposal> all = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) {
            if (!(p instanceof Pending own) || own.claim()) {
                all.add(p); // an own record whose caller gave up is dropped here, never proposed
            }
        }
        proposals.clear();
        if (role != Role.LEADER) {
            for (Proposal p : all) {
                p.refused(leaderId, "this member is no longer the leader");
            }
            return;
        }
        if (applyQueue.size() > APPLY_QUEUE_MAX / 2) {
            for (Proposal p : all) {
                p.refused(selfId, "the leader's apply backlog is full");
            }
            return;
        }
        int from = 0;
        while (from < all.size()) {
            long bytes = Batch.encodedBytes(0, 0);
            int to = from;
            while (to < all.size() && bytes + 4 + all.get(to).item().length <= entryBytesMax) {
                bytes += 4 + all.get(to).item().length;
                to++;
            }
            if (to == from) {
                all.get(from).failed(new MnemoException("54000", "the transaction's commit record ("
                        + all.get(from).item().length + " bytes) exceeds the largest log entry (" + entryBytesMax
                        + " bytes): split it into smaller transactions"));
                from++;
                continue;
            }
            List<Proposal> group = all.subList(from, to);
            List<byte[]> items = new ArrayList<>(group.size());
            for (Proposal p : group) {
                items.add(p.item());
            }
            Submission s = node.propose(Batch.encode(items));
            if (s instanceof Submission.Accepted a) {
                proposedThrough = a.index();
                proposedTerm = a.term();
            }
            for (Proposal p : group) {
                if (s instanceof Submission.Accepted a) {
                    if (p instanceof Pending own) {
                        watchAppended(own, a.term(), a.index());
                    } else {
                        p.appended(a.term(), a.index());
                    }
                } else if (s instanceof Submission.NotLeader nl) {
                    p.refused(nl.leaderHint(), "this member is not the leader");
                } else {
                    p.refused(0, "the leader is not taking writes right now: " + ((Submission.Dropped) s).reason());
                }
            }
            from = to;
        }
    }

    /**
     * Whether proposals should keep gathering instead of going out now: while this leader's last entry is still
     * uncommitted, records that arrive wait for its commit and then go out together, as one entry. A lone writer
     * never waits (nothing is in flight when it arrives); many writers share one round trip per entry instead of
     * paying one each, which is what bounds a cluster's write throughput. A full entry goes out at once.
     */
    private boolean gathering() {
        if (role != Role.LEADER || proposedTerm != term || proposedThrough <= node.commitIndex()) {
            return false;
        }
        long bytes = 0;
        for (Proposal p : proposals) {
            bytes += 4 + p.item().length;
            if (bytes >= entryBytesMax / 2) {
                return false;
            }
        }
        return true;
    }

    private void promoteCaughtUpLearner() {
        ConfState conf = node.confState();
        if (conf.voters().size() >= config.votersWanted() || conf.learners().isEmpty()) {
            return;
        }
        long commit = node.status().commit();
        for (long learner : conf.learners()) {
            String name = directory.name(learner);
            if (name != null && node.matchIndex(learner) >= commit) {
                Submission s = node.proposeConfChange(ConfChange.addVoter(learner, name));
                if (s.isAccepted()) {
                    LOG.info("promoting {} (id {}) to voter: it has caught up", name, learner);
                }
                return;
            }
        }
    }

    private void handle(Ready rd) {
        SoftState soft = rd.softState();
        if (soft.leaderId() != leaderId || soft.role() != role || rd.hardState().term() > term) {
            boolean leaderChanged = soft.leaderId() != leaderId;
            leaderId = soft.leaderId();
            role = soft.role();
            if (rd.hasHardState()) {
                term = rd.hardState().term();
            }
            if (leaderChanged) {
                String name = leaderId == 0 ? "" : directory.name(leaderId);
                LOG.info("leader is now {} (term {})", leaderId == 0 ? "unknown" : name, term);
                events.publish(new ClusterEvent.LeaderChanged(name == null ? "" : name, term));
            }
        } else if (rd.hasHardState()) {
            term = rd.hardState().term();
        }
        if (rd.hasSnapshot()) {
            directory.replaceWith(SnapshotPayload.members(rd.snapshot().data()));
            directory.put(selfId, selfName);
        }
        for (Entry e : rd.committedEntries()) {
            if (e.type() == EntryType.CONF_CHANGE) {
                ConfChange cc = ConfChange.decode(e.data());
                if (cc.type() != ConfChangeType.REMOVE_NODE) {
                    directory.put(cc.nodeId(), cc.member());
                }
            }
        }
        boolean early = soft.role() == Role.LEADER && appendsMayPrecedeWrite(rd, node.commitIndex());
        if (early) {
            send(rd, Sends.APPENDS);
        }
        if (rd.hasStorageWrites()) {
            store.save(rd.hardState(), rd.entries(), rd.snapshot());
            if (rd.mustSync()) {
                store.sync();
            }
        }
        send(rd, early ? Sends.OTHERS : Sends.ALL);
        for (ReadState rs : rd.readStates()) {
            ReadBarrier barrier = reads.get(ByteBuffer.wrap(rs.context()));
            if (barrier != null) {
                barrier.answer(rs.index());
            }
        }
        node.advance(rd);
        ConfState after = node.confState();
        if (after != confState && !after.equals(confState)) {
            ConfState before = confState;
            announceMembership(before, after);
            confState = after;
            for (long id : before.voters()) {
                forgetIfRemoved(id, after);
            }
            for (long id : before.learners()) {
                forgetIfRemoved(id, after);
            }
        }
        if (rd.hasSnapshot() || !rd.committedEntries().isEmpty()) {
            applyQueue.add(new ApplyTask(rd.hasSnapshot() ? stored(rd.snapshot()) : null, rd.committedEntries(),
                    after));
        }
    }

    /**
     * {@code saved} as the store holds it now: saving took its file over (and may have moved it), so the apply
     * thread must read the store's descriptor, not the one the transport delivered.
     */
    private Snapshot stored(Snapshot saved) {
        Snapshot current = store.snapshot();
        return current.index() == saved.index() ? current : saved;
    }

    /**
     * Whether a leader may send {@code rd}'s appends before it writes {@code rd}'s entries (Raft thesis, 10.2.1):
     * only while none of those entries is committed yet. With other voters that always holds, since their answers
     * are taken in a later turn, after this one synced; a lone voter, though, commits an entry the moment it is
     * proposed, and appends carrying that commit index must not reach learners before the entry is durable here.
     * Every other message waits for the write anyway: votes and acknowledgements promise what is on disk.
     */
    static boolean appendsMayPrecedeWrite(Ready rd, long commitIndex) {
        return rd.hasStorageWrites() && (rd.entries().isEmpty() || commitIndex < rd.entries().get(0).index());
    }

    /** Which of a Ready's messages one {@link #send} call sends. */
    private enum Sends {
        ALL, APPENDS, OTHERS;

        boolean includes(Message m) {
            boolean append = m.type() == MessageType.APPEND || m.type() == MessageType.HEARTBEAT;
            return this == ALL || (this == APPENDS) == append;
        }
    }

    private void send(Ready rd, Sends which) {
        List<Message> messages = rd.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (!which.includes(m) || repeatedLater(messages, i)) {
                continue;
            }
            String to = directory.name(m.to());
            if (to == null || unreachable(to)) {
                if (m.type() == MessageType.SNAPSHOT) {
                    long id = m.to();
                    tasks.add(() -> node.reportSnapshot(id, false));
                }
                continue;
            }
            transport.send(to, m);
        }
    }

    /**
     * Whether {@code messages[i]} is an append without entries (a leader telling a follower its new commit index)
     * that a later append in the same list repeats: to the same member, in the same term, from the same place in
     * the log, with a commit index at least as high. A leader whose commit index moves announces it at once, and
     * when records were gathering behind that commit it appends them in the same turn: sending both would cost
     * the follower two messages to read and the leader two answers, for what the second says alone. Not sending
     * the first is as if the network had lost it, which Raft allows; the second is accepted exactly when the first
     * would have been, since it starts at the same entry.
     */
    static boolean repeatedLater(List<Message> messages, int i) {
        Message m = messages.get(i);
        if (m.type() != MessageType.APPEND || !m.entries().isEmpty()) {
            return false;
        }
        for (int j = i + 1; j < messages.size(); j++) {
            Message later = messages.get(j);
            if (later.type() == MessageType.APPEND && later.to() == m.to() && later.term() == m.term()
                    && later.index() == m.index() && later.logTerm() == m.logTerm()
                    && later.commit() >= m.commit()) {
                return true;
            }
        }
        return false;
    }

    private void forgetIfRemoved(long id, ConfState after) {
        if (!after.isMember(id) && id != selfId) {
            directory.remove(id);
        }
    }

    private void announceMembership(ConfState before, ConfState after) {
        for (long id : after.voters()) {
            if (!before.voters().contains(id)) {
                publishMembership(id, ClusterEvent.Change.PROMOTED_TO_VOTER);
            }
        }
        for (long id : after.learners()) {
            if (!before.learners().contains(id)) {
                publishMembership(id, ClusterEvent.Change.ADDED_LEARNER);
            }
        }
        for (long id : before.voters()) {
            if (!after.isMember(id)) {
                publishMembership(id, ClusterEvent.Change.REMOVED);
            }
        }
        for (long id : before.learners()) {
            if (!after.isMember(id)) {
                publishMembership(id, ClusterEvent.Change.REMOVED);
            }
        }
    }

    private void publishMembership(long id, ClusterEvent.Change change) {
        String name = directory.name(id);
        LOG.info("membership: {} (id {}) {}", name, id, change.toString().toLowerCase(Locale.ROOT));
        events.publish(new ClusterEvent.MembershipChanged(name == null ? "#" + id : name, change));
    }

    // ---- the apply thread -------------------------------------------------------------------------------------

    /** What one Ready gives the apply thread: a snapshot to install (or null), then entries, in log order. */
    private record ApplyTask(Snapshot snapshot, List<Entry> entries, ConfState confAfter) {
    }

    /** The apply thread: applies what no other thread could, installs and takes snapshots. */
    private void applyLoop() {
        long tickNanos = config.tick().toNanos();
        while (running) {
            LockSupport.parkNanos(this, tickNanos);
            apply(true);
        }
    }

    /**
     * Takes the apply turn while entries wait and it is free, and applies them in log order. On the apply thread
     * ({@code mayWait}) everything is applied and snapshots are taken when due; any other thread stops at a
     * snapshot to install, a batch the engine does not take at once, or a snapshot to take, and wakes the apply
     * thread for it.
     */
    private void apply(boolean mayWait) {
        boolean first = mayWait; // the apply thread also looks at an empty queue, for a snapshot that is due
        while (running && (first || !applyQueue.isEmpty())) {
            first = false;
            if (!applyTurn.compareAndSet(false, true)) {
                return;
            }
            boolean handOff = false;
            try {
                ApplyTask task;
                while (running && (task = applyQueue.peek()) != null) {
                    if (!applyTask(task, mayWait)) {
                        handOff = true;
                        break;
                    }
                    applyQueue.poll();
                }
                if (!handOff && appliedIndex - snapshotIndex >= config.snapshotEntries()) {
                    if (mayWait) {
                        takeSnapshot();
                    } else {
                        handOff = true;
                    }
                }
            } catch (Throwable t) {
                fail("apply", t);
                return;
            } finally {
                applyTurn.set(false);
            }
            if (handOff) {
                LockSupport.unpark(applyThread);
                return;
            }
        }
    }

    /**
     * Applies {@code task}'s snapshot and entries not applied yet; false if it stopped short (only when it may not
     * wait), leaving the rest for the apply thread. Entries at or below the applied index are skipped, so a task
     * taken up again resumes where it stopped.
     */
    private boolean applyTask(ApplyTask task, boolean mayWait) throws IOException {
        if (task.snapshot() != null && task.snapshot().index() > appliedIndex) {
            if (!mayWait) {
                return false;
            }
            install(task.snapshot());
        }
        for (Entry e : task.entries()) {
            if (e.index() <= appliedIndex || e.index() <= supersededThrough) {
                continue; // applied before, or covered by the snapshot just installed or by one still to come
            }
            if (e.type() == EntryType.NORMAL && e.data().length > 0 && !applyBatch(e, mayWait)) {
                return false;
            }
            setApplied(e.index());
            checkAppended(e.index());
        }
        appliedConf = task.confAfter();
        return true;
    }

    private void setApplied(long index) {
        synchronized (appliedMonitor) {
            appliedIndex = index;
            appliedMonitor.notifyAll();
        }
    }

    private void install(Snapshot snapshot) throws IOException {
        if (snapshot.index() <= appliedIndex) {
            return;
        }
        SnapshotPayload.Parsed parsed;
        try {
            parsed = SnapshotPayload.open(snapshot.data());
        } catch (NoSuchFileException superseded) {
            long newer = store.snapshot().index();
            if (newer > snapshot.index()) {
                // A newer snapshot replaced it before it could be installed; its own task follows. The entries
                // queued between the two belong on top of the snapshot that is gone: skip them, the newer covers them.
                supersededThrough = Math.max(supersededThrough, newer);
                return;
            }
            throw superseded;
        }
        try (parsed) {
            if (parsed.engineBytes() > 0) {
                db.loadSnapshot(parsed.engine());
            }
            // Reading to the end makes the stream check the file's checksum: a damaged file fails loudly.
            parsed.engine().transferTo(OutputStream.nullOutputStream());
        }
        LOG.info("installed a snapshot at log index {} ({} bytes)", snapshot.index(),
                SnapshotRef.sizeOf(snapshot.data()));
        installedThrough = snapshot.index();
        snapshotIndex = snapshot.index();
        appliedConf = snapshot.metadata().confState();
        for (Long index : List.copyOf(appendedAt.keySet())) {
            if (index <= snapshot.index()) {
                // Their fate is folded into the snapshot: the outcome cannot be learnt here any more.
                List<Pending> watched = appendedAt.remove(index);
                if (watched != null) {
                    for (Pending p : watched) {
                        p.sentUnanswered();
                    }
                }
            }
        }
        setApplied(snapshot.index());
    }

    /** Applies one entry's records; false, with nothing applied, if it may not wait and the engine is busy. */
    private boolean applyBatch(Entry e, boolean mayWait) {
        List<Batch.Item> items;
        try {
            items = Batch.decode(e.data());
        } catch (IllegalArgumentException bad) {
            // Every member sees the same bytes and skips them the same way; the leader checks before proposing.
            LOG.error("skipping log entry {}: {}", e.index(), bad.getMessage());
            return true;
        }
        List<CommitRecord> records = new ArrayList<>(items.size());
        List<Batch.Item> decoded = new ArrayList<>(items.size());
        List<Batch.Item> malformed = new ArrayList<>(0);
        for (Batch.Item item : items) {
            try {
                records.add(RecordCodec.decode(item.record()));
                decoded.add(item);
            } catch (RuntimeException bad) {
                malformed.add(item);
            }
        }
        Outcome[] outcomes = new Outcome[records.size()];
        if (mayWait) {
            machine.apply(records, outcomes);
        } else if (!machine.tryApply(records, outcomes)) {
            return false;
        }
        for (Batch.Item item : malformed) {
            LOG.error("skipped a malformed record in log entry {}", e.index());
            completeOwn(item, Outcome.failed(new MnemoException("XX001", "the commit record was malformed")));
        }
        for (int i = 0; i < outcomes.length; i++) {
            completeOwn(decoded.get(i), outcomes[i]);
        }
        return true;
    }

    private void completeOwn(Batch.Item item, Outcome outcome) {
        if (item.origin() == selfId) {
            Pending p = pending.get(item.sequence());
            if (p != null) {
                p.complete(outcome);
            }
        }
    }

    private void takeSnapshot() throws IOException {
        long index = appliedIndex;
        if (index <= store.snapshot().index()) {
            snapshotIndex = Math.max(snapshotIndex, index);
            return; // a newer snapshot from the leader was saved and is about to be installed
        }
        SnapshotRef written;
        try (SnapshotOutput out = store.newSnapshot(index)) { // closing it unfinished deletes the file
            SnapshotPayload.writeHeader(directory.snapshot(), out);
            db.snapshot(out);
            written = out.finish();
        }
        try {
            store.createSnapshot(index, appliedConf, written);
        } catch (RuntimeException e) {
            if (store.snapshot().index() < index) {
                throw e;
            }
            // A leader's newer snapshot was saved while this one was written, and took its file as stale.
            snapshotIndex = Math.max(snapshotIndex, index);
            return;
        }
        snapshotIndex = index;
        long compactTo = index - RETAIN_ENTRIES;
        if (compactTo > 0) {
            // A leader's snapshot saved since may have discarded these entries already: the store then does nothing.
            store.compact(compactTo);
        }
        LOG.info("snapshot at log index {} ({} bytes); log compacted up to {}", index, written.sizeBytes(),
                Math.max(compactTo, store.firstIndex() - 1));
    }

    // ---- the transport's callbacks -----------------------------------------------------------------------------

    @Override
    public void onRaftMessage(String peer, Message message) {
        if (!accept(peer, message)) {
            if (message.type() == MessageType.SNAPSHOT) {
                deleteSnapshotFile(message.snapshot());
            }
            return;
        }
        queue(() -> node.step(message), callersTakeTurns);
    }

    /**
     * A snapshot from a leader is written to a file of the log store's, which the store takes over once the
     * snapshot is saved; one the core refuses is deleted when the store next takes a snapshot at or above it.
     */
    @Override
    public SnapshotOutput snapshotOutput(long index) {
        return store.newSnapshot(index);
    }

    /** Whether {@code message} may go to the core. */
    private boolean accept(String peer, Message message) {
        if (unreachable(peer)) {
            return false;
        }
        if (message.to() != selfId) {
            LOG.debug("dropped a message for member {} from {}: this is member {}", message.to(), peer, selfId);
            return false;
        }
        if (message.type() == MessageType.SNAPSHOT) {
            try {
                SnapshotPayload.members(message.snapshot().data());
            } catch (IllegalArgumentException | UncheckedIOException bad) {
                LOG.warn("dropped a snapshot from {}: {}", peer, bad.getMessage());
                return false;
            }
        }
        String known = directory.name(message.from());
        if (known == null) {
            directory.put(message.from(), peer);
        } else if (!known.equals(peer)) {
            LOG.warn("dropped a message from {} claiming to come from member {} ({})", peer, message.from(), known);
            return false;
        }
        return true;
    }

    private static void deleteSnapshotFile(Snapshot dropped) {
        if (dropped.data().length == 0) {
            return;
        }
        try {
            Files.deleteIfExists(SnapshotRef.decode(dropped.data()).file());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("could not delete a dropped snapshot's file", e);
        }
    }

    @Override
    public void onForward(String peer, ForwardRequest request, Consumer<ForwardResponse> reply) {
        if (unreachable(peer)) {
            return;
        }
        Verdicts verdicts = new Verdicts(request.getRecordsCount(), reply);
        List<Forwarded> accepted = new ArrayList<>(request.getRecordsCount());
        for (int i = 0; i < request.getRecordsCount(); i++) {
            byte[] bytes = request.getRecords(i).toByteArray();
            Batch.Item item;
            try {
                item = Batch.decodeItem(bytes);
                RecordCodec.decode(item.record());
            } catch (RuntimeException bad) {
                verdicts.set(i, failedVerdict("XX001", "malformed commit record: " + bad.getMessage()));
                continue;
            }
            String origin = directory.name(item.origin());
            if (origin != null && !origin.equals(peer)) {
                verdicts.set(i, failedVerdict("28000", "a record from " + peer + " may not claim member "
                        + item.origin()));
                continue;
            }
            accepted.add(new Forwarded(bytes, verdicts, i));
        }
        if (!accepted.isEmpty()) {
            queue(() -> proposals.addAll(accepted), callersTakeTurns);
        }
    }

    private static ForwardVerdict failedVerdict(String sqlState, String message) {
        return ForwardVerdict.newBuilder().setStatus(ForwardVerdict.Status.FAILED).setSqlState(sqlState)
                .setMessage(message).build();
    }

    /**
     * The verdicts on one forward request's records, answered together once every record has one: the records of
     * a request are proposed in one turn, so they are appended (or refused) together.
     */
    private static final class Verdicts {
        private final ForwardVerdict[] verdicts;
        private final Consumer<ForwardResponse> reply;
        private int missing;

        Verdicts(int records, Consumer<ForwardResponse> reply) {
            this.verdicts = new ForwardVerdict[records];
            this.reply = reply;
            this.missing = records;
            if (records == 0) {
                reply.accept(ForwardResponse.getDefaultInstance());
            }
        }

        void set(int position, ForwardVerdict verdict) {
            synchronized (this) {
                if (verdicts[position] != null) {
                    return;
                }
                verdicts[position] = verdict;
                if (--missing > 0) {
                    return;
                }
            }
            reply.accept(ForwardResponse.newBuilder().addAllVerdicts(Arrays.asList(verdicts)).build());
        }
    }

    /** A follower's record on the leader: its fate goes back over the transport, with its request's others. */
    private final class Forwarded implements Proposal {
        private final byte[] item;
        private final Verdicts verdicts;
        private final int position;

        Forwarded(byte[] item, Verdicts verdicts, int position) {
            this.item = item;
            this.verdicts = verdicts;
            this.position = position;
        }

        @Override
        public byte[] item() {
            return item;
        }

        @Override
        public void appended(long entryTerm, long entryIndex) {
            verdicts.set(position, ForwardVerdict.newBuilder().setStatus(ForwardVerdict.Status.APPENDED)
                    .setLogIndex(entryIndex).setLogTerm(entryTerm).build());
        }

        @Override
        public void refused(long hint, String reason) {
            verdicts.set(position, ForwardVerdict.newBuilder().setStatus(ForwardVerdict.Status.NOT_LEADER)
                    .setLeaderHint(hint).setMessage(reason).build());
        }

        @Override
        public void failed(MnemoException error) {
            verdicts.set(position, failedVerdict(error.sqlState(), error.getMessage()));
        }
    }

    @Override
    public void onJoin(String peer, JoinRequest request, Consumer<JoinResponse> reply) {
        Member member = request.getMember();
        if (member.getId() <= 0 || !member.getName().equals(peer)) {
            reply.accept(JoinResponse.newBuilder().setStatus(JoinResponse.Status.REFUSED)
                    .setMessage("a join request must name the member that sends it, with a positive id").build());
            return;
        }
        queue(() -> handleJoin(member, request.getLeave(), reply), callersTakeTurns);
    }

    private void handleJoin(Member member, boolean leave, Consumer<JoinResponse> reply) {
        if (role != Role.LEADER) {
            // The leader checks that a request comes from the member it names, so the joiner asks it directly.
            reply.accept(joinAnswer(JoinResponse.Status.NOT_LEADER, leaderId == 0 ? "no leader is known yet"
                    : "ask the leader"));
            return;
        }
        ConfState conf = node.confState();
        long id = member.getId();
        String name = member.getName();
        if (leave) {
            if (!conf.isMember(id)) {
                reply.accept(joinAnswer(JoinResponse.Status.ACCEPTED, "not a member"));
                return;
            }
            if (id == selfId) {
                reply.accept(joinAnswer(JoinResponse.Status.BUSY, "the leader hands over leadership first"));
                return;
            }
            proposeMembership(ConfChange.removeNode(id), reply, name + " leaves");
            return;
        }
        if (conf.isMember(id)) {
            reply.accept(joinAnswer(JoinResponse.Status.ACCEPTED, "already a member"));
            return;
        }
        if (node.hasRemoved(id)) {
            reply.accept(joinAnswer(JoinResponse.Status.REFUSED, name + " (id " + id + ") was removed from the "
                    + "cluster and cannot return under the same id: restart it with an empty data directory"));
            return;
        }
        for (Map.Entry<Long, String> e : directory.snapshot().entrySet()) {
            if (e.getValue().equals(name) && e.getKey() != id && conf.isMember(e.getKey())) {
                LOG.info("{} rejoins under a new id {}: removing its previous incarnation {}", name, id, e.getKey());
                Submission s = node.proposeConfChange(ConfChange.removeNode(e.getKey()));
                reply.accept(joinAnswer(JoinResponse.Status.BUSY, s.isAccepted()
                        ? "removing the previous incarnation of " + name + " first"
                        : "a membership change is pending"));
                return;
            }
        }
        String holder = shortNameHolder(name, conf);
        if (holder != null) {
            // Names before '@' are how operators remove members and read status: two members may not share one.
            LOG.warn("refused the join of {} (id {}): member {} has its name", name, id, holder);
            reply.accept(joinAnswer(JoinResponse.Status.NAME_TAKEN, "the name " + shortName(name) + " is taken by "
                    + holder + ": give this member another name"));
            return;
        }
        directory.put(id, name);
        proposeMembership(ConfChange.addLearner(id, name), reply, name + " joins as a learner");
    }

    /** The full name of a member of {@code conf} whose name before '@' is {@code joining}'s, or null. */
    private String shortNameHolder(String joining, ConfState conf) {
        String wanted = shortName(joining);
        for (Map.Entry<Long, String> e : directory.snapshot().entrySet()) {
            if (conf.isMember(e.getKey()) && shortName(e.getValue()).equals(wanted)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String shortName(String fullName) {
        int at = fullName.indexOf('@');
        return at < 0 ? fullName : fullName.substring(0, at);
    }

    private void proposeMembership(ConfChange change, Consumer<JoinResponse> reply, String what) {
        Submission s = node.proposeConfChange(change);
        if (s.isAccepted()) {
            LOG.info("{} (id {})", what, change.nodeId());
            reply.accept(joinAnswer(JoinResponse.Status.ACCEPTED, what));
        } else if (s instanceof Submission.Dropped d && d.reason() != Submission.Reason.CONF_CHANGE_INVALID) {
            // A pending change, a transfer, a leader full of uncommitted entries: they pass, so the joiner retries.
            reply.accept(joinAnswer(JoinResponse.Status.BUSY, d.reason() == Submission.Reason.CONF_CHANGE_PENDING
                    ? "another membership change is pending" : "the leader is busy: " + d.reason()));
        } else if (s instanceof Submission.NotLeader) {
            reply.accept(joinAnswer(JoinResponse.Status.NOT_LEADER, "leadership moved"));
        } else {
            reply.accept(joinAnswer(JoinResponse.Status.REFUSED, "refused: " + s));
        }
    }

    private JoinResponse joinAnswer(JoinResponse.Status status, String message) {
        JoinResponse.Builder b = JoinResponse.newBuilder().setStatus(status).setMessage(message);
        for (Map.Entry<Long, String> e : directory.snapshot().entrySet()) {
            b.addMembers(Member.newBuilder().setId(e.getKey()).setName(e.getValue()));
        }
        String leader = leaderId == 0 ? null : directory.name(leaderId);
        if (leader != null) {
            b.setLeaderHint(leader);
        }
        return b.build();
    }

    @Override
    public void onPeerUp(String peer) {
        if (peer.startsWith(NodeName.ANY + "@")) {
            return; // a seed dialed by address: the member behind it shows up under its own name
        }
        events.publish(new ClusterEvent.NodeUp(peer));
    }

    @Override
    public void onPeerDown(String peer) {
        if (peer.startsWith(NodeName.ANY + "@")) {
            return;
        }
        // Called under the transport's locks: the Raft thread takes this one.
        directory.idOf(peer, confState).ifPresent(id -> run(() -> node.reportUnreachable(id)));
        events.publish(new ClusterEvent.NodeDown(peer));
    }

    @Override
    public void onSnapshotStatus(String peer, long snapshotIndex, boolean delivered) {
        directory.idOf(peer, confState).ifPresent(id -> run(() -> node.reportSnapshot(id, delivered)));
    }

    // ---- failure and shutdown -----------------------------------------------------------------------------------

    private void fail(String where, Throwable t) {
        broken = t;
        running = false;
        LOG.error("the {} failed; this member stops serving: {}", where, t.toString(), t);
        MemberStoppedException stopped = stoppedBy(t);
        for (Pending p : pending.values()) {
            p.failed(stopped != null ? stoppedUnder(stopped, p.mayCommit())
                    : p.mayCommit() ? new CommitUnknownException("this member failed (" + t + ") after the write "
                    + "left it; it may or may not be committed")
                    : new MnemoException("XX000", "this member failed: " + t));
        }
    }

    /**
     * The error that stopped the member, if one did (a disc write that failed, checks it cannot judge): the
     * environment's doing or its setup's, not a bug.
     */
    static MemberStoppedException stoppedBy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberStoppedException) {
                return (MemberStoppedException) c;
            }
        }
        return null;
    }

    /**
     * What a committer learns when an error stopped this member: that error, typed as the engine types it (a disc
     * write that failed 58030, checks not judged 55000), as a single member's committers learn it. A write that had
     * left the member may still be committed by the others, so the message says so.
     */
    private static MemberStoppedException stoppedUnder(MemberStoppedException stopped, boolean mayCommit) {
        return stopped.restated(stopped.getMessage() + "; this member stops serving" + (mayCommit
                ? ", and the write had left it: the other members may or may not commit it" : ""));
    }

    /** Stops both threads; entries not yet applied stay in the log for the next start. */
    void stop() {
        running = false;
        // Woken, not interrupted: an interrupt would close the log's file channel under a write.
        if (raftThread != null) {
            LockSupport.unpark(raftThread);
            join(raftThread);
        }
        if (applyThread != null) {
            LockSupport.unpark(applyThread);
            join(applyThread);
        }
        // A network or writer thread may still be in a turn: wait for it, and keep both turns so none starts again.
        awaitTurn(raftTurn);
        awaitTurn(applyTurn);
        applyQueue.clear();
        for (Pending p : pending.values()) {
            p.failed(p.mayCommit() ? new CommitUnknownException("the member shut down after the write left it; it may "
                    + "or may not be committed")
                    : new DatabaseClosedException("the member is shutting down"));
        }
    }

    private static void awaitTurn(AtomicBoolean turn) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!turn.compareAndSet(false, true) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(100_000);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

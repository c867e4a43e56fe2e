package dev.mnemo.engine.core;

import dev.mnemo.engine.ChangeEvent;
import dev.mnemo.engine.DatabaseClosedException;
import dev.mnemo.engine.ActionValidator;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TxFunction;
import dev.mnemo.engine.disc.DiscStore;
import dev.mnemo.engine.events.EventBus;
import dev.mnemo.engine.log.CommitLog;
import dev.mnemo.engine.snapshot.Snapshots;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.JvmAccess;
import dev.mnemo.engine.table.Reclaimer;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.table.TableLimits;
import dev.mnemo.engine.txn.Applier;
import dev.mnemo.engine.txn.ApplyListener;
import dev.mnemo.engine.txn.Change;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.ReadItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The database on one member, behind the public {@link dev.mnemo.engine.Mnemo} facade: the catalog, the
 * applier bound to a commit log, disc durability and change events. It listens to the applier to journal
 * disc changes, publish events and report what is durable.
 */
public final class Engine implements ApplyListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final MnemoConfig config;
    private final Reclaimer reclaimer;
    private final Catalog catalog;
    private final ReentrantReadWriteLock applyLock = new ReentrantReadWriteLock();
    private final DiscStore disc;
    private final EventBus events;
    private final CommitLog log;
    private final Applier applier;
    private final Object durableMonitor = new Object();
    /** Asynchronous read-only commits waiting for their reads to be durable; guarded by the durable monitor. */
    private final List<DurableWaiter> durableWaiters = new ArrayList<>();
    private boolean closing;
    private final List<ChangeEvent> batchEvents = new ArrayList<>();
    private volatile long durableVersion;

    public Engine(MnemoConfig config, CommitLog log) {
        JvmAccess.require();
        this.config = config;
        this.reclaimer = new Reclaimer(config.reclaimGrace().toMillis());
        this.catalog = new Catalog(new TableLimits(config.rowBytesMax(), config.keyBytesMax(), config.tableRowsMax()),
                reclaimer, config.dataDir() != null || config.discInCommitLog());
        this.events = new EventBus(config.subscriberQueueEventsMax());
        long version = 0;
        DiscStore store = null;
        try {
            store = config.dataDir() == null ? null
                    : new DiscStore(config.dataDir(), config.checkpointJournalBytes(), config.syncOnCommit());
            if (store != null) {
                version = store.recover(catalog);
            }
        } catch (IOException | RuntimeException e) {
            // A database that does not open leaves its directory free, to open once the cause is put right.
            closeAfterFailedOpen(store, e);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open data directory " + config.dataDir(), io);
            }
            throw (RuntimeException) e;
        }
        this.disc = store;
        this.durableVersion = version;
        this.applier = new Applier(catalog, applyLock, this, version);
        this.log = log;
        log.start(applier);
    }

    private void closeAfterFailedOpen(DiscStore store, Exception cause) {
        try {
            if (store != null) {
                store.close();
            }
            catalog.close();
            events.close();
            reclaimer.close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    public MnemoConfig config() {
        return config;
    }

    public Catalog catalog() {
        return catalog;
    }

    public CommitLog commitLog() {
        return log;
    }

    public EventBus events() {
        return events;
    }

    /** Sets what judges the child rows foreign key actions rewrite (see {@link ActionValidator}). */
    public void validateActions(ActionValidator validator) {
        applier.validateActions(validator);
    }

    /** The version of the last commit applied on this member. */
    public long version() {
        return applier.lastVersion();
    }

    // ---- validation for read-only transactions --------------------------------------------------------------

    /** Validates a read set against the current state, holding applies off while it checks. */
    public boolean readsStillValid(List<ReadItem> reads) {
        applyLock.readLock().lock();
        try {
            return applier.readsStillValid(reads);
        } finally {
            applyLock.readLock().unlock();
        }
    }

    /** Runs {@code body} with applies held off: every read inside sees one committed state. */
    public <T> T withAppliesHeld(Supplier<T> body) {
        applyLock.readLock().lock();
        try {
            return body.get();
        } finally {
            applyLock.readLock().unlock();
        }
    }

    /**
     * Whether this thread holds applies off (it runs inside {@link #withAppliesHeld}). Such a thread must not wait
     * for a commit of its own: the commit's apply would wait for this thread, which waits for it.
     */
    public boolean appliesHeldByCurrentThread() {
        return applyLock.getReadHoldCount() > 0;
    }

    /** Waits until everything up to {@code version} is durable (immediately for memory-only data). */
    public void awaitDurable(long version) {
        if (durableVersion >= version) {
            return;
        }
        synchronized (durableMonitor) {
            while (durableVersion < version) {
                try {
                    durableMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for durability", e);
                }
            }
        }
    }

    /**
     * Calls {@code then} with null once everything up to {@code version} is durable: at once on this thread if it
     * already is, else from the thread that makes it durable, so {@code then} must only hand work off; with a
     * {@link DatabaseClosedException} if the database closes first.
     */
    public void whenDurable(long version, Consumer<Throwable> then) {
        if (durableVersion < version) {
            synchronized (durableMonitor) {
                if (durableVersion < version && !closing) {
                    durableWaiters.add(new DurableWaiter(version, then));
                    return;
                }
                if (durableVersion < version) {
                    then.accept(new DatabaseClosedException("the database closed before the reads were durable"));
                    return;
                }
            }
        }
        then.accept(null);
    }

    private record DurableWaiter(long version, Consumer<Throwable> then) {
    }

    /** Hands on the waiters whose version is now durable; called holding the durable monitor. */
    private void releaseDurableWaiters() {
        if (durableWaiters.isEmpty()) {
            return;
        }
        for (Iterator<DurableWaiter> it = durableWaiters.iterator(); it.hasNext(); ) {
            DurableWaiter w = it.next();
            if (w.version() <= durableVersion) {
                it.remove();
                try {
                    w.then().accept(null);
                } catch (RuntimeException | Error e) {
                    // A waiter only hands work off; should that fail, the apply that made the version durable must not.
                    LOG.error("a caller waiting for version {} to be durable could not be answered", w.version(), e);
                }
            }
        }
    }

    /**
     * Runs {@code writes} and submits what it wrote without a read set (dirty writes); throws its error. Only a column
     * type change ordered between the encoding of the rows and their write makes such a record conflict: the rows are
     * then encoded again, under the new types.
     */
    public void dirtyWrites(TxFunction<Void> writes) {
        while (true) {
            Txn tx = new Txn(this);
            writes.apply(tx);
            Outcome o = tx.submitBlind();
            if (o.status() == Outcome.Status.FAILED) {
                throw o.error();
            }
            if (o.status() == Outcome.Status.COMMITTED) {
                return;
            }
        }
    }

    // ---- ApplyListener ----------------------------------------------------------------------------------------

    @Override
    public void rowsChanged(long version, List<Change> changes) {
        if (disc != null) {
            disc.rowsChanged(version, changes);
        }
        addEvents(version, changes);
    }

    private void addEvents(long version, List<Change> changes) {
        if (events.hasSubscribers()) {
            for (Change c : changes) {
                addEvents(version, c);
            }
        }
    }

    private void addEvents(long version, Change c) {
        Table t = c.table();
        String name = t.schema().name();
        List<Object[]> before = c.before() == null ? List.of() : t.decodeStored(c.before());
        List<Object[]> after = c.after() == null ? List.of() : t.decodeStored(c.after());
        if (t.schema().kind() != TableKind.BAG && !before.isEmpty() && !after.isEmpty()) {
            batchEvents.add(new ChangeEvent(name, ChangeEvent.Type.UPDATE, t.toRow(before.get(0)),
                    t.toRow(after.get(0)), version));
            return;
        }
        for (Object[] old : before) {
            if (after.stream().noneMatch(n -> Arrays.deepEquals(n, old))) {
                batchEvents.add(new ChangeEvent(name, ChangeEvent.Type.DELETE, t.toRow(old), null, version));
            }
        }
        for (Object[] neu : after) {
            if (before.stream().noneMatch(o -> Arrays.deepEquals(o, neu))) {
                batchEvents.add(new ChangeEvent(name, ChangeEvent.Type.INSERT, null, t.toRow(neu), version));
            }
        }
    }

    @Override
    public void schemaChanged(long version, DdlOp op, Table table, List<Table> alsoChanged, List<Change> changes) {
        if (disc == null || table == null) {
            if (!changes.isEmpty()) {
                rowsChanged(version, changes); // no schema entry to carry them
            }
            return;
        }
        boolean dropped = op.dropsTable();
        disc.schemaChanged(version, dropped ? null : table, table.tableId(), alsoChanged, catalog.lastTableId(),
                changes);
        addEvents(version, changes);
    }

    @Override
    public void batchApplied(long lastVersion) {
        long durable = lastVersion;
        if (disc != null) {
            // Applies are held off, as a snapshot being loaded holds them, so that its checkpoint neither closes the
            // journal under this flush nor replaces the tables this checkpoint writes; and the version is read
            // again under the lock, as a load may have replaced the one this batch reached.
            applyLock.readLock().lock();
            try {
                durable = applier.lastVersion();
                disc.flush();
                if (disc.checkpointDue()) {
                    disc.checkpoint(catalog, durable);
                }
            } finally {
                applyLock.readLock().unlock();
            }
        }
        synchronized (durableMonitor) {
            durableVersion = durable;
            durableMonitor.notifyAll();
            releaseDurableWaiters();
        }
        if (!batchEvents.isEmpty()) {
            events.publish(new ArrayList<>(batchEvents));
            batchEvents.clear();
        }
    }

    // ---- snapshots ----------------------------------------------------------------------------------------------

    /** Writes every table (schema and rows) at one commit version; holds applies off meanwhile. Returns it. */
    public long snapshot(OutputStream out) throws IOException {
        applyLock.readLock().lock();
        try {
            long version = applier.lastVersion();
            Snapshots.write(catalog, version, Snapshots.Rows.ALL, out);
            return version;
        } finally {
            applyLock.readLock().unlock();
        }
    }

    /**
     * Replaces every table with a snapshot's contents, at the snapshot's version. Holds applies off; the
     * snapshot is checked whole before anything is replaced, so a damaged one changes nothing.
     */
    public long loadSnapshot(InputStream in) throws IOException {
        Catalog staged = new Catalog(new TableLimits(config.rowBytesMax(), config.keyBytesMax(), config.tableRowsMax()),
                reclaimer, config.dataDir() != null || config.discInCommitLog());
        Snapshots.Header header;
        try {
            header = Snapshots.read(in, staged);
        } catch (IOException | RuntimeException e) {
            staged.close();
            throw e;
        }
        applyLock.writeLock().lock();
        try {
            catalog.replaceWith(staged);
            applier.resetVersion(header.version());
            if (disc != null) {
                disc.checkpoint(catalog, header.version());
            }
            synchronized (durableMonitor) {
                durableVersion = header.version();
                releaseDurableWaiters();
            }
            return header.version();
        } finally {
            applyLock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        log.close();
        synchronized (durableMonitor) {
            closing = true;
            for (DurableWaiter w : durableWaiters) {
                w.then().accept(new DatabaseClosedException("the database closed before the reads were durable"));
            }
            durableWaiters.clear();
        }
        events.close();
        applyLock.writeLock().lock();
        try {
            if (disc != null) {
                disc.close();
            }
            catalog.close();
        } finally {
            applyLock.writeLock().unlock();
        }
        reclaimer.close();
    }
}

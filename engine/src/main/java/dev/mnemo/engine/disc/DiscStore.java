package dev.mnemo.engine.disc;

import dev.mnemo.engine.DiscWriteFailedException;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;
import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.codec.SchemaCodec;
import dev.mnemo.engine.snapshot.Snapshots;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.txn.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durability for disc tables: a journal of the after-images of every committed change to a disc table (and of
 * every schema change), synced per batch, plus periodic snapshots that let the journal restart empty.
 * Recovery loads the newest whole snapshot and replays the journal after it; a torn tail is cut off.
 *
 * <p>Files are numbered ({@code snapshot-<n>.snap}, {@code journal-<n>.log}, 20 digits): each checkpoint takes a
 * number above every file's, so the newest snapshot is the one with the highest number, whatever its version (a
 * loaded snapshot may be older than the state it replaces), and only journals numbered at least as high as it hold
 * writes made after it. Files numbered below it are what it replaced: a crash may leave them behind, and recovery
 * ignores them.
 *
 * <p>A write or sync that fails, of a file or of the directory, fails the operation (the batch is not acknowledged)
 * and leaves the store failed: what reached the disk is unknown, and a later sync that succeeds does not bring back
 * what a failed one lost, so every later write is refused until the database is reopened and recovers.
 */
public final class DiscStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscStore.class);
    private static final Pattern JOURNAL = Pattern.compile("journal-(\\d{20})\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.snap");
    private static final int ROWS = 1;
    private static final int SCHEMA = 2;
    /**
     * A schema change followed by the rows its step wrote to other tables. A type of its own, not a section that a
     * schema entry may end with, so that a build that predates it refuses the journal rather than drop the rows.
     */
    private static final int SCHEMA_WITH_ROWS = 3;
    private static final int SCHEMA_UPSERT = 1;
    private static final int SCHEMA_DROP = 2;
    /** Several schema changes of one step (a drop with CASCADE and the children it changes): a count, then each. */
    private static final int SCHEMA_SEVERAL = 3;

    private final Path dir;
    private final long checkpointJournalBytes;
    private final boolean sync;
    private final DiscSync syncs;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ByteSink entry = new ByteSink(4096);
    private Journal journal;
    /** The I/O error after which what is on disk is unknown; from then on the store refuses every write. */
    private IOException failure;

    public DiscStore(Path dir, long checkpointJournalBytes, boolean sync) throws IOException {
        this(dir, checkpointJournalBytes, sync, DiscSync.DEVICE);
    }

    /** A store whose syncs go through {@code syncs} (tests fail or record them). */
    DiscStore(Path dir, long checkpointJournalBytes, boolean sync, DiscSync syncs) throws IOException {
        this.dir = dir;
        this.checkpointJournalBytes = checkpointJournalBytes;
        this.sync = sync;
        this.syncs = syncs;
        DurableDirectories.create(dir, syncs::directory);
        this.lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("data directory " + dir + " is in use by another Mnemo process");
        }
    }

    /** Rebuilds the catalog from the newest snapshot and the journal after it; returns the last version. */
    public long recover(Catalog catalog) throws IOException {
        long version = 0;
        long base = 0;
        Path snap = newest(SNAPSHOT);
        if (snap != null) {
            base = number(snap, SNAPSHOT);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(snap), 1 << 16)) {
                version = Snapshots.read(in, catalog, "snapshot " + snap).version();
            }
        }
        long[] last = {version};
        long floor = version;
        Path live = null;
        for (Path j : sorted(JOURNAL)) {
            if (number(j, JOURNAL) < base) {
                continue; // written before the snapshot, which replaced it
            }
            Journal.replay(j, payload -> last[0] = Math.max(last[0], replayEntry(payload, catalog, floor)),
                    syncs);
            live = j;
        }
        if (live == null) {
            live = journalPath(Math.max(base, 1));
            journal = Journal.open(live, syncs);
            syncDirectory(); // the new journal's name is durable before any write in it is acknowledged
        } else {
            journal = Journal.open(live, syncs);
        }
        LOG.info("recovered {} tables at version {} from {}", catalog.tables().size(), last[0], dir);
        return last[0];
    }

    private Path journalPath(long number) {
        return dir.resolve(String.format("journal-%020d.log", number));
    }

    private static long number(Path file, Pattern pattern) {
        Matcher m = pattern.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a " + pattern + " file: " + file);
        }
        return Long.parseLong(m.group(1));
    }

    private static long replayEntry(byte[] payload, Catalog catalog, long floor) {
        Bytes.Reader r = new Bytes.Reader(payload);
        int type = r.get();
        long version = r.getVarint();
        if (version <= floor) {
            return version;
        }
        if (type == ROWS) {
            replayRows(r, catalog, version);
        } else if (type == SCHEMA) {
            replaySchema(r, catalog, version);
        } else if (type == SCHEMA_WITH_ROWS) {
            replaySchema(r, catalog, version);
            replayRows(r, catalog, version);
        } else {
            throw new CorruptDataException("unknown journal entry type " + type);
        }
        int rest = payload.length - r.position();
        if (rest > 0) {
            // Whatever the extra bytes were meant to say, this build would drop it: refuse rather than guess.
            throw new CorruptDataException("the type " + type + " entry of version " + version + " has " + rest
                    + (rest == 1 ? " byte" : " bytes") + " after what it holds");
        }
        return version;
    }

    private static void replayRows(Bytes.Reader r, Catalog catalog, long version) {
        int n = (int) r.getVarint();
        for (int i = 0; i < n; i++) {
            long tableId = r.getVarint();
            byte[] logged = r.getBlob();
            byte[] value = r.get() == 1 ? r.getBlob() : null;
            Table t = catalog.byId(tableId);
            if (t == null) {
                throw new CorruptDataException("journal writes to table " + tableId + " that does not exist");
            }
            // Keys of data format 10 and older encoded again; not by the journal's header: a build goes on writing in
            // the journal an older one began, and encoding again leaves its own keys as they are.
            byte[] key = t.upgradeKey(logged);
            t.change(key, t.stored(key), value, version);
            t.setModVersion(version);
        }
    }

    private static void replaySchema(Bytes.Reader r, Catalog catalog, long version) {
        long lastTableId = r.getVarint();
        int kind = r.get();
        if (kind == SCHEMA_SEVERAL) {
            for (int n = (int) r.getVarint(); n > 0; n--) {
                replaySchemaChange(r, r.get(), catalog, version);
            }
        } else {
            replaySchemaChange(r, kind, catalog, version);
        }
        catalog.setLastTableId(lastTableId);
    }

    private static void replaySchemaChange(Bytes.Reader r, int kind, Catalog catalog, long version) {
        if (kind == SCHEMA_DROP) {
            catalog.dropById(r.getVarint());
            return;
        }
        if (kind != SCHEMA_UPSERT) {
            throw new CorruptDataException("unknown journal schema change kind " + kind);
        }
        TableSchema s = SchemaCodec.decodeSchema(r);
        Table t = catalog.byId(s.tableId());
        if (t == null) {
            catalog.restore(List.of(s)).setModVersion(version);
        } else if (s.version() > t.schema().version()) {
            catalog.alter(t, s, version);
        }
    }

    /** Journals the after-images of the changes to disc tables made at {@code version}. */
    public void rowsChanged(long version, List<Change> changes) {
        checkWritable();
        entry.reset();
        entry.put(ROWS).putVarint(version);
        int n = discRows(changes);
        if (n > 0) {
            putRows(changes, n);
            journal.append(entry.array(), entry.size());
        }
    }

    private static int discRows(List<Change> changes) {
        int n = 0;
        for (Change c : changes) {
            if (c.table().schema().storage() == Storage.DISC) {
                n++;
            }
        }
        return n;
    }

    /** Puts the count {@code n} and the after-images of the changes to disc tables, of which there are n. */
    private void putRows(List<Change> changes, int n) {
        entry.putVarint(n);
        for (Change c : changes) {
            if (c.table().schema().storage() != Storage.DISC) {
                continue;
            }
            entry.putVarint(c.table().tableId()).putBlob(c.key());
            if (c.after() == null) {
                entry.put(0);
            } else {
                entry.put(1).putBlob(c.after());
            }
        }
    }

    /**
     * Journals a schema change (every table's schema is durable; only disc tables' rows are): {@code table}'s new
     * schema, or the drop of table {@code droppedTableId} ({@code table} null), with the new schemas of the tables
     * {@code alsoChanged} and the after-images of the disc rows {@code changes} wrote in the same step, all in one
     * entry so that a crash keeps the step whole or not at all. Journals written before such entries existed hold
     * those rows in a rows entry of the same version after the schema entry, and replay as they always did.
     */
    public void schemaChanged(long version, Table table, long droppedTableId, List<Table> alsoChanged,
                              long lastTableId, List<Change> changes) {
        checkWritable();
        entry.reset();
        int rows = discRows(changes);
        entry.put(rows == 0 ? SCHEMA : SCHEMA_WITH_ROWS).putVarint(version).putVarint(lastTableId);
        if (!alsoChanged.isEmpty()) {
            entry.put(SCHEMA_SEVERAL).putVarint(alsoChanged.size() + 1);
            for (Table t : alsoChanged) {
                putSchemaChange(t, t.tableId());
            }
        }
        putSchemaChange(table, droppedTableId);
        if (rows > 0) {
            putRows(changes, rows);
        }
        journal.append(entry.array(), entry.size());
    }

    private void putSchemaChange(Table table, long droppedTableId) {
        if (table == null) {
            entry.put(SCHEMA_DROP).putVarint(droppedTableId);
        } else {
            entry.put(SCHEMA_UPSERT);
            SchemaCodec.encodeSchema(table.schema(), entry);
        }
    }

    /**
     * Writes what the batch journaled and syncs it (if configured); true if anything was written.
     *
     * @throws DiscWriteFailedException if the write or the sync failed: the batch is not durable, and the store takes
     *     no more writes
     * @throws IllegalStateException if the store failed earlier
     */
    public boolean flush() {
        checkWritable();
        if (!journal.hasPending()) {
            return false;
        }
        try {
            journal.flush(sync);
        } catch (IOException e) {
            throw fail("writing or syncing journal " + journal.path(), e);
        }
        return true;
    }

    public boolean checkpointDue() {
        return journal.bytes() >= checkpointJournalBytes;
    }

    /**
     * Writes a snapshot of the schema and disc rows at {@code version}, then starts a new journal and deletes
     * what the snapshot replaces. The caller guarantees no writes are applied meanwhile.
     */
    public void checkpoint(Catalog catalog, long version) {
        checkWritable();
        try {
            // Above every file's number: from its rename on, recovery starts from this snapshot and ignores the
            // files it replaces, even those a loaded snapshot's lower version would otherwise put after it.
            long number = highestNumber() + 1;
            Path tmp = dir.resolve("snapshot.tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                Snapshots.write(catalog, version, Snapshots.Rows.DISC_ONLY, out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                syncs.file(ch, true);
            }
            Path snap = dir.resolve(String.format("snapshot-%020d.snap", number));
            Files.move(tmp, snap, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            Path next = journalPath(number);
            journal.close();
            journal = Journal.open(next, syncs);
            deleteBelow(number);
            syncDirectory(); // the new journal's name is durable before any write in it is acknowledged
            LOG.info("checkpoint at version {} written to {}", version, snap.getFileName());
        } catch (IOException e) {
            throw fail("writing a checkpoint at version " + version, e);
        }
    }

    private long highestNumber() throws IOException {
        long highest = 0;
        for (Pattern pattern : List.of(SNAPSHOT, JOURNAL)) {
            for (Path p : sorted(pattern)) {
                highest = Math.max(highest, number(p, pattern));
            }
        }
        return highest;
    }

    private void deleteBelow(long number) throws IOException {
        for (Pattern pattern : List.of(SNAPSHOT, JOURNAL)) {
            for (Path p : sorted(pattern)) {
                if (number(p, pattern) < number) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Makes the names created, renamed or deleted in the directory durable; a failure is the caller's failure. */
    private void syncDirectory() throws IOException {
        try {
            syncs.directory(dir);
        } catch (IOException e) {
            throw new IOException("cannot sync directory " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    private void checkWritable() {
        if (failure != null) {
            throw new IllegalStateException("the disc store in " + dir + " failed earlier and takes no more writes;"
                    + " reopen the database to recover what is on disk", failure);
        }
    }

    /**
     * Leaves the store failed: after a failed write or sync, what is on disk is unknown, and retrying hides it. The
     * error names what was written (the file, or the checkpoint) and the reason, since it reaches the committer.
     */
    private DiscWriteFailedException fail(String what, IOException e) {
        failure = e;
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        return new DiscWriteFailedException("the disc write failed: " + what + ": " + reason + "; it is not durable,"
                + " and the disc store in " + dir + " takes no more writes (reopen the database to recover what is on"
                + " disk)", e);
    }

    private Path newest(Pattern pattern) throws IOException {
        List<Path> all = sorted(pattern);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private List<Path> sorted(Pattern pattern) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void close() {
        try {
            if (journal != null && failure == null) {
                journal.flush(sync);
            }
        } catch (IOException e) {
            throw fail("writing or syncing journal " + journal.path() + " at close", e);
        } finally {
            closeFiles();
        }
    }

    private void closeFiles() {
        try {
            if (journal != null) {
                journal.close();
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the disc store in " + dir, e);
        }
    }
}

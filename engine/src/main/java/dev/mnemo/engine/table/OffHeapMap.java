package dev.mnemo.engine.table;

import dev.mnemo.engine.TableFullException;
import net.openhft.chronicle.hash.serialization.impl.ByteArrayDataAccess;
import net.openhft.chronicle.hash.serialization.impl.ByteArraySizedReader;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.MapSegmentContext;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

/**
 * A byte[]-to-byte[] Chronicle Map that grows by itself. Chronicle Map fixes its capacity when it is made;
 * this wrapper replaces the map with a larger one (copying every entry) when it fills, so users never guess
 * entry counts. Only the applier thread writes; readers never lock. A replaced map is closed only after a
 * grace period, so readers still inside it finish safely.
 */
public final class OffHeapMap implements AutoCloseable {
    static final int ENTRIES_INITIAL = 1024;
    private static final double FILL_MAX = 0.75;
    /** Layouts tried for a rewritten copy, each for larger values, before the rewrite fails as a full table. */
    private static final int REWRITE_ATTEMPTS_MAX = 4;

    private final String name;
    private final long entriesMax;
    private final Reclaimer reclaimer;
    private volatile ChronicleMap<byte[], byte[]> map;
    private long capacity;
    private double averageKeyBytes;
    private double averageValueBytes;
    private long keyBytesTotal;
    private long valueBytesTotal;
    /** Entries held; kept here because Chronicle Map counts by visiting every segment. */
    private volatile long entries;
    /** Set once this map is closed (its table dropped or the database closed): walks of it are then stale. */
    private volatile boolean closed;

    /**
     * @param entriesMax the most entries this map may ever hold; one more fails with {@link TableFullException}
     */
    public OffHeapMap(String name, int keyBytesGuess, int valueBytesGuess, long entriesMax, Reclaimer reclaimer) {
        this.name = name;
        this.entriesMax = entriesMax;
        this.reclaimer = reclaimer;
        this.averageKeyBytes = Math.max(4, keyBytesGuess);
        this.averageValueBytes = Math.max(4, valueBytesGuess);
        this.capacity = Math.min(ENTRIES_INITIAL, Math.max(16, entriesMax));
        this.map = build(capacity, averageKeyBytes, averageValueBytes);
    }

    private ChronicleMap<byte[], byte[]> build(long entries, double keyBytes, double valueBytes) {
        try {
            return ChronicleMap.of(byte[].class, byte[].class)
                    .name(name)
                    .entries(entries)
                    .averageKeySize(keyBytes)
                    .averageValueSize(valueBytes)
                    .maxBloatFactor(2.0)
                    .putReturnsNull(true) // put's callers already hold the old value; don't copy it out again
                    .keyReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new KeyAccess())
                    .valueReaderAndDataAccess(new ValueReader(), new ByteArrayDataAccess())
                    .create();
        } catch (OutOfMemoryError | RuntimeException e) {
            throw new TableFullException("table " + name + " cannot grow to " + entries + " entries: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public byte[] get(byte[] key) {
        return map.get(key);
    }

    /**
     * Copies the value under the key encoded in {@code scratch} into its value buffer; returns the value's length,
     * or -1 when the key is absent. Neither the key nor the value is copied to a new array.
     *
     * <p>Why a reader never sees a torn value: Chronicle's get runs {@link ValueReader} while it holds the entry's
     * segment read lock, and the applier's put and remove (Chronicle's own) hold that segment's write lock while
     * they rewrite or move an entry, so the bytes copied are one whole value that some apply wrote. The lock is
     * released before the row is decoded, from the copy, so decoding never holds up the applier. A map being
     * replaced by a larger one stays open for the reclaimer's grace period, as for {@link #get}.
     */
    int read(ReadScratch scratch) {
        return read(scratch.exactKey(), scratch);
    }

    /** As {@link #read(ReadScratch)}, for a key already encoded in an array of its exact length. */
    int read(byte[] key, ReadScratch scratch) {
        byte[] found = map.getUsing(key, ValueReader.INTO_SCRATCH);
        if (found == null) {
            return -1;
        }
        if (found != scratch.value()) {
            throw new IllegalStateException("table " + name + ": a get into the read buffer returned another array");
        }
        return scratch.valueLength();
    }

    public boolean containsKey(byte[] key) {
        return map.containsKey(key);
    }

    public long size() {
        return entries;
    }

    /**
     * Stores an entry whose current value the caller already read ({@code old}, null if absent); grows the map
     * first when it is nearly full. Applier thread only.
     */
    public void put(byte[] key, byte[] value, byte[] old) {
        ChronicleMap<byte[], byte[]> m = map;
        if (old == null) {
            reserveOne(key, value);
            m = map;
        }
        try {
            m.put(key, value);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The entry did not fit the map's layout (a value far above the average): rebuild around it.
            averageValueBytes = Math.max(averageValueBytes, value.length);
            averageKeyBytes = Math.max(averageKeyBytes, key.length);
            regrow(capacity);
            map.put(key, value);
        }
        account(key, old, value, +1);
        if (old == null) {
            entries++;
        }
    }

    /** Removes an entry, returning its value or null. Applier thread only. */
    public byte[] remove(byte[] key) {
        byte[] old = map.remove(key);
        if (old != null) {
            account(key, old, null, -1);
            entries--;
        }
        return old;
    }

    private void account(byte[] key, byte[] oldValue, byte[] newValue, int sign) {
        if (oldValue == null || newValue == null) {
            keyBytesTotal += sign * (long) key.length;
        }
        valueBytesTotal += (newValue == null ? 0 : newValue.length) - (oldValue == null ? 0 : oldValue.length);
    }

    private void reserveOne(byte[] key, byte[] value) {
        if (entries == 0) {
            averageKeyBytes = Math.max(averageKeyBytes, key.length);
            averageValueBytes = Math.max(averageValueBytes, value.length);
        }
        // Room only, no limit check: reserve() checked a record's net growth before it was applied, and within
        // the record a new key may be put before the key it replaces is removed.
        makeRoom(entries, 1);
    }

    /**
     * Makes room for {@code more} new entries, growing the map now if they would fill it, so that the puts
     * that follow cannot fail half-way; throws {@link TableFullException} past {@code entriesMax}.
     */
    public void reserve(int more) {
        long size = entries;
        if (size + more > entriesMax) {
            throw new TableFullException("table " + name + " is full: it may hold at most " + entriesMax
                    + " keys (tableRowsMax)");
        }
        makeRoom(size, more);
    }

    private void makeRoom(long size, int more) {
        if (size + more > capacity * FILL_MAX) {
            if (size > 0) {
                averageKeyBytes = Math.max(4, (double) keyBytesTotal / size);
                averageValueBytes = Math.max(4, (double) valueBytesTotal / size);
            }
            long target = grownCapacity(capacity, size + more);
            // Capped at the table's limit: once there, the map stays (Chronicle's bloat factor absorbs the
            // last quarter) instead of being copied again for every new key.
            long capped = Math.min(Math.max(entriesMax, 16), target);
            if (capped > capacity) {
                regrow(capped);
            }
        }
    }

    /**
     * The capacity a map of capacity {@code from} grows to so that {@code entries} keep it at most 75% full: four
     * times larger per step, twice past a million entries, where quadrupling would reserve too much memory at once.
     */
    public static long grownCapacity(long from, long entries) {
        long target = from;
        while (entries > target * FILL_MAX) {
            target = target < (1 << 20) ? target * 4 : target * 2;
        }
        return target;
    }

    /** The capacity a new map has grown to once it holds {@code entries} entries (see {@link #grownCapacity}). */
    public static long capacityHolding(long entries) {
        return grownCapacity(ENTRIES_INITIAL, entries);
    }

    private void regrow(long newCapacity) {
        ChronicleMap<byte[], byte[]> old = map;
        ChronicleMap<byte[], byte[]> bigger = build(Math.max(newCapacity, 16), averageKeyBytes * 1.2,
                averageValueBytes * 1.2);
        try {
            old.forEachEntry(e -> bigger.put(e.key().get(), e.value().get()));
        } catch (RuntimeException e) {
            bigger.close();
            throw new TableFullException("table " + name + " cannot grow to " + newCapacity + " entries: "
                    + e.getMessage());
        }
        capacity = Math.max(newCapacity, 16);
        map = bigger;
        reclaimer.retire(old);
    }

    /**
     * A copy of this map with every value replaced by {@code rewrite(key, value)}, built entry by entry off the
     * heap, for {@link #install}; {@code valueBytesTotal} is what the new values add up to (it sizes the copy).
     * Nothing changes here: a copy that cannot be built fails with {@link TableFullException} and is dropped.
     */
    public Rewritten rewritten(BinaryOperator<byte[]> rewrite, long valueBytesTotalAfter) {
        return rewritten((k, v) -> new Entry(k, rewrite.apply(k, v)), keyBytesTotal, valueBytesTotalAfter, null);
    }

    /** An entry as a rewrite makes it: the key it is stored under in the copy, and its value. */
    public record Entry(byte[] key, byte[] value) {
    }

    /**
     * A copy of this map with every entry replaced by {@code rewrite(key, value)}, which may give it another key, as
     * {@link #rewritten(BinaryOperator, long)} does; {@code keyBytesTotalAfter} and {@code valueBytesTotalAfter} are
     * what the new keys and values add up to. An entry rewritten to a key another one already took is handed to
     * {@code clash}, which throws: the copy is dropped and nothing changes ({@code clash} null: the rewrite keeps
     * every key, and none is looked for).
     */
    public Rewritten rewritten(BiFunction<byte[], byte[], Entry> rewrite, long keyBytesTotalAfter,
                               long valueBytesTotalAfter, Consumer<Entry> clash) {
        long size = entries;
        double keyBytes = size == 0 ? averageKeyBytes : Math.max(4, (double) keyBytesTotalAfter / size);
        double valueBytes = size == 0 ? averageValueBytes : Math.max(4, (double) valueBytesTotalAfter / size);
        for (int attempt = 1; ; attempt++) {
            ChronicleMap<byte[], byte[]> copy = build(capacity, keyBytes * 1.2, valueBytes * 1.2);
            int[] largest = new int[2];
            try {
                map.forEachEntry(e -> {
                    Entry rewritten = rewrite.apply(e.key().getUsing(null), e.value().getUsing(null));
                    largest[0] = Math.max(largest[0], rewritten.key().length);
                    largest[1] = Math.max(largest[1], rewritten.value().length);
                    if (clash != null && copy.containsKey(rewritten.key())) {
                        clash.accept(rewritten);
                    }
                    copy.put(rewritten.key(), rewritten.value());
                });
                return new Rewritten(copy, keyBytes, keyBytesTotalAfter, valueBytes, valueBytesTotalAfter);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // An entry far above the average did not fit the copy's layout: lay it out for the largest (as put).
                copy.close();
                if (attempt == REWRITE_ATTEMPTS_MAX) {
                    throw new TableFullException("table " + name + " cannot hold its rewritten rows: " + e);
                }
                keyBytes = Math.max(keyBytes, largest[0]);
                valueBytes = Math.max(valueBytes * 2, largest[1]);
            } catch (RuntimeException | Error e) {
                copy.close();
                throw e;
            }
        }
    }

    /** A rewritten copy of the map, not yet in use. */
    public static final class Rewritten {
        private final ChronicleMap<byte[], byte[]> map;
        private final double averageKeyBytes;
        private final long keyBytesTotal;
        private final double averageValueBytes;
        private final long valueBytesTotal;

        private Rewritten(ChronicleMap<byte[], byte[]> map, double averageKeyBytes, long keyBytesTotal,
                          double averageValueBytes, long valueBytesTotal) {
            this.map = map;
            this.averageKeyBytes = averageKeyBytes;
            this.keyBytesTotal = keyBytesTotal;
            this.averageValueBytes = averageValueBytes;
            this.valueBytesTotal = valueBytesTotal;
        }
    }

    /** Puts a rewritten copy in this map's place; readers still in the old map finish there. Applier thread only. */
    public void install(Rewritten copy) {
        ChronicleMap<byte[], byte[]> old = map;
        averageKeyBytes = copy.averageKeyBytes;
        keyBytesTotal = copy.keyBytesTotal;
        averageValueBytes = copy.averageValueBytes;
        valueBytesTotal = copy.valueBytesTotal;
        map = copy.map;
        reclaimer.retire(old);
    }

    /** A walk over the entries as they are now, a segment at a time, that its caller resumes when it likes. */
    public SegmentWalk segmentWalk() {
        return new SegmentWalk(map);
    }

    /**
     * A visit of one map's entries a segment at a time, in hash order, resumed by its caller between segments (a
     * scan holds one segment's entries, never the table's; each is copied under the segment's lock, which is released
     * before the caller reads the copy, so a slow reader holds up no write). A key's segment is fixed by its hash, so
     * between segments the applier's puts and removes change only what they change; but once the map is replaced by
     * a larger one, or closed, entries no longer stand where the walk expects them, and the walk is stale. A replaced
     * map stays open for the reclaimer's grace period, so the copy in progress when it was replaced finishes safely.
     */
    public final class SegmentWalk {
        private final ChronicleMap<byte[], byte[]> walked;
        /** Read while the map is surely open: asked later, a closed map would throw. */
        private final int segments;
        private int next;

        private SegmentWalk(ChronicleMap<byte[], byte[]> walked) {
            this.walked = walked;
            this.segments = walked.segments();
        }

        /** Whether segments remain to copy. */
        public boolean hasNext() {
            return next < segments;
        }

        /**
         * Copies the next segment's entries into {@code into} (key, value, key, value, ... as fresh arrays) under
         * the segment's lock. Returns false, and copies nothing, once the walk is stale.
         */
        public boolean copyNext(List<byte[]> into) {
            if (!isCurrent()) {
                return false;
            }
            int size = into.size();
            try (MapSegmentContext<byte[], byte[], ?> c = walked.segmentContext(next)) {
                c.forEachSegmentEntry(e -> {
                    into.add(e.key().getUsing(null));
                    into.add(e.value().getUsing(null));
                });
            } catch (IllegalStateException closed) {
                if (isCurrent()) {
                    throw closed;
                }
            }
            next++;
            if (!isCurrent()) {
                into.subList(size, into.size()).clear();
                return false;
            }
            return true;
        }

        /** False once the map walked was replaced or closed: what the walk copied may be stale. */
        public boolean isCurrent() {
            return map == walked && !closed;
        }
    }

    /**
     * Visits every entry (weakly consistent: entries changed during the visit may or may not be seen). The arrays
     * are fresh copies the visitor may keep: Chronicle reuses the array {@code Data.get()} returns across entries.
     */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        map.forEachEntry(e -> visitor.accept(e.key().getUsing(null), e.value().getUsing(null)));
    }

    /** Removes every entry. Applier thread only. */
    public void clear() {
        map.clear();
        entries = 0;
        keyBytesTotal = 0;
        valueBytesTotal = 0;
    }

    public long capacity() {
        return capacity;
    }

    @Override
    public void close() {
        closed = true;
        reclaimer.retire(map);
    }
}

package dev.mnemo.engine.offheap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;

/** An ordered set of byte[] keys (unsigned lexicographic order) kept off-heap in a B+tree of fixed-size pages. */
public final class OffHeapSortedSet implements AutoCloseable {
    /*
     * Threads: one writer thread at a time, any number of reader threads.
     *
     * Ownership: the key bytes live only in direct-memory pages; the heap holds one ByteBuffer slice per page
     * and an int free-list, so heap use stays flat as the set grows. Pages come from direct "slabs" that double in size
     * up to SLAB_BYTES_MAX; freed pages go on the free-list and are reused, never returned to the OS before
     * clear() or close() (after which the garbage collector releases the slabs).
     *
     * Page layout (all ints big-endian): a HEADER_BYTES-byte header, then a slot array growing upwards,
     * then free space, then key bytes growing down from the end of the page. A leaf slot is one int packing the key's
     * offset (high 16 bits) and length (low 16 bits); an inner slot adds the page id of the child to the right of that
     * key. An inner node with n keys has n + 1 children: child 0 is in the header, and the subtree of child i + 1 holds
     * the keys in [key i, key i + 1). Leaves link to their neighbours for scans.
     *
     * Deletion frees empty leaves, merges a node that falls below a quarter full into a sibling when the two fit in
     * three quarters of a page, and otherwise leaves underfull nodes alone; correctness never depends on fill.
     *
     * Locking: writers take the write lock; contains tries an optimistic read first (any exception or
     * failed validation retries under the read lock); next holds the read lock while copying; forEach
     * holds no lock while calling its visitor.
     */

    /** Smallest page accepted. */
    private static final int PAGE_BYTES_MIN = 128;
    /** Largest page accepted: slots pack key offsets and lengths into 16 bits each. */
    private static final int PAGE_BYTES_MAX = 1 << 16;
    /** Slabs of direct memory double from one page up to this size, so small sets stay small. */
    private static final int SLAB_BYTES_MAX = 1 << 20;
    /** A full page must hold this many largest entries, so both halves of a split have room for one more. */
    private static final int PAGE_ENTRIES_MIN = 4;
    /** Keys copied per {@link #next} call by {@link #forEach}; bounds how long a scan holds the read lock. */
    private static final int SCAN_CHUNK_KEYS = 256;
    /** Keys copied first by a {@link #forEach} that does not know how many its visitor wants. */
    private static final int SCAN_FIRST_CHUNK_KEYS = 16;
    private static final int PAGE_IDS_INITIAL = 16;
    private static final int PATH_DEPTH_INITIAL = 8;

    private static final int KIND = 0;
    private static final int COUNT = 4;
    private static final int HEAP_START = 8;
    private static final int GARBAGE_BYTES = 12;
    /** Leaf: previous leaf. Inner: child 0. */
    private static final int LINK_A = 16;
    /** Leaf: next leaf. Inner: unused. */
    private static final int LINK_B = 20;
    private static final int HEADER_BYTES = 24;
    private static final int LEAF_SLOT_BYTES = 4;
    private static final int INNER_SLOT_BYTES = 8;
    private static final int KIND_LEAF = 1;
    private static final int KIND_INNER = 2;
    private static final int KIND_FREE = 3;
    private static final int NO_PAGE = -1;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int pageBytes;
    private final int keyBytesMax;
    private final int capacityBytes;
    private final int slabPagesMax;
    private final StampedLock lock = new StampedLock();
    /** Writer only: a heap copy of a page being rebuilt (split, merge, compaction). */
    private final ByteBuffer scratch;

    // Tree state: written under the write lock, read under the read lock or an optimistic stamp.
    private ByteBuffer[] pages;
    private int root;
    private int height;
    private volatile long size;
    private volatile long offHeapBytes;
    private volatile boolean closed;

    // Writer only.
    private int pageIdCount;
    private int[] freePages;
    private int freePageCount;
    private ByteBuffer slab;
    private int slabPages;
    private int slabPagesUsed;
    /** Page ids from the root (depth 0) down to the leaf (depth height) on the last writer descent. */
    private int[] pathPages;
    /** Child index taken at each inner depth on the last writer descent. */
    private int[] pathChildren;
    /** The key that the last split sends up to the parent. */
    private byte[] splitKey;

    /**
     * The smallest power-of-two page size, at least 8 KiB, that holds keys of {@code keyBytesMax} bytes; throws
     * {@link IllegalArgumentException} if no allowed page size does.
     */
    public static int pageBytesFor(int keyBytesMax) {
        int page = 8192;
        while ((page - HEADER_BYTES) / PAGE_ENTRIES_MIN - INNER_SLOT_BYTES < keyBytesMax) {
            page *= 2;
            if (page > PAGE_BYTES_MAX) {
                throw new IllegalArgumentException("keys of " + keyBytesMax + " bytes do not fit any page size");
            }
        }
        return page;
    }

    /**
     * @param pageBytes   size of one tree node, in [128, 65536]
     * @param keyBytesMax longest key accepted; at least four such keys (with inner-node overhead) must fit a page
     */
    public OffHeapSortedSet(int pageBytes, int keyBytesMax) {
        if (pageBytes < PAGE_BYTES_MIN || pageBytes > PAGE_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "pageBytes " + pageBytes + " must be in [" + PAGE_BYTES_MIN + ", " + PAGE_BYTES_MAX + "]");
        }
        int limit = (pageBytes - HEADER_BYTES) / PAGE_ENTRIES_MIN - INNER_SLOT_BYTES;
        if (keyBytesMax < 1 || keyBytesMax > limit) {
            throw new IllegalArgumentException("keyBytesMax " + keyBytesMax + " must be in [1, " + limit
                    + "] so that " + PAGE_ENTRIES_MIN + " keys fit in a page of " + pageBytes + " bytes");
        }
        this.pageBytes = pageBytes;
        this.keyBytesMax = keyBytesMax;
        this.capacityBytes = pageBytes - HEADER_BYTES;
        this.slabPagesMax = Math.max(1, SLAB_BYTES_MAX / pageBytes);
        this.scratch = ByteBuffer.allocate(pageBytes);
        reset();
    }

    /** Adds a copy of {@code key}; returns true if it was not present. */
    public boolean add(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length > keyBytesMax) {
            throw new IllegalArgumentException(
                    "key of " + key.length + " bytes is longer than keyBytesMax " + keyBytesMax);
        }
        long stamp = lock.writeLock();
        try {
            checkOpen();
            return insert(key);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes {@code key}; returns true if it was present. A key longer than keyBytesMax is never present. */
    public boolean remove(byte[] key) {
        Objects.requireNonNull(key, "key");
        long stamp = lock.writeLock();
        try {
            checkOpen();
            return key.length <= keyBytesMax && delete(key);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public boolean contains(byte[] key) {
        Objects.requireNonNull(key, "key");
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0L && !closed) {
            try {
                boolean found = findInLeaf(key);
                if (lock.validate(stamp)) {
                    return found;
                }
            } catch (RuntimeException tornRead) {
                // A concurrent write changed pages under this read; the locked retry below sees a stable tree.
            }
        }
        stamp = lock.readLock();
        try {
            checkOpen();
            return findInLeaf(key);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public long size() {
        checkOpen();
        return size;
    }

    /** Bytes of direct memory reserved for pages (in use or free-listed). */
    public long offHeapBytes() {
        checkOpen();
        return offHeapBytes;
    }

    /**
     * Visits keys in order starting at `from` (null = from the first/last), ascending or descending;
     * `fromInclusive` says whether `from` itself is included. The visitor returns false to stop.
     */
    public void forEach(byte[] from, boolean fromInclusive, boolean descending, Predicate<byte[]> visitor) {
        forEach(from, fromInclusive, descending, Long.MAX_VALUE, visitor);
    }

    /**
     * As {@link #forEach(byte[], boolean, boolean, Predicate)}, for a visitor that wants about {@code keysWanted}
     * keys (a LIMIT; {@code Long.MAX_VALUE} when unknown): the first chunk copied holds that many, up to a full
     * chunk, so a walk that stops there copies no key it does not give. The walk goes on past them while the
     * visitor does.
     */
    public void forEach(byte[] from, boolean fromInclusive, boolean descending, long keysWanted,
                        Predicate<byte[]> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        if (keysWanted < 1) {
            throw new IllegalArgumentException("keysWanted must be positive: " + keysWanted);
        }
        // Short scans (a point lookup, LIMIT 10) are the common case: start small, grow to the full chunk. The list
        // grows with the chunks, so a short scan does not pay for an array of the full chunk's size.
        int chunkKeys = keysWanted == Long.MAX_VALUE ? SCAN_FIRST_CHUNK_KEYS
                : (int) Math.min(SCAN_CHUNK_KEYS, keysWanted);
        ArrayList<byte[]> chunk = new ArrayList<>(chunkKeys);
        byte[] cursor = from;
        boolean inclusive = fromInclusive;
        while (true) {
            chunk.clear();
            int n = next(cursor, inclusive, descending, chunkKeys, chunk);
            if (n > 0) {
                cursor = chunk.get(n - 1).clone(); // the visitor may scribble on the array it is given
                inclusive = false;
            }
            for (byte[] key : chunk) {
                if (!visitor.test(key)) {
                    return;
                }
            }
            if (n < chunkKeys) {
                return;
            }
            chunkKeys = Math.min(SCAN_CHUNK_KEYS, chunkKeys * 4);
            chunk.ensureCapacity(chunkKeys);
        }
    }

    /**
     * Copies up to `max` keys in order after position `from` into `out` and returns how many; same bound
     * semantics as forEach. Used for chunked scans that hold the lock only briefly.
     */
    public int next(byte[] from, boolean fromInclusive, boolean descending, int max, List<byte[]> out) {
        Objects.requireNonNull(out, "out");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        long stamp = lock.readLock();
        try {
            checkOpen();
            return descending ? collectDescending(from, fromInclusive, max, out)
                    : collectAscending(from, fromInclusive, max, out);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Removes every key and releases all pages but one to the garbage collector. */
    public void clear() {
        long stamp = lock.writeLock();
        try {
            checkOpen();
            reset();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Drops all pages (the garbage collector frees the direct memory); further use throws. Idempotent. */
    @Override
    public void close() {
        long stamp = lock.writeLock();
        try {
            closed = true;
            pages = null;
            slab = null;
            freePages = null;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    // ---- lifecycle and page allocation (writer) ----

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OffHeapSortedSet is closed");
        }
    }

    private void reset() {
        pages = new ByteBuffer[PAGE_IDS_INITIAL];
        pageIdCount = 0;
        freePages = new int[PAGE_IDS_INITIAL];
        freePageCount = 0;
        slab = null;
        slabPages = 0;
        slabPagesUsed = 0;
        offHeapBytes = 0;
        pathPages = new int[PATH_DEPTH_INITIAL];
        pathChildren = new int[PATH_DEPTH_INITIAL];
        int leaf = allocPage();
        initPage(pages[leaf], KIND_LEAF, NO_PAGE, NO_PAGE);
        height = 0;
        root = leaf;
        size = 0;
    }

    private int allocPage() {
        if (freePageCount > 0) {
            return freePages[--freePageCount];
        }
        if (slabPagesUsed == slabPages) {
            slabPages = Math.min(slabPagesMax, Math.max(1, pageIdCount));
            slab = ByteBuffer.allocateDirect(slabPages * pageBytes);
            slabPagesUsed = 0;
            offHeapBytes += (long) slabPages * pageBytes;
        }
        if (pageIdCount == pages.length) {
            pages = Arrays.copyOf(pages, pages.length * 2);
        }
        int id = pageIdCount++;
        pages[id] = slab.slice(slabPagesUsed++ * pageBytes, pageBytes);
        return id;
    }

    private void freePage(int id) {
        pages[id].putInt(KIND, KIND_FREE);
        if (freePageCount == freePages.length) {
            freePages = Arrays.copyOf(freePages, freePages.length * 2);
        }
        freePages[freePageCount++] = id;
    }

    private void initPage(ByteBuffer p, int kind, int linkA, int linkB) {
        p.putInt(KIND, kind);
        p.putInt(COUNT, 0);
        p.putInt(HEAP_START, pageBytes);
        p.putInt(GARBAGE_BYTES, 0);
        p.putInt(LINK_A, linkA);
        p.putInt(LINK_B, linkB);
    }

    // ---- page reads (readers and writer) ----

    private static int count(ByteBuffer p) {
        return p.getInt(COUNT);
    }

    private static int slotAt(int index, int slotBytes) {
        return HEADER_BYTES + index * slotBytes;
    }

    /** Child {@code c} of an inner page, 0 &lt;= c &lt;= count. */
    private static int childAt(ByteBuffer p, int c) {
        return c == 0 ? p.getInt(LINK_A) : p.getInt(slotAt(c - 1, INNER_SLOT_BYTES) + 4);
    }

    private static byte[] keyAt(ByteBuffer p, int slotBytes, int index) {
        int packed = p.getInt(slotAt(index, slotBytes));
        byte[] key = new byte[packed & 0xFFFF];
        p.get(packed >>> 16, key);
        return key;
    }

    /** Index of {@code key} if present, else {@code -(insertion point) - 1}, as in Arrays.binarySearch. */
    private static int search(ByteBuffer p, int slotBytes, byte[] key) {
        int lo = 0;
        int hi = count(p) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int packed = p.getInt(slotAt(mid, slotBytes));
            int cmp = compare(p, packed >>> 16, packed & 0xFFFF, key);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Compares page bytes [off, off + len) with {@code key}, unsigned, eight bytes at a time. */
    private static int compare(ByteBuffer p, int off, int len, byte[] key) {
        int common = Math.min(len, key.length);
        int i = 0;
        for (; i + Long.BYTES <= common; i += Long.BYTES) {
            long a = p.getLong(off + i);
            long b = (long) LONG_BE.get(key, i);
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        for (; i < common; i++) {
            int a = p.get(off + i) & 0xFF;
            int b = key[i] & 0xFF;
            if (a != b) {
                return a - b;
            }
        }
        return len - key.length;
    }

    /** Walks from the root to the leaf whose range holds {@code key}; the writer records the path. */
    private int descend(byte[] key, boolean recordPath) {
        ByteBuffer[] pg = pages;
        int id = root;
        int h = height;
        for (int depth = 0; depth < h; depth++) {
            ByteBuffer p = pg[id];
            check(p.getInt(KIND) == KIND_INNER, "pages above the leaf level are inner nodes");
            int found = search(p, INNER_SLOT_BYTES, key);
            int c = found >= 0 ? found + 1 : -found - 1;
            if (recordPath) {
                pathPages[depth] = id;
                pathChildren[depth] = c;
            }
            id = childAt(p, c);
        }
        check(pg[id].getInt(KIND) == KIND_LEAF, "pages at the leaf level are leaves");
        if (recordPath) {
            pathPages[h] = id;
        }
        return id;
    }

    private boolean findInLeaf(byte[] key) {
        ByteBuffer leaf = pages[descend(key, false)];
        return search(leaf, LEAF_SLOT_BYTES, key) >= 0;
    }

    private int edgeLeaf(boolean last) {
        int id = root;
        for (int depth = 0; depth < height; depth++) {
            ByteBuffer p = pages[id];
            id = childAt(p, last ? count(p) : 0);
        }
        return id;
    }

    // ---- scans (read lock held) ----

    private int collectAscending(byte[] from, boolean inclusive, int max, List<byte[]> out) {
        int leaf;
        int index;
        if (from == null) {
            leaf = edgeLeaf(false);
            index = 0;
        } else {
            leaf = descend(from, false);
            int found = search(pages[leaf], LEAF_SLOT_BYTES, from);
            index = found >= 0 ? (inclusive ? found : found + 1) : -found - 1;
        }
        int n = 0;
        while (n < max && leaf != NO_PAGE) {
            ByteBuffer p = pages[leaf];
            if (index >= count(p)) {
                leaf = p.getInt(LINK_B);
                index = 0;
            } else {
                out.add(keyAt(p, LEAF_SLOT_BYTES, index++));
                n++;
            }
        }
        return n;
    }

    private int collectDescending(byte[] from, boolean inclusive, int max, List<byte[]> out) {
        int leaf;
        int index;
        if (from == null) {
            leaf = edgeLeaf(true);
            index = count(pages[leaf]) - 1;
        } else {
            leaf = descend(from, false);
            int found = search(pages[leaf], LEAF_SLOT_BYTES, from);
            index = found >= 0 ? (inclusive ? found : found - 1) : -found - 2;
        }
        int n = 0;
        while (n < max && leaf != NO_PAGE) {
            ByteBuffer p = pages[leaf];
            if (index < 0) {
                leaf = p.getInt(LINK_A);
                index = leaf == NO_PAGE ? -1 : count(pages[leaf]) - 1;
            } else {
                out.add(keyAt(p, LEAF_SLOT_BYTES, index--));
                n++;
            }
        }
        return n;
    }

    // ---- insertion (writer) ----

    private boolean insert(byte[] key) {
        int leaf = descend(key, true);
        int found = search(pages[leaf], LEAF_SLOT_BYTES, key);
        if (found >= 0) {
            return false;
        }
        insertIntoLeaf(leaf, -found - 1, key);
        size++;
        return true;
    }

    private void insertIntoLeaf(int leaf, int index, byte[] key) {
        ByteBuffer p = pages[leaf];
        if (makeRoom(p, LEAF_SLOT_BYTES, key.length)) {
            putEntry(p, LEAF_SLOT_BYTES, index, key, NO_PAGE);
            return;
        }
        int right = splitLeaf(leaf);
        byte[] separator = splitKey;
        ByteBuffer target = pages[Arrays.compareUnsigned(key, separator) < 0 ? leaf : right];
        putEntry(target, LEAF_SLOT_BYTES, -search(target, LEAF_SLOT_BYTES, key) - 1, key, NO_PAGE);
        insertIntoParent(height - 1, separator, right);
    }

    /** Inserts {@code separator} with {@code right} as the child after it into the inner node at {@code depth}. */
    private void insertIntoParent(int depth, byte[] separator, int right) {
        if (depth < 0) {
            growRoot(separator, right);
            return;
        }
        int parent = pathPages[depth];
        ByteBuffer p = pages[parent];
        if (makeRoom(p, INNER_SLOT_BYTES, separator.length)) {
            putEntry(p, INNER_SLOT_BYTES, pathChildren[depth], separator, right);
            return;
        }
        int sibling = splitInner(parent);
        byte[] up = splitKey;
        ByteBuffer target = pages[Arrays.compareUnsigned(separator, up) < 0 ? parent : sibling];
        putEntry(target, INNER_SLOT_BYTES, -search(target, INNER_SLOT_BYTES, separator) - 1, separator, right);
        insertIntoParent(depth - 1, up, sibling);
    }

    private void growRoot(byte[] separator, int right) {
        int newRoot = allocPage();
        ByteBuffer p = pages[newRoot];
        initPage(p, KIND_INNER, root, NO_PAGE);
        putEntry(p, INNER_SLOT_BYTES, 0, separator, right);
        root = newRoot;
        height++;
        if (height + 1 > pathPages.length) {
            pathPages = Arrays.copyOf(pathPages, pathPages.length * 2);
            pathChildren = Arrays.copyOf(pathChildren, pathChildren.length * 2);
        }
    }

    /** Moves the upper half (by bytes) of a full leaf to a new right neighbour; sets splitKey. */
    private int splitLeaf(int leaf) {
        int right = allocPage();
        ByteBuffer p = pages[leaf];
        ByteBuffer r = pages[right];
        int n = count(p);
        check(n >= 2, "a full leaf holds at least two keys");
        int m = splitPoint(p, LEAF_SLOT_BYTES, n, 1, n - 1);
        scratch.put(0, p, 0, pageBytes);
        int oldNext = p.getInt(LINK_B);
        initPage(p, KIND_LEAF, p.getInt(LINK_A), right);
        initPage(r, KIND_LEAF, leaf, oldNext);
        if (oldNext != NO_PAGE) {
            pages[oldNext].putInt(LINK_A, right);
        }
        copyEntries(scratch, LEAF_SLOT_BYTES, 0, m, p);
        copyEntries(scratch, LEAF_SLOT_BYTES, m, n, r);
        splitKey = shortestSeparator(scratch, m - 1, m);
        return right;
    }

    /** Moves the keys after the middle key of a full inner node to a new page; the middle key becomes splitKey. */
    private int splitInner(int inner) {
        int right = allocPage();
        ByteBuffer p = pages[inner];
        int n = count(p);
        check(n >= PAGE_ENTRIES_MIN, "a full inner node holds at least " + PAGE_ENTRIES_MIN + " keys");
        int m = splitPoint(p, INNER_SLOT_BYTES, n, 1, n - 2);
        scratch.put(0, p, 0, pageBytes);
        splitKey = keyAt(scratch, INNER_SLOT_BYTES, m);
        initPage(p, KIND_INNER, childAt(scratch, 0), NO_PAGE);
        initPage(pages[right], KIND_INNER, childAt(scratch, m + 1), NO_PAGE);
        copyEntries(scratch, INNER_SLOT_BYTES, 0, m, p);
        copyEntries(scratch, INNER_SLOT_BYTES, m + 1, n, pages[right]);
        return right;
    }

    /** First index whose preceding entries hold half the page's entry bytes, clamped to [lo, hi]. */
    private static int splitPoint(ByteBuffer p, int slotBytes, int n, int lo, int hi) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += slotBytes + (p.getInt(slotAt(i, slotBytes)) & 0xFFFF);
        }
        int before = 0;
        int m = 0;
        while (m < n && before < total / 2) {
            before += slotBytes + (p.getInt(slotAt(m, slotBytes)) & 0xFFFF);
            m++;
        }
        return Math.max(lo, Math.min(hi, m));
    }

    /**
     * The shortest prefix of leaf key {@code hi} that is greater than leaf key {@code lo}: it routes every key of the
     * left half left and every key of the right half right, and keeps inner nodes small.
     */
    private static byte[] shortestSeparator(ByteBuffer p, int lo, int hi) {
        int a = p.getInt(slotAt(lo, LEAF_SLOT_BYTES));
        int b = p.getInt(slotAt(hi, LEAF_SLOT_BYTES));
        int aLen = a & 0xFFFF;
        int bLen = b & 0xFFFF;
        int common = 0;
        while (common < aLen && common < bLen && p.get((a >>> 16) + common) == p.get((b >>> 16) + common)) {
            common++;
        }
        check(common < bLen, "leaf keys are strictly increasing");
        byte[] separator = new byte[common + 1];
        p.get(b >>> 16, separator);
        return separator;
    }

    /** Ensures {@code keyBytes} plus a slot fit contiguously, compacting if that helps; false if the page is full. */
    private boolean makeRoom(ByteBuffer p, int slotBytes, int keyBytes) {
        int need = slotBytes + keyBytes;
        int free = p.getInt(HEAP_START) - slotAt(count(p), slotBytes);
        if (free >= need) {
            return true;
        }
        if (free + p.getInt(GARBAGE_BYTES) < need) {
            return false;
        }
        scratch.put(0, p, 0, pageBytes);
        initPage(p, scratch.getInt(KIND), scratch.getInt(LINK_A), scratch.getInt(LINK_B));
        copyEntries(scratch, slotBytes, 0, count(scratch), p);
        return true;
    }

    private void putEntry(ByteBuffer p, int slotBytes, int index, byte[] key, int child) {
        int n = count(p);
        check(index >= 0 && index <= n, "an entry is inserted within the page's entries");
        int heap = p.getInt(HEAP_START) - key.length;
        check(heap >= slotAt(n + 1, slotBytes), "a page has room for the entry it receives");
        p.put(heap, key);
        int at = slotAt(index, slotBytes);
        p.put(at + slotBytes, p, at, (n - index) * slotBytes);
        p.putInt(at, pack(heap, key.length));
        if (slotBytes == INNER_SLOT_BYTES) {
            p.putInt(at + 4, child);
        }
        p.putInt(HEAP_START, heap);
        p.putInt(COUNT, n + 1);
    }

    /** Appends entries [from, to) of {@code src} to {@code dst}, which must sort after dst's entries. */
    private static void copyEntries(ByteBuffer src, int slotBytes, int from, int to, ByteBuffer dst) {
        for (int i = from; i < to; i++) {
            int at = slotAt(i, slotBytes);
            int packed = src.getInt(at);
            int child = slotBytes == INNER_SLOT_BYTES ? src.getInt(at + 4) : NO_PAGE;
            appendEntry(dst, slotBytes, src, packed >>> 16, packed & 0xFFFF, child);
        }
    }

    private static void appendEntry(ByteBuffer dst, int slotBytes, ByteBuffer src, int off, int len, int child) {
        int n = count(dst);
        int heap = dst.getInt(HEAP_START) - len;
        check(heap >= slotAt(n + 1, slotBytes), "entries copied into a page fit in it");
        dst.put(heap, src, off, len);
        int at = slotAt(n, slotBytes);
        dst.putInt(at, pack(heap, len));
        if (slotBytes == INNER_SLOT_BYTES) {
            dst.putInt(at + 4, child);
        }
        dst.putInt(HEAP_START, heap);
        dst.putInt(COUNT, n + 1);
    }

    /** Offset and length in one int; an empty key at the page end (offset 65536) reads nothing, so masking is safe. */
    private static int pack(int offset, int length) {
        return (offset & 0xFFFF) << 16 | length;
    }

    // ---- deletion (writer) ----

    private boolean delete(byte[] key) {
        int leaf = descend(key, true);
        ByteBuffer p = pages[leaf];
        int found = search(p, LEAF_SLOT_BYTES, key);
        if (found < 0) {
            return false;
        }
        removeEntry(p, LEAF_SLOT_BYTES, found);
        size--;
        afterShrink(height);
        return true;
    }

    private void removeEntry(ByteBuffer p, int slotBytes, int index) {
        int n = count(p);
        int at = slotAt(index, slotBytes);
        int packed = p.getInt(at);
        int heap = p.getInt(HEAP_START);
        p.put(at, p, at + slotBytes, (n - index - 1) * slotBytes);
        p.putInt(COUNT, n - 1);
        if (n == 1) {
            p.putInt(HEAP_START, pageBytes);
            p.putInt(GARBAGE_BYTES, 0);
        } else if ((packed >>> 16) == heap) {
            p.putInt(HEAP_START, heap + (packed & 0xFFFF));
        } else {
            p.putInt(GARBAGE_BYTES, p.getInt(GARBAGE_BYTES) + (packed & 0xFFFF));
        }
    }

    /** Restores the tree's shape after the node at {@code depth} on the recorded path lost an entry. */
    private void afterShrink(int depth) {
        if (depth == 0) {
            collapseRoot();
            return;
        }
        int node = pathPages[depth];
        if (depth == height && count(pages[node]) == 0) {
            unlinkLeaf(node);
            freePage(node);
            removeChild(depth - 1, pathChildren[depth - 1]);
            return;
        }
        mergeIfUnderfull(depth);
    }

    /** Removes child {@code c} of the inner node at {@code depth}, with the key that separates it from a sibling. */
    private void removeChild(int depth, int c) {
        int node = pathPages[depth];
        ByteBuffer p = pages[node];
        if (count(p) == 0) {
            check(depth > 0 && c == 0, "the root inner node holds at least one key");
            freePage(node); // its only child is gone, so it is empty too
            removeChild(depth - 1, pathChildren[depth - 1]);
            return;
        }
        if (c == 0) {
            p.putInt(LINK_A, childAt(p, 1));
            removeEntry(p, INNER_SLOT_BYTES, 0);
        } else {
            removeEntry(p, INNER_SLOT_BYTES, c - 1);
        }
        afterShrink(depth);
    }

    private void collapseRoot() {
        while (height > 0 && count(pages[root]) == 0) {
            int old = root;
            root = childAt(pages[old], 0);
            height--;
            freePage(old);
        }
    }

    private void unlinkLeaf(int leaf) {
        ByteBuffer p = pages[leaf];
        int prev = p.getInt(LINK_A);
        int next = p.getInt(LINK_B);
        if (prev != NO_PAGE) {
            pages[prev].putInt(LINK_B, next);
        }
        if (next != NO_PAGE) {
            pages[next].putInt(LINK_A, prev);
        }
    }

    private int usedBytes(ByteBuffer p, int slotBytes) {
        return count(p) * slotBytes + pageBytes - p.getInt(HEAP_START) - p.getInt(GARBAGE_BYTES);
    }

    /** Merges a node under a quarter full with a sibling when both fit in three quarters of a page. */
    private void mergeIfUnderfull(int depth) {
        boolean leaf = depth == height;
        int slotBytes = leaf ? LEAF_SLOT_BYTES : INNER_SLOT_BYTES;
        if (usedBytes(pages[pathPages[depth]], slotBytes) > capacityBytes / 4) {
            return;
        }
        ByteBuffer parent = pages[pathPages[depth - 1]];
        int keys = count(parent);
        if (keys == 0) {
            return; // no sibling
        }
        int c = pathChildren[depth - 1];
        int left = c < keys ? c : c - 1;
        int l = childAt(parent, left);
        int r = childAt(parent, left + 1);
        int separatorBytes = leaf ? 0 : INNER_SLOT_BYTES + (parent.getInt(slotAt(left, INNER_SLOT_BYTES)) & 0xFFFF);
        int merged = usedBytes(pages[l], slotBytes) + usedBytes(pages[r], slotBytes) + separatorBytes;
        if (merged > capacityBytes * 3 / 4) {
            return;
        }
        if (leaf) {
            mergeLeaves(l, r);
        } else {
            mergeInner(l, parent, left, r);
        }
        freePage(r);
        removeChild(depth - 1, left + 1);
    }

    private void mergeLeaves(int l, int r) {
        ByteBuffer left = pages[l];
        ByteBuffer right = pages[r];
        int next = right.getInt(LINK_B);
        scratch.put(0, left, 0, pageBytes);
        initPage(left, KIND_LEAF, scratch.getInt(LINK_A), next);
        copyEntries(scratch, LEAF_SLOT_BYTES, 0, count(scratch), left);
        copyEntries(right, LEAF_SLOT_BYTES, 0, count(right), left);
        if (next != NO_PAGE) {
            pages[next].putInt(LINK_A, l);
        }
    }

    /** Appends the parent's separator (with the right node's child 0) and the right node's entries to the left. */
    private void mergeInner(int l, ByteBuffer parent, int separatorIndex, int r) {
        ByteBuffer left = pages[l];
        ByteBuffer right = pages[r];
        scratch.put(0, left, 0, pageBytes);
        initPage(left, KIND_INNER, childAt(scratch, 0), NO_PAGE);
        copyEntries(scratch, INNER_SLOT_BYTES, 0, count(scratch), left);
        int separator = parent.getInt(slotAt(separatorIndex, INNER_SLOT_BYTES));
        appendEntry(left, INNER_SLOT_BYTES, parent, separator >>> 16, separator & 0xFFFF, childAt(right, 0));
        copyEntries(right, INNER_SLOT_BYTES, 0, count(right), left);
    }

    private static void check(boolean invariantHolds, String invariant) {
        if (!invariantHolds) {
            throw new IllegalStateException("OffHeapSortedSet invariant broken: " + invariant);
        }
    }
}

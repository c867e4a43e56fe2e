package dev.mnemo.replication.raft;

/**
 * The append messages a leader has sent to one follower and not yet seen acknowledged: a ring of (last index,
 * bytes), bounded by {@link RaftConfig#inflightAppendsMax()} messages and {@link RaftConfig#inflightBytesMax()}
 * bytes. This is the pipeline's flow control: a full window pauses replication to that follower.
 */
final class Inflights {
    private final int countMax;
    private final long bytesMax;
    private final long[] lastIndexes;
    private final long[] sizes;
    private int start;
    private int count;
    private long bytes;

    Inflights(int countMax, long bytesMax) {
        this.countMax = countMax;
        this.bytesMax = bytesMax;
        this.lastIndexes = new long[countMax];
        this.sizes = new long[countMax];
    }

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    boolean full() {
        return count == countMax || bytes >= bytesMax;
    }

    /** Records an append message whose last entry is {@code lastIndex}. */
    void add(long lastIndex, long sizeBytes) {
        Invariants.check(!full(), "no append is sent through a full inflight window", count, bytes);
        if (count > 0) {
            long newest = lastIndexes[(start + count - 1) % countMax];
            Invariants.check(lastIndex > newest, "inflight appends have increasing indexes", newest, lastIndex);
        }
        int slot = (start + count) % countMax;
        lastIndexes[slot] = lastIndex;
        sizes[slot] = sizeBytes;
        count++;
        bytes += sizeBytes;
    }

    /** Forgets every append whose last index is at most {@code index}: the follower has it. */
    void freeLE(long index) {
        while (count > 0 && lastIndexes[start] <= index) {
            bytes -= sizes[start];
            start = (start + 1) % countMax;
            count--;
        }
        if (count == 0) {
            start = 0;
        }
    }

    /** Forgets the oldest append (its acknowledgement is presumed lost), so that one more may go out. */
    void freeFirstOne() {
        if (count > 0) {
            freeLE(lastIndexes[start]);
        }
    }

    void reset() {
        start = 0;
        count = 0;
        bytes = 0;
    }
}

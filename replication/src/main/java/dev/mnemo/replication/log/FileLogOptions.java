package dev.mnemo.replication.log;

/**
 * Limits of a {@link FileLogStore}.
 *
 * @param segmentBytes a segment file is closed and a new one started when the next record would take it past
 *     this size (a single larger record still gets a segment of its own); at least {@value #SEGMENT_BYTES_MIN}
 * @param recordBytesMax the largest record (one {@code save} batch, or a compaction checkpoint holding every
 *     uncompacted entry); a larger batch is refused, a larger checkpoint postponed. Recovery treats a longer
 *     length field as damage. Between {@value #RECORD_BYTES_MIN} and {@value #RECORD_BYTES_LIMIT}
 */
public record FileLogOptions(long segmentBytes, int recordBytesMax) {
    public static final long SEGMENT_BYTES_MIN = 1024;
    public static final int RECORD_BYTES_MIN = 1024;
    /** The largest record a Java array (and so a record's buffer) can hold with room for its header. */
    public static final int RECORD_BYTES_LIMIT = Integer.MAX_VALUE - 64;
    public static final long SEGMENT_BYTES_DEFAULT = 64L << 20;
    public static final int RECORD_BYTES_MAX_DEFAULT = 256 << 20;

    public FileLogOptions {
        if (segmentBytes < SEGMENT_BYTES_MIN) {
            throw new IllegalArgumentException("segmentBytes " + segmentBytes + " is below the minimum "
                    + SEGMENT_BYTES_MIN);
        }
        if (recordBytesMax < RECORD_BYTES_MIN || recordBytesMax > RECORD_BYTES_LIMIT) {
            throw new IllegalArgumentException("recordBytesMax " + recordBytesMax + " must lie in ["
                    + RECORD_BYTES_MIN + ", " + RECORD_BYTES_LIMIT + "]");
        }
    }

    /** 64 MiB segments, 256 MiB records. */
    public static FileLogOptions defaults() {
        return new FileLogOptions(SEGMENT_BYTES_DEFAULT, RECORD_BYTES_MAX_DEFAULT);
    }

    public FileLogOptions withSegmentBytes(long bytes) {
        return new FileLogOptions(bytes, recordBytesMax);
    }

    public FileLogOptions withRecordBytesMax(int bytes) {
        return new FileLogOptions(segmentBytes, bytes);
    }
}

package dev.mnemo.replication.log;

import java.nio.file.Path;

/**
 * What {@link FileLogStore#open} found: how much it replayed and what torn tail it cut off.
 *
 * @param segmentsScanned segment files read
 * @param batchesRecovered records replayed (one per {@code save}, {@code createSnapshot}, {@code compact} or
 *     checkpoint)
 * @param truncatedBytes bytes cut from the end of the last segment (a write a crash interrupted), 0 if none
 * @param truncatedFile the segment that was cut, or {@code null} if nothing was
 */
public record RecoveryReport(int segmentsScanned, long batchesRecovered, long truncatedBytes, Path truncatedFile) {
    public RecoveryReport {
        if (segmentsScanned < 0 || batchesRecovered < 0 || truncatedBytes < 0) {
            throw new IllegalArgumentException("recovery counts must not be negative");
        }
        if ((truncatedBytes > 0) != (truncatedFile != null)) {
            throw new IllegalArgumentException("a truncation names its file, and only a truncation does");
        }
    }

    /** Whether recovery had to cut a torn tail. */
    public boolean truncated() {
        return truncatedFile != null;
    }
}

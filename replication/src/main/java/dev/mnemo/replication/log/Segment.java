package dev.mnemo.replication.log;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * One segment file of the log, {@code log-<sequence>.seg}, and the framing of its records: a 4-byte payload
 * length, a 4-byte CRC32C over that length and the payload, then the payload.
 *
 * @param sequence the segment's place in the log, starting at 1 and rising by one per segment
 * @param path the file
 * @param sizeBytes the bytes of whole records in it
 */
record Segment(long sequence, Path path, long sizeBytes) {
    static final int HEADER_BYTES = 8;
    private static final Pattern NAME = Pattern.compile("log-(\\d{16})\\.seg");

    static Path path(Path dir, long sequence) {
        return dir.resolve(String.format("log-%016d.seg", sequence));
    }

    /** The sequence number in a segment file's name, or -1 if {@code name} is not one. */
    static long sequenceOf(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The checksum of a frame ({@code [length][crc][payload]} from index 0 of {@code frame}): length and payload. */
    static int checksum(ByteBuffer frame, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(frame.duplicate().limit(4).position(0));
        crc.update(frame.duplicate().limit(HEADER_BYTES + payloadLength).position(HEADER_BYTES));
        return (int) crc.getValue();
    }

    Segment withSize(long bytes) {
        return new Segment(sequence, path, bytes);
    }
}

package dev.mnemo.replication.cluster;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a normal log entry: a group-commit batch of commit records from any members. Each item carries
 * the submitting member's id and its sequence number, so the submitter recognises its own records when it applies
 * the entry and can answer its callers; the record itself is the engine's encoding.
 *
 * <pre>
 * entry := FORMAT(1 byte) count(u32) { length(u32) item }*
 * item  := origin(u64) sequence(u64) record(rest of the item)
 * </pre>
 *
 * Everything is checked while decoding: bytes that are not a well-formed batch throw {@link
 * IllegalArgumentException}, and the same bytes give the same verdict on every member.
 */
final class Batch {
    static final byte FORMAT = 1;
    static final int ITEM_HEADER_BYTES = 16;

    private Batch() {
    }

    /** One submitted record, as a log entry carries it. */
    record Item(long origin, long sequence, byte[] record) {
    }

    static byte[] encodeItem(long origin, long sequence, byte[] record) {
        return ByteBuffer.allocate(ITEM_HEADER_BYTES + record.length).putLong(origin).putLong(sequence).put(record)
                .array();
    }

    static Item decodeItem(byte[] item) {
        if (item.length < ITEM_HEADER_BYTES) {
            throw new IllegalArgumentException("batch item of " + item.length + " bytes is shorter than its header");
        }
        ByteBuffer b = ByteBuffer.wrap(item);
        long origin = b.getLong();
        long sequence = b.getLong();
        byte[] record = new byte[item.length - ITEM_HEADER_BYTES];
        b.get(record);
        return new Item(origin, sequence, record);
    }

    /** The encoded size of a batch holding items of the given total encoded size. */
    static long encodedBytes(int items, long itemBytes) {
        return 5L + 4L * items + itemBytes;
    }

    static byte[] encode(List<byte[]> items) {
        long size = 5;
        for (byte[] item : items) {
            size += 4 + item.length;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).put(FORMAT).putInt(items.size());
        for (byte[] item : items) {
            b.putInt(item.length).put(item);
        }
        return b.array();
    }

    static List<Item> decode(byte[] entry) {
        ByteBuffer b = ByteBuffer.wrap(entry);
        if (b.remaining() < 5 || b.get() != FORMAT) {
            throw new IllegalArgumentException("log entry is not a Mnemo batch");
        }
        int count = b.getInt();
        if (count < 0 || count > b.remaining() / (4 + ITEM_HEADER_BYTES)) {
            throw new IllegalArgumentException("batch claims " + count + " items in " + b.remaining() + " bytes");
        }
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("batch ends inside item " + i);
            }
            int length = b.getInt();
            if (length < ITEM_HEADER_BYTES || length > b.remaining()) {
                throw new IllegalArgumentException("batch item " + i + " claims " + length + " bytes");
            }
            long origin = b.getLong();
            long sequence = b.getLong();
            byte[] record = new byte[length - ITEM_HEADER_BYTES];
            b.get(record);
            items.add(new Item(origin, sequence, record));
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("batch has " + b.remaining() + " trailing bytes");
        }
        return items;
    }
}

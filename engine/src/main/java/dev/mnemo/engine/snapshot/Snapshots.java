package dev.mnemo.engine.snapshot;

import dev.mnemo.engine.DataFormatTooNewException;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableFullException;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;
import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.codec.DataFormat;
import dev.mnemo.engine.codec.SchemaCodec;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.Table;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Writes and reads a consistent dump of the catalog and table rows at one commit version. The caller holds
 * writes off while writing. Layout: magic, format, the {@link DataFormat} of what it holds and a CRC32C of those
 * three (a header that says, before anything is decoded, whether this build reads the rest), version, last table
 * id, then per table its schema history,
 * the version that last changed it and its stored entries, and a CRC32C of everything before it — a torn or
 * damaged snapshot never loads. A table keeps the version that last changed it, not the snapshot's: a read of the
 * whole table is checked against it, and every member must judge that read alike however it got its rows.
 */
public final class Snapshots {
    private static final long MAGIC = 0x4D4E454D4F534E50L; // "MNEMOSNP"
    /**
     * 2: each table's modification version. Format 1 (without it) still loads, at the snapshot's version. 3: the
     * data format and the header's checksum; every later format starts so too, so this build can tell a newer
     * snapshot from a damaged one.
     */
    private static final int FORMAT = 3;
    private static final int HEADER_BYTES = 16;
    /**
     * The data format from which keys encode text by UTF-16 code unit ({@link dev.mnemo.engine.codec.KeyCodec}); the
     * keys of a snapshot of an older one are encoded again as they load.
     */
    private static final int TEXT_KEYS_BY_CODE_UNIT = 11;

    private Snapshots() {
    }

    /** Which tables' rows a snapshot carries; every table's schema is always carried. */
    public enum Rows { ALL, DISC_ONLY }

    /** What a snapshot held: the commit version it was taken at and the last table id assigned. */
    public record Header(long version, long lastTableId) {
    }

    public static void write(Catalog catalog, long version, Rows rows, OutputStream sink) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(sink, new CRC32C());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeLong(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(DataFormat.VERSION);
        out.writeInt(headerCrc(FORMAT, DataFormat.VERSION));
        out.writeLong(version);
        out.writeLong(catalog.lastTableId());
        List<Table> tables = catalog.tables();
        out.writeInt(tables.size());
        for (Table t : tables) {
            writeTable(t, rows == Rows.ALL || t.schema().storage() == Storage.DISC, out);
        }
        out.flush();
        long crc = checked.getChecksum().getValue();
        out.writeLong(crc);
        out.flush();
    }

    private static void writeTable(Table t, boolean withRows, DataOutputStream out) throws IOException {
        List<TableSchema> history = t.history();
        out.writeInt(history.size());
        for (TableSchema s : history) {
            ByteSink b = new ByteSink(256);
            SchemaCodec.encodeSchema(s, b);
            out.writeInt(b.size());
            out.write(b.array(), 0, b.size());
        }
        out.writeLong(t.modVersion());
        if (withRows) {
            IOException[] failure = new IOException[1];
            t.forEachStored((key, value) -> {
                if (failure[0] == null) {
                    try {
                        out.writeByte(1);
                        out.writeInt(key.length);
                        out.write(key);
                        out.writeInt(value.length);
                        out.write(value);
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        out.writeByte(0);
    }

    private static int headerCrc(int format, int dataFormat) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(HEADER_BYTES).putLong(MAGIC).putInt(format).putInt(dataFormat).array());
        return (int) crc.getValue();
    }

    /** {@link #read(InputStream, Catalog, String)} of a snapshot its errors call "snapshot". */
    public static Header read(InputStream source, Catalog catalog) throws IOException {
        return read(source, catalog, "snapshot");
    }

    /**
     * Loads a snapshot, which errors call {@code name}, into an empty catalog; returns its header.
     *
     * @throws CorruptDataException if it is damaged
     * @throws DataFormatTooNewException if a newer build wrote it, in a data or snapshot format this build does not
     *     read
     */
    public static Header read(InputStream source, Catalog catalog, String name) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(source, new CRC32C());
        DataInputStream in = new DataInputStream(checked);
        try {
            if (in.readLong() != MAGIC) {
                throw new CorruptDataException("not a Mnemo snapshot (bad magic)");
            }
            int format = in.readInt();
            int dataFormat = 0; // snapshots of format 1 and 2 do not say; older than any that do
            if (format >= 3) {
                dataFormat = checkHeader(in, format, name);
            } else if (format != 2 && format != 1) {
                throw new CorruptDataException("snapshot format " + format + " is not supported (expected "
                        + FORMAT + ")");
            }
            long version = in.readLong();
            long lastTableId = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                readTable(in, catalog, version, format, dataFormat < TEXT_KEYS_BY_CODE_UNIT);
            }
            long expected = checked.getChecksum().getValue();
            if (in.readLong() != expected) {
                throw new CorruptDataException("snapshot checksum mismatch");
            }
            catalog.setLastTableId(lastTableId);
            return new Header(version, lastTableId);
        } catch (EOFException e) {
            throw new CorruptDataException("snapshot is truncated");
        } catch (CorruptDataException | TableFullException | DataFormatTooNewException e) {
            throw e; // damage already named, memory ran out, or a newer build wrote it: not the snapshot's fault
        } catch (RuntimeException e) {
            // The checksum comes last, so damage can first surface as anything (an unknown column, a bad row):
            // it is the snapshot that is wrong, and the caller must be able to tell and discard what it staged.
            throw new CorruptDataException("snapshot is damaged: " + e);
        }
    }

    /**
     * Reads the rest of a header of format 3 or later, checked by its own checksum before its formats are judged;
     * returns the data format it names.
     */
    private static int checkHeader(DataInputStream in, int format, String name) throws IOException {
        int dataFormat = in.readInt();
        if (in.readInt() != headerCrc(format, dataFormat)) {
            throw new CorruptDataException(name + " is damaged: its header fails its checksum");
        }
        if (format > FORMAT || dataFormat > DataFormat.VERSION) {
            throw new DataFormatTooNewException(name + " was written in data format " + dataFormat + " (snapshot"
                    + " format " + format + "), which is newer than this build reads: this build reads data format "
                    + DataFormat.VERSION + " (snapshot format " + FORMAT + ") and older");
        }
        return dataFormat;
    }

    /** Rows' keys written with {@code olderKeys} (before data format 11) are encoded again as they load. */
    private static void readTable(DataInputStream in, Catalog catalog, long version, int format, boolean olderKeys)
            throws IOException {
        int h = in.readInt();
        List<TableSchema> history = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            history.add(SchemaCodec.decodeSchema(new Bytes.Reader(readBytes(in))));
        }
        if (history.isEmpty()) {
            throw new CorruptDataException("snapshot table without schema");
        }
        Table t = catalog.restore(history);
        long modVersion = format == 1 ? version : in.readLong();
        while (in.readByte() == 1) {
            byte[] key = olderKeys ? t.upgradeKey(readBytes(in)) : readBytes(in);
            byte[] value = readBytes(in);
            t.change(key, null, value, version);
        }
        t.setModVersion(modVersion);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new CorruptDataException("implausible length " + n + " in snapshot");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}

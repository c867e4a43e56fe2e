package dev.mnemo.engine.disc;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.testing.TestCatalogs;
import dev.mnemo.engine.txn.Change;
import dev.mnemo.engine.txn.DdlOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A schema change and the rows its step writes to other tables are journaled as one entry, so that a crash keeps
 * the step whole or not at all; journals written before that, where the rows followed in an entry of their own
 * at the same version, still replay. Every kind of entry is decoded whole: bytes after what it holds are damage.
 */
class DiscStoreStepTest {
    @TempDir
    Path dir;
    private final TestCatalogs catalogs = new TestCatalogs(true);

    @AfterEach
    void closeCatalogs() {
        catalogs.close();
    }

    private static Table create(Catalog catalog, DiscStore store, String name, long version) {
        Table t = catalog.apply(DdlOp.createTable(TableSchema.create(0, TableDef.named(name)
                .column("k", ColumnType.varchar(10)).primaryKey("k").storage(Storage.DISC)), false), version);
        store.schemaChanged(version, t, t.tableId(), List.of(), catalog.lastTableId(), List.of());
        return t;
    }

    private static Change insert(Table t, String key, long version) {
        byte[] row = t.encodeRow(t.schema(), new Object[] {key});
        return new Change(t, t.encodeKey(new Object[] {key}), null,
                StoredValue.single(version, t.schema().version(), row));
    }

    /** Journals two tables, then at version 3 the drop of one with a row written to the other, as {@code step}. */
    private Change journalADropWithARow(StepJournal step) throws IOException {
        try (DiscStore store = new DiscStore(dir, 1 << 20, true)) {
            Catalog catalog = catalogs.create();
            store.recover(catalog);
            Table gone = create(catalog, store, "GONE", 1);
            Table kept = create(catalog, store, "KEPT", 2);
            Change row = insert(kept, "k1", 3);
            catalog.apply(DdlOp.dropTable("GONE", false), 3);
            kept.change(row.key(), null, row.after(), 3);
            step.journal(store, 3, gone.tableId(), catalog.lastTableId(), row);
            store.flush();
            return row;
        }
    }

    private interface StepJournal {
        void journal(DiscStore store, long version, long droppedTableId, long lastTableId, Change row);
    }

    private Catalog recovered() throws IOException {
        Catalog catalog = catalogs.create();
        try (DiscStore store = new DiscStore(dir, 1 << 20, true)) {
            assertThat(store.recover(catalog)).isEqualTo(3);
        }
        return catalog;
    }

    private List<Path> journals() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("journal-")).toList();
        }
    }

    /** Where each entry of a journal starts, after its header. */
    private static List<Integer> entryOffsets(byte[] journal) {
        List<Integer> offsets = new ArrayList<>();
        for (int at = Journal.HEADER_BYTES; at < journal.length;
                at += Journal.FRAME_HEADER_BYTES + ByteBuffer.wrap(journal).getInt(at)) {
            offsets.add(at);
        }
        return offsets;
    }

    /** The journal with one byte more at the end of the payload of its entry at {@code at}, framed as whole. */
    private static byte[] withATrailingByte(byte[] journal, int at) {
        int len = ByteBuffer.wrap(journal).getInt(at);
        byte[] payload = Arrays.copyOfRange(journal, at + Journal.FRAME_HEADER_BYTES,
                at + Journal.FRAME_HEADER_BYTES + len + 1);
        payload[len] = 0;
        ByteBuffer out = ByteBuffer.allocate(journal.length + 1).put(journal, 0, at);
        out.putInt(len + 1).putInt(Journal.crc(payload, 0, len + 1)).put(payload);
        return out.put(journal, at + Journal.FRAME_HEADER_BYTES + len, journal.length - at - Journal.FRAME_HEADER_BYTES
                - len).array();
    }

    /**
     * An entry that passes its checksum yet holds bytes after what it decodes to was not written by the code that
     * reads it: a schema entry (a create, a drop), a schema entry with rows, a rows entry. The open stops naming the
     * journal and the entry's offset, rather than apply part of what the entry may mean.
     */
    @Test
    void anEntryWithBytesAfterWhatItHoldsIsDamageNamingTheJournalAndItsOffset() throws IOException {
        for (boolean oneEntry : List.of(true, false)) {
            journalADropWithARow((store, version, dropped, lastTableId, r) -> {
                store.schemaChanged(version, null, dropped, List.of(), lastTableId, oneEntry ? List.of(r) : List.of());
                if (!oneEntry) {
                    store.rowsChanged(version, List.of(r));
                }
            });
            Path journal = journals().get(0);
            byte[] pristine = Files.readAllBytes(journal);
            List<Integer> entries = entryOffsets(pristine);
            assertThat(entries).hasSize(oneEntry ? 3 : 4);
            for (int at : entries) {
                byte[] damaged = withATrailingByte(pristine, at);
                Files.write(journal, damaged);
                assertThatThrownBy(this::recovered).as("entry at %d", at).isInstanceOf(CorruptDataException.class)
                        .hasMessageContaining("journal " + journal)
                        .hasMessageContaining("damaged at byte offset " + at + ":")
                        .hasMessageContaining("1 byte after what it holds");
                assertThat(Files.readAllBytes(journal)).as("nothing was cut").isEqualTo(damaged);
            }
            Files.delete(journal);
        }
    }

    @Test
    void aSchemaChangeCarriesTheRowsOfItsStepInOneEntry() throws IOException {
        Change row = journalADropWithARow((store, version, dropped, lastTableId, r) ->
                store.schemaChanged(version, null, dropped, List.of(), lastTableId, List.of(r)));
        int entries = entryOffsets(Files.readAllBytes(journals().get(0))).size();
        assertThat(entries).as("two creates, then the drop with its row").isEqualTo(3);
        Catalog catalog = recovered();
        assertThat(catalog.find("GONE")).isNull();
        assertThat(catalog.find("KEPT").stored(row.key())).isEqualTo(row.after());
    }

    @Test
    void anOldJournalWhoseRowsFollowTheSchemaChangeInAnEntryOfTheirOwnStillReplays() throws IOException {
        Change row = journalADropWithARow((store, version, dropped, lastTableId, r) -> {
            store.schemaChanged(version, null, dropped, List.of(), lastTableId, List.of());
            store.rowsChanged(version, List.of(r));
        });
        Catalog catalog = recovered();
        assertThat(catalog.find("GONE")).isNull();
        assertThat(catalog.find("KEPT").stored(row.key())).isEqualTo(row.after());
    }
}

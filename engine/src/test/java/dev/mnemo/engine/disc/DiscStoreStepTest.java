package dev.mnemo.engine.disc;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableSchema;
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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema change and the rows its step writes to other tables are journaled as one entry, so that a crash keeps
 * the step whole or not at all; journals written before that, where the rows followed in an entry of their own
 * at the same version, still replay.
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

    @Test
    void aSchemaChangeCarriesTheRowsOfItsStepInOneEntry() throws IOException {
        Change row = journalADropWithARow((store, version, dropped, lastTableId, r) ->
                store.schemaChanged(version, null, dropped, List.of(), lastTableId, List.of(r)));
        byte[] journal = Files.readAllBytes(journals().get(0));
        int entries = 0;
        for (int at = Journal.HEADER_BYTES; at < journal.length; at += Journal.FRAME_HEADER_BYTES + ByteBuffer.wrap(journal).getInt(at)) {
            entries++;
        }
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

package dev.mnemo.engine.disc;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.testing.Format10Keys;
import dev.mnemo.engine.testing.TestCatalogs;
import dev.mnemo.engine.testing.Texts;
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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disc table's journal written by a build of data format 10 holds its text keys in UTF-8, where a character above
 * U+FFFF sorts after U+E000..U+FFFF: recovery encodes them again, so every row is found under this build's key and
 * walks in {@link String#compareTo}'s order, and so do the journal entries this build adds to that journal and the
 * checkpoint it writes.
 */
class DiscStoreOlderKeysTest {
    @TempDir
    Path dir;
    private final TestCatalogs catalogs = new TestCatalogs(true);

    @AfterEach
    void closeCatalogs() {
        catalogs.close();
    }

    /** Journals, as data format 10 did, a disc ordered_set keyed by name, with an ordered index on nick. */
    private void journalAsFormat10() throws IOException {
        try (DiscStore store = new DiscStore(dir, 1 << 20, true)) {
            Catalog catalog = catalogs.create();
            store.recover(catalog);
            Table t = catalog.apply(DdlOp.createTable(TableSchema.create(0, TableDef.named("people")
                    .column("name", ColumnType.varchar(8)).column("nick", ColumnType.varchar(8)).primaryKey("name")
                    .kind(TableKind.ORDERED_SET).storage(Storage.DISC).index(IndexDef.ordered("by_nick", "nick"))),
                    false), 1);
            store.schemaChanged(1, t, t.tableId(), List.of(), catalog.lastTableId(), List.of());
            List<Change> rows = new ArrayList<>();
            for (String name : Format10Keys.NAMES) {
                byte[] row = t.encodeRow(t.schema(), new Object[] {name, "n" + name});
                rows.add(new Change(t, Format10Keys.primaryKey(t, name), null,
                        StoredValue.single(2, t.schema().version(), row)));
            }
            store.rowsChanged(2, rows);
            store.flush();
        }
        Path journal = onlyJournal();
        byte[] bytes = Files.readAllBytes(journal);
        ByteBuffer.wrap(bytes).putInt(8, 10).putInt(12, Journal.crc(bytes, 0, 12));
        Files.write(journal, bytes);
    }

    private Path onlyJournal() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> journals = s.filter(p -> p.getFileName().toString().startsWith("journal-")).toList();
            assertThat(journals).hasSize(1);
            return journals.get(0);
        }
    }

    private static void assertInStringOrder(Table t) {
        for (String name : Format10Keys.NAMES) {
            assertThat(t.stored(t.encodeKey(new Object[] {name}))).as(Texts.escaped(name)).isNotNull();
        }
        assertThat(t.size()).isEqualTo(Format10Keys.NAMES.length);
        assertThat(Format10Keys.inKeyOrder(t, 0)).isEqualTo(Format10Keys.sortedNames());
        assertThat(Format10Keys.inIndexOrder(t, 0, 1))
                .isEqualTo(Format10Keys.sortedNames().stream().map(n -> (Object) ("n" + n)).toList());
    }

    @Test
    void aJournalOfDataFormat10RecoversUnderThisBuildsTextKeysInStringOrder() throws IOException {
        journalAsFormat10();
        Catalog catalog = catalogs.create();
        try (DiscStore store = new DiscStore(dir, 1 << 20, true)) {
            assertThat(store.recover(catalog)).isEqualTo(2);
        }
        assertInStringOrder(catalog.require("people"));
    }

    /**
     * This build goes on writing in the journal it recovered from, whose header names data format 10: its own keys
     * replay as they are, beside the older ones encoded again; a checkpoint then holds this build's keys.
     */
    @Test
    void entriesThisBuildAddsToAnOlderJournalAndItsCheckpointRecoverAlike() throws IOException {
        journalAsFormat10();
        String added = "\uD83D\uDE01";
        try (DiscStore store = new DiscStore(dir, 1 << 20, true)) {
            Catalog catalog = catalogs.create();
            store.recover(catalog);
            Table t = catalog.require("people");
            byte[] row = t.encodeRow(t.schema(), new Object[] {added, "x"});
            Change c = new Change(t, t.encodeKey(new Object[] {added}), null,
                    StoredValue.single(3, t.schema().version(), row));
            t.change(c.key(), null, c.after(), 3);
            store.rowsChanged(3, List.of(c));
            store.flush();
        }
        Catalog recovered = catalogs.create();
        try (DiscStore store = new DiscStore(dir, 1 << 20, true)) {
            assertThat(store.recover(recovered)).isEqualTo(3);
            Table t = recovered.require("people");
            assertThat(t.stored(t.encodeKey(new Object[] {added}))).isNotNull();
            t.change(t.encodeKey(new Object[] {added}), t.stored(t.encodeKey(new Object[] {added})), null, 4);
            store.rowsChanged(4, List.of(new Change(t, t.encodeKey(new Object[] {added}),
                    StoredValue.single(3, t.schema().version(), t.encodeRow(t.schema(), new Object[] {added, "x"})),
                    null)));
            store.checkpoint(recovered, 4);
        }
        Catalog fromCheckpoint = catalogs.create();
        try (DiscStore store = new DiscStore(dir, 1 << 20, true)) {
            assertThat(store.recover(fromCheckpoint)).isEqualTo(4);
        }
        assertInStringOrder(fromCheckpoint.require("people"));
    }
}

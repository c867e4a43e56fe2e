package dev.mnemo.engine.disc;

import dev.mnemo.engine.DataFormatTooNewException;
import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.codec.DataFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journal starts with a header naming its kind and the data format that wrote it; journals written before the
 * header existed start with their first entry, and replay as they always did.
 */
class JournalFormatTest {
    @TempDir
    Path dir;

    private static byte[] payload(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Journals {@code entries} in one batch through the journal itself; returns the file's bytes. */
    private byte[] written(Path file, String... entries) throws IOException {
        try (Journal j = Journal.open(file, DiscSync.DEVICE)) {
            for (String e : entries) {
                byte[] p = payload(e);
                j.append(p, p.length);
            }
            j.flush(true);
        }
        return Files.readAllBytes(file);
    }

    /** A journal as builds before the header wrote it: nothing but frames, {@code [length][crc32c][payload]}. */
    private static byte[] headerless(String... entries) {
        ByteBuffer b = ByteBuffer.allocate(1 << 12);
        for (String e : entries) {
            byte[] p = payload(e);
            b.putInt(p.length).putInt(Journal.crc(p, 0, p.length)).put(p);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static List<String> replayed(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        Journal.replay(file, p -> out.add(new String(p, StandardCharsets.UTF_8)), DiscSync.DEVICE);
        return out;
    }

    @Test
    void aNewJournalStartsWithItsKindAndThisBuildsDataFormat() throws IOException {
        byte[] bytes = written(dir.resolve("j.log"), "one", "two");
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(payload("MNEMOJNL"));
        assertThat(ByteBuffer.wrap(bytes).getInt(8)).isEqualTo(DataFormat.VERSION);
        assertThat(bytes.length).isEqualTo(Journal.HEADER_BYTES + 2 * Journal.FRAME_HEADER_BYTES + 6);
        assertThat(replayed(dir.resolve("j.log"))).containsExactly("one", "two");
    }

    @Test
    void aJournalOpenedButNeverWrittenStaysEmpty() throws IOException {
        Path file = dir.resolve("j.log");
        Journal.open(file, DiscSync.DEVICE).close();
        assertThat(Files.size(file)).as("the header goes out with the first entries, not before").isZero();
        assertThat(written(file, "one")).startsWith(payload("MNEMOJNL"));
    }

    @Test
    void aJournalWrittenBeforeTheHeaderReplaysAndTakesMoreEntriesInItsOwnFormat() throws IOException {
        Path file = dir.resolve("j.log");
        byte[] old = headerless("one", "two");
        Files.write(file, old);
        assertThat(replayed(file)).containsExactly("one", "two");
        byte[] appended = written(file, "three");
        assertThat(Arrays.copyOf(appended, old.length)).isEqualTo(old);
        assertThat(appended).as("no header in the middle of an old journal").isEqualTo(headerless("one", "two",
                "three"));
        assertThat(replayed(file)).containsExactly("one", "two", "three");
    }

    @Test
    void anOldJournalsTornTailIsStillCutOff() throws IOException {
        Path file = dir.resolve("j.log");
        byte[] old = headerless("one", "two");
        Files.write(file, Arrays.copyOf(old, old.length - 2));
        assertThat(replayed(file)).containsExactly("one");
        assertThat(Files.size(file)).isEqualTo(Journal.FRAME_HEADER_BYTES + 3);
    }

    @Test
    void aJournalOfANewerDataFormatIsRefusedNamingTheFileAndBothFormats() throws IOException {
        Path file = dir.resolve("j.log");
        byte[] bytes = written(file, "one");
        ByteBuffer.wrap(bytes).putInt(8, DataFormat.VERSION + 1).putInt(12, Journal.crc(bytes, 0, 12));
        Files.write(file, bytes);
        assertThatThrownBy(() -> replayed(file)).isInstanceOf(DataFormatTooNewException.class)
                .hasMessageContaining("journal " + file)
                .hasMessageContaining("data format " + (DataFormat.VERSION + 1))
                .hasMessageContaining("this build reads data format " + DataFormat.VERSION);
        assertThat(Files.readAllBytes(file)).as("nothing was cut").isEqualTo(bytes);
    }

    /**
     * The header is written with the first entries and synced with them: a journal cut inside it never had an
     * entry acknowledged, and is an empty journal, which takes a whole header with its next entries.
     */
    @Test
    void aJournalCutInsideItsHeaderIsEmpty() throws IOException {
        Path file = dir.resolve("j.log");
        byte[] whole = written(file, "one");
        for (int cut = 1; cut < Journal.HEADER_BYTES; cut++) {
            Files.write(file, Arrays.copyOf(whole, cut));
            assertThat(replayed(file)).as("cut at %d", cut).isEmpty();
            assertThat(Files.size(file)).as("cut at %d", cut).isZero();
            assertThat(written(file, "one")).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void aDamagedHeaderThatWholeEntriesFollowIsDamageNotATornTail() throws IOException {
        Path file = dir.resolve("j.log");
        byte[] damaged = written(file, "one", "two");
        damaged[9] ^= 0x01;
        Files.write(file, damaged);
        assertThatThrownBy(() -> replayed(file)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("journal " + file)
                .hasMessageContaining("damaged at byte offset 0,");
        assertThat(Files.readAllBytes(file)).as("nothing was cut").isEqualTo(damaged);
    }
}

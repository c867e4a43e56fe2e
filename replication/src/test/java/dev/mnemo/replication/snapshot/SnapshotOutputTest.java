package dev.mnemo.replication.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotOutputTest {
    @TempDir
    Path dir;

    private SnapshotRef write(String name, byte[] content) throws IOException {
        try (SnapshotOutput out = SnapshotOutput.create(dir.resolve(name))) {
            out.write(content[0]); // one byte, a small write and a large one: every path through the buffer
            out.write(content, 1, 99);
            out.write(content, 100, content.length - 100);
            assertThat(out.bufferedBytes()).isLessThanOrEqualTo(SnapshotOutput.BUFFER_BYTES);
            return out.finish();
        }
    }

    @Test
    void whatIsWrittenIsCountedChecksummedAndReadBackWhole() throws IOException {
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        CRC32C crc = new CRC32C();
        crc.update(content);

        SnapshotRef ref = write("whole", content);

        assertThat(ref.sizeBytes()).isEqualTo(content.length);
        assertThat(ref.crc32c()).isEqualTo((int) crc.getValue());
        assertThat(SnapshotRef.decode(ref.encode())).isEqualTo(ref);
        try (InputStream in = SnapshotRef.open(ref.encode())) {
            assertThat(in.read()).isEqualTo(content[0] & 0xff);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 1, content.length));
        }
        try (InputStream in = SnapshotRef.open(new byte[0])) {
            assertThat(in.read()).as("empty data is an empty snapshot").isEqualTo(-1);
        }
        assertThatThrownBy(() -> SnapshotRef.decode(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDamagedOrShortFileFailsWhenReadToItsEnd() throws IOException {
        byte[] content = new byte[100_000];
        new Random(2).nextBytes(content);
        SnapshotRef damaged = write("damaged", content);
        try (RandomAccessFile file = new RandomAccessFile(damaged.file().toFile(), "rw")) {
            file.seek(77_777);
            file.write(content[77_777] ^ 1);
        }
        SnapshotRef shortened = write("short", content);
        try (RandomAccessFile file = new RandomAccessFile(shortened.file().toFile(), "rw")) {
            file.setLength(60_000);
        }

        try (InputStream in = damaged.open()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("checksum");
        }
        try (InputStream in = shortened.open()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(EOFException.class).hasMessageContaining("early");
        }
    }

    @Test
    void closingAnUnfinishedOutputDeletesItsFile() throws IOException {
        Path file = dir.resolve("abandoned");
        try (SnapshotOutput out = SnapshotOutput.create(file)) {
            out.write(new byte[1000]);
            assertThat(file).exists();
        }
        assertThat(file).doesNotExist();
        SnapshotRef finished;
        try (SnapshotOutput out = SnapshotOutput.create(file)) {
            out.write(7);
            finished = out.finish();
        }
        assertThat(Files.size(finished.file())).as("a finished output's file is kept").isEqualTo(1);
        assertThatThrownBy(() -> SnapshotOutput.create(file)).as("never overwrites a file")
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }
}

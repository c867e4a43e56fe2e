package dev.mnemo.replication.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsyncTest {
    @TempDir
    Path dir;

    @Test
    void createFileWritesTheWholeContentUnderTheNameAndLeavesNothingElse() throws IOException {
        Path file = dir.resolve("member-id");
        Fsync.createFile(file, "42 a@127.0.0.1:7001\n".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("42 a@127.0.0.1:7001");
        assertThat(names()).containsExactly("member-id");
    }

    @Test
    void createFileNeverReplacesAFileThatIsThere() throws IOException {
        Path file = dir.resolve("cookie");
        Files.writeString(file, "theirs\n");
        assertThatThrownBy(() -> Fsync.createFile(file, "mine\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(file).hasContent("theirs");
        assertThat(names()).containsExactly("cookie");
    }

    @Test
    void createFileGivesTheFileTheAttributesItIsAskedFor() throws IOException {
        Path file = dir.resolve("cookie");
        Fsync.createFile(file, new byte[] {1}, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void createDirectoriesSyncsEveryDirectoryItCreatesIntoItsParentTopDown() throws IOException {
        Path log = dir.resolve("a").resolve("b").resolve("log");
        List<Path> synced = new ArrayList<>();
        Fsync.createDirectories(log, synced::add);
        assertThat(log).isDirectory();
        assertThat(synced).containsExactly(dir, dir.resolve("a"), dir.resolve("a").resolve("b"));
    }

    @Test
    void createDirectoriesSyncsTheParentOfADirectoryThatExists() throws IOException {
        Path log = Files.createDirectories(dir.resolve("log")); // a crash may have come before its parent's sync
        List<Path> synced = new ArrayList<>();
        Fsync.createDirectories(log, synced::add);
        assertThat(synced).containsExactly(dir);
    }

    @Test
    void aDirectorySyncThatFailsFailsCreateDirectoriesNamingTheDirectory() {
        Path log = dir.resolve("data").resolve("log");
        assertThatThrownBy(() -> Fsync.createDirectories(log, failing -> {
            throw new IOException("injected directory sync failure");
        })).isInstanceOf(IOException.class).hasMessageContaining(dir.toString())
                .hasRootCauseMessage("injected directory sync failure");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

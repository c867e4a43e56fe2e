package dev.mnemo.replication.log;

import dev.mnemo.engine.disc.DurableDirectories;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;

/**
 * Durable file-system changes: a file's bytes are certain only once the file is synced, and a created, renamed or
 * deleted name only once its directory is.
 */
public final class Fsync {
    private Fsync() {
    }

    /**
     * Creates {@code dir} and the directories above it that are missing, each synced into its parent once created
     * (top down), so that a power loss cannot take away a directory whose files were made durable. The parent of
     * an existing {@code dir} is synced too: a crash may have come between its creation and that sync.
     *
     * @throws IOException if a directory cannot be created or synced (what is durable is then unknown)
     */
    public static void createDirectories(Path dir) throws IOException {
        createDirectories(dir, Fsync::directory);
    }

    /** {@link #createDirectories(Path)} with {@code sync} in place of the device's directory sync (for tests). */
    static void createDirectories(Path dir, DurableDirectories.Sync sync) throws IOException {
        DurableDirectories.create(dir, sync);
    }

    /** Syncs {@code dir}, making the names created, renamed or deleted in it so far durable (the engine's sync). */
    public static void directory(Path dir) throws IOException {
        DurableDirectories.sync(dir);
    }

    /**
     * Creates {@code file} holding {@code content}, for files whose loss or tearing would cost a member its identity
     * or a cluster its secret: whenever the process or the machine stops, the file is absent or whole (never empty
     * or cut short), and once this returns it is durable. The bytes go to a new file beside it (made with
     * {@code attributes}, such as its permissions), which is synced and then linked to {@code file}'s name, so a
     * file already there is never replaced, and reaches readers whole; then the directory is synced. A process that
     * dies midway may leave its temporary file ({@code .NAME.*.tmp}) behind, never a file under {@code file}'s name.
     *
     * @throws FileAlreadyExistsException if {@code file} exists (it is left as it was)
     */
    public static void createFile(Path file, byte[] content, FileAttribute<?>... attributes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attributes);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.createLink(file, tmp); // fails if the name is taken, where a rename would replace the file
            } catch (FileAlreadyExistsException taken) {
                throw taken;
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                // A file system without hard links: a rename refuses a name taken before it, not one taken meanwhile.
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        directory(dir);
    }
}

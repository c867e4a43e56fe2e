package dev.mnemo.engine.disc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Directories created so that they survive a power loss: each new directory is synced into its parent. The disc
 * store and the Raft log stores create their directories through this, and sync directories with {@link #sync}.
 */
public final class DurableDirectories {
    private DurableDirectories() {
    }

    /** Makes the names created in one directory durable: the device's sync, or a test's in its place. */
    @FunctionalInterface
    public interface Sync {
        void directory(Path dir) throws IOException;
    }

    /** The device's directory sync: makes the names created, renamed or deleted in {@code dir} so far durable. */
    public static void sync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Creates {@code dir} and the directories above it that are missing, each synced into its parent once created
     * (top down), so that a power loss cannot take away a directory whose files were made durable. The parent of
     * an existing {@code dir} is synced too: a crash may have come between its creation and that sync.
     *
     * @throws IOException if a directory cannot be created or synced (what is durable is then unknown)
     */
    public static void create(Path dir, Sync sync) throws IOException {
        Path absolute = dir.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) { // top down
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(p)) {
                    throw raced;
                }
            }
            syncInto(p.getParent(), sync);
        }
        if (missing.isEmpty() && absolute.getParent() != null) {
            syncInto(absolute.getParent(), sync);
        }
    }

    private static void syncInto(Path parent, Sync sync) throws IOException {
        try {
            sync.directory(parent);
        } catch (IOException e) {
            throw new IOException("cannot sync directory " + parent + " (" + e.getMessage() + ")", e);
        }
    }
}

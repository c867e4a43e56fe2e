package dev.mnemo.replication.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The private temporary directory of a {@link MemoryLogStore}'s snapshot files, and the removal of those that
 * crashed processes left behind.
 *
 * <p>Its owner holds an exclusive lock on the file {@value #OWNER} inside it for as long as the directory is in
 * use. The operating system drops the lock when the owner process ends, however it ends, so a directory whose
 * lock can be taken has no owner any more: the first store of a later process deletes such directories. A lock
 * (not a process id) is the test because it holds across PID namespaces: containers sharing a temporary
 * directory see each other's live members as alive. Only real directories (never a symbolic link) with the
 * prefix and an owner file are considered, and only file names this package makes are deleted in them.
 */
final class SnapshotTempDir implements AutoCloseable {
    static final String PREFIX = "mnemo-snapshots-";
    static final String OWNER = "owner.lock";
    private static final String OWNER_NEW = OWNER + ".new";
    /** The roots this process has already swept. */
    private static final Set<Path> SWEPT = new HashSet<>();

    private final Path dir;
    private final FileChannel ownerChannel;
    private final FileLock ownerLock;

    private SnapshotTempDir(Path dir, FileChannel ownerChannel, FileLock ownerLock) {
        this.dir = dir;
        this.ownerChannel = ownerChannel;
        this.ownerLock = ownerLock;
    }

    /**
     * Makes a new directory in {@code root}, owned by this process until {@link #close()}. The owner file is
     * locked before it takes its name, so no other process ever sees the directory as ownerless.
     */
    static SnapshotTempDir create(Path root) throws IOException {
        Path dir = Files.createTempDirectory(root, PREFIX);
        FileChannel channel = FileChannel.open(dir.resolve(OWNER_NEW), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.lock();
            Files.move(dir.resolve(OWNER_NEW), dir.resolve(OWNER), StandardCopyOption.ATOMIC_MOVE);
            return new SnapshotTempDir(dir, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            deleteOwnFiles(dir);
            Files.deleteIfExists(dir);
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    /** Deletes the directory and everything in it (a snapshot directory holds no subdirectories). */
    @Override
    public void close() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(OWNER)) {
                    Files.deleteIfExists(file);
                }
            }
        }
        Files.deleteIfExists(dir.resolve(OWNER)); // still locked: no other process takes the directory meanwhile
        ownerLock.release();
        ownerChannel.close();
        Files.deleteIfExists(dir);
    }

    /**
     * Deletes, once per process and root, the snapshot directories in {@code root} that no process owns any more.
     * Best effort: a directory that cannot be examined or emptied is left for a later process.
     */
    static void sweep(Path root) {
        synchronized (SWEPT) {
            if (!SWEPT.add(root)) {
                return;
            }
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    deleteIfOwnerless(dir);
                } catch (IOException | RuntimeException e) {
                    // left as it is; the next process tries again
                }
            }
        } catch (IOException e) {
            // the root cannot be listed: nothing to sweep
        }
    }

    private static void deleteIfOwnerless(Path dir) throws IOException {
        Path owner = dir.resolve(OWNER);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(owner, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException ownedHere) {
                return; // a store of this process holds it
            }
            if (lock == null) {
                return; // another process holds it
            }
            deleteOwnFiles(dir);
            Files.deleteIfExists(owner);
        }
        Files.deleteIfExists(dir);
    }

    /** Deletes the files in {@code dir} whose names this package makes: snapshot and part files, a new owner file. */
    private static void deleteOwnFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (SnapshotFile.isSnapshotName(name) || name.equals(OWNER_NEW)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}

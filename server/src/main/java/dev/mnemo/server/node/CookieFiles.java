package dev.mnemo.server.node;

import dev.mnemo.replication.log.Fsync;
import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.replication.transport.CookieException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The cookie file: read it, or create one with a fresh random secret, private to its owner (as Erlang's). */
public final class CookieFiles {
    /** Where a member looks when no cookie file is named: {@code ~/.mnemo.cookie}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".mnemo.cookie");
    }

    private CookieFiles() {
    }

    /** Reads {@code file}, creating it first with a random 32-byte secret (hex) if it does not exist. */
    public static Cookie readOrCreate(Path file) throws CookieException {
        if (!Files.exists(file)) {
            create(file);
        }
        return Cookie.fromFile(file);
    }

    /**
     * Creates {@code file} with a fresh secret, readable and writable by its owner only, unless it exists. It appears
     * whole (a member starting at the same moment never reads it empty) and is durable on return: a power loss
     * cannot leave it empty, or take it away to be replaced by a new secret the cluster's other members do not know.
     */
    public static void create(Path file) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        byte[] content = (HexFormat.of().formatHex(secret) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Fsync.createDirectories(parent);
            }
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Fsync.createFile(file, content,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Fsync.createFile(file, content);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another member created it at the same moment: use theirs.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cookie file " + file, e);
        }
    }
}

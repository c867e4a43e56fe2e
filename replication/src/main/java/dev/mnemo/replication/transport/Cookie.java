package dev.mnemo.replication.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster's shared secret. Members prove they know it with an HMAC over a handshake transcript, so it never
 * crosses the wire; {@link #toString()} never shows it.
 */
public final class Cookie {
    /** The two sides of a handshake; the label each proof starts with keeps one side's proof from passing as the
     *  other's. */
    public enum Role {
        DIALER("mnemo-peer-v1 dialer"),
        ACCEPTOR("mnemo-peer-v1 acceptor");

        private final byte[] label;

        Role(String label) {
            this.label = label.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final String HMAC = "HmacSHA256";
    private static final Set<PosixFilePermission> OTHERS_ACCESS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final byte[] secret;

    private Cookie(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("a cookie must not be empty");
        }
        this.secret = secret;
    }

    /** A cookie holding the UTF-8 bytes of {@code secret}. */
    public static Cookie of(String secret) {
        return new Cookie(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A cookie holding a copy of {@code secret}. */
    public static Cookie of(byte[] secret) {
        return new Cookie(secret.clone());
    }

    /**
     * Reads the cookie from {@code file}, without its trailing line break. On a POSIX file system the file must
     * not be readable or writable by its group or by others, as with SSH keys.
     */
    public static Cookie fromFile(Path file) throws CookieException {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS_ACCESS::contains)) {
                    throw new CookieException("cookie file " + file + " is accessible by its group or others ("
                            + PosixFilePermissions.toString(permissions) + "); make it private: chmod 600 " + file);
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            int length = bytes.length;
            while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r')) {
                length--;
            }
            if (length == 0) {
                throw new CookieException("cookie file " + file + " is empty");
            }
            return new Cookie(Arrays.copyOf(bytes, length));
        } catch (IOException e) {
            throw new CookieException("cannot read cookie file " + file + ": " + e, e);
        }
    }

    /** A copy of the secret, for handing to a {@link PeerTransport}. */
    public byte[] bytes() {
        return secret.clone();
    }

    /**
     * The proof {@code role} sends: HMAC-SHA256 keyed by the cookie over the role label, the dialer's name, the
     * acceptor's name, the dialer's nonce and the acceptor's nonce, each preceded by its length (4 bytes, big
     * endian).
     */
    public byte[] proof(Role role, String dialer, String acceptor, byte[] dialerNonce, byte[] acceptorNonce) {
        byte[] dialerBytes = dialer.getBytes(StandardCharsets.UTF_8);
        byte[] acceptorBytes = acceptor.getBytes(StandardCharsets.UTF_8);
        ByteBuffer transcript = ByteBuffer.allocate(5 * Integer.BYTES + role.label.length + dialerBytes.length
                + acceptorBytes.length + dialerNonce.length + acceptorNonce.length);
        for (byte[] part : new byte[][] {role.label, dialerBytes, acceptorBytes, dialerNonce, acceptorNonce}) {
            transcript.putInt(part.length).put(part);
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(transcript.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** Whether {@code proof} is the one {@code role} must send for this transcript; compares in constant time. */
    public boolean verify(byte[] proof, Role role, String dialer, String acceptor, byte[] dialerNonce,
            byte[] acceptorNonce) {
        return MessageDigest.isEqual(proof, proof(role, dialer, acceptor, dialerNonce, acceptorNonce));
    }

    @Override
    public String toString() {
        return "Cookie[secret hidden]";
    }
}

package dev.mnemo.sql.remote;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The client protocol's cookie challenge–response, used by both ends: each side proves it knows the cookie
 * with an HMAC-SHA256 over the session's transcript (a role label, the member's name, both nonces, each
 * length-prefixed), so the cookie never crosses the wire and neither proof can be replayed in another session
 * or passed off as the other role's.
 */
public final class ClientAuth {
    /** The protocol version this driver and service speak. */
    public static final int PROTOCOL_VERSION = 1;
    /** The shortest nonce either side accepts, in bytes. */
    public static final int NONCE_BYTES_MIN = 16;
    static final int NONCE_BYTES = 32;
    public static final String CLIENT_LABEL = "mnemo-client-v1 client";
    public static final String MEMBER_LABEL = "mnemo-client-v1 member";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientAuth() {
    }

    /** A fresh nonce from a cryptographically strong source. */
    public static byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    /** The proof of the side named by {@code label} over this session's transcript. */
    public static byte[] proof(byte[] cookie, String label, String member, byte[] clientNonce, byte[] memberNonce) {
        if (cookie.length == 0) {
            throw new IllegalArgumentException("the cookie is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cookie, "HmacSHA256"));
            for (byte[] part : new byte[][] {label.getBytes(StandardCharsets.UTF_8),
                member.getBytes(StandardCharsets.UTF_8), clientNonce, memberNonce}) {
                mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /** Compares proofs in time independent of where they differ. */
    public static boolean matches(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }
}

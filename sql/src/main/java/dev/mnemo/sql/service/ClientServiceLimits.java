package dev.mnemo.sql.service;

import dev.mnemo.engine.Durations;
import java.time.Duration;

/**
 * The bounds one client session lives within.
 *
 * @param pageRowsDefault rows per result page when the client leaves the choice to the member
 * @param pageRowsMax the most rows a page holds whatever the client asks
 * @param pageBytesMax a page stops growing once its encoded rows reach this many bytes (one row always fits, as
 *                     long as it fits a message: whatever this says, a page stays within
 *                     {@link dev.mnemo.sql.remote.MessageLimits#SENT_BYTES_MAX})
 * @param cursorsMax the most result cursors a session may hold open at once
 * @param readBarrierTimeout how long a linearizable statement waits for the replica to catch up
 */
public record ClientServiceLimits(int pageRowsDefault, int pageRowsMax, int pageBytesMax, int cursorsMax,
                                  Duration readBarrierTimeout) {
    public static final ClientServiceLimits DEFAULTS =
            new ClientServiceLimits(1000, 10_000, 1 << 20, 64, Duration.ofSeconds(10));

    public ClientServiceLimits {
        if (pageRowsDefault < 1 || pageRowsMax < pageRowsDefault) {
            throw new IllegalArgumentException("need 1 <= pageRowsDefault <= pageRowsMax, got " + pageRowsDefault
                    + " and " + pageRowsMax);
        }
        if (pageBytesMax < 1 || cursorsMax < 1) {
            throw new IllegalArgumentException("pageBytesMax and cursorsMax must be positive, got " + pageBytesMax
                    + " and " + cursorsMax);
        }
        if (readBarrierTimeout.isNegative() || readBarrierTimeout.isZero()) {
            throw new IllegalArgumentException("readBarrierTimeout must be positive, got "
                    + Durations.format(readBarrierTimeout));
        }
    }
}

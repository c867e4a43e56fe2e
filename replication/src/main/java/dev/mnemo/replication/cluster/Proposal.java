package dev.mnemo.replication.cluster;

import dev.mnemo.engine.MnemoException;

/**
 * A batch item waiting for a Raft turn of the leader to put it in a log entry: one of this member's own records
 * ({@link Pending}) or one forwarded by a follower. The turn that proposes it reports what became of it.
 */
interface Proposal {
    /** The encoded batch item (origin, sequence, record). */
    byte[] item();

    /** It is in the log, in the entry at (term, index); whether it commits shows when that entry is applied. */
    void appended(long term, long index);

    /** It was not appended (not the leader, a leadership transfer, back-pressure); resending is safe. */
    void refused(long leaderHint, String reason);

    /** It can never be appended (too large for one entry, malformed). */
    void failed(MnemoException error);
}

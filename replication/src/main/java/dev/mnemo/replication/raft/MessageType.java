package dev.mnemo.replication.raft;

/** The kinds of message Raft peers exchange; which {@link Message} fields each uses is documented there. */
public enum MessageType {
    /** Leader to follower: entries after (index, logTerm), and the leader's commit index. */
    APPEND,
    /** Follower to leader: accepted up to index, or rejected index with a hint where the logs may agree. */
    APPEND_RESPONSE,
    /** Leader to follower: "I am still leader"; carries a safe commit index and the latest read-index context. */
    HEARTBEAT,
    HEARTBEAT_RESPONSE,
    /** Would you vote for me at term? Sent before raising the term, so a partitioned node cannot inflate it. */
    PRE_VOTE,
    PRE_VOTE_RESPONSE,
    VOTE,
    VOTE_RESPONSE,
    /** Leader to follower: InstallSnapshot, for a follower that needs entries the leader has compacted. */
    SNAPSHOT,
    /** Leader to its chosen successor: campaign now, skipping pre-vote and the leader lease (transfer). */
    TIMEOUT_NOW,
    /** Follower to leader: a linearizable read request; carries no term (it is forwarded, like a local call). */
    READ_INDEX,
    /** Leader to follower: the read index for a context, once leadership has been confirmed by a quorum. */
    READ_INDEX_RESPONSE;

    /** Whether a message of this type answers an earlier request. */
    public boolean isResponse() {
        return this == APPEND_RESPONSE || this == HEARTBEAT_RESPONSE || this == PRE_VOTE_RESPONSE
                || this == VOTE_RESPONSE || this == READ_INDEX_RESPONSE;
    }

    /** The response type for a vote request type. */
    MessageType voteResponse() {
        if (this == PRE_VOTE) {
            return PRE_VOTE_RESPONSE;
        }
        if (this == VOTE) {
            return VOTE_RESPONSE;
        }
        throw new IllegalArgumentException("not a vote request: " + this);
    }
}

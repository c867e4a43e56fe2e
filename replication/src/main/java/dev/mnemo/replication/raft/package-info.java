/**
 * The Raft core: a pure, single-threaded state machine in the manner of etcd-io/raft.
 *
 * <p>Nothing here owns a thread, a clock, a socket or a file. A driver feeds the core with {@link
 * dev.mnemo.replication.raft.RawNode#tick()}, {@link dev.mnemo.replication.raft.RawNode#step} and the request
 * methods, and drains its output through {@link dev.mnemo.replication.raft.RawNode#ready()} and {@link
 * dev.mnemo.replication.raft.RawNode#advance}. The only randomness (the election timeout jitter) comes from a
 * seeded source the driver passes in, so a simulator can replay any run exactly.
 *
 * <p>Who owns what: {@code RawNode} is the API; {@code Raft} holds term, vote and role and dispatches messages;
 * {@code Election}, {@code Leader} and {@code Follower} hold the per-role rules; {@code RaftLog} (with {@code
 * UnstableLog}) is the log as the core sees it; {@code ProgressTracker}, {@code Progress} and {@code Inflights}
 * are the leader's view of its followers; {@code ReadIndexQueue} serves linearizable reads; {@code Storage} is
 * the caller's stable log, and {@code MemoryStorage} its in-memory implementation.
 */
package dev.mnemo.replication.raft;

package dev.mnemo.replication.raft;

/** The state a node must persist before it sends the messages of the same {@link Ready}. */
public record HardState(long term, long vote, long commit) {
    /** Nothing to persist (and the state of a node that has never run). */
    public static final HardState EMPTY = new HardState(0, 0, 0);

    public HardState {
        if (term < 0 || vote < 0 || commit < 0) {
            throw new IllegalArgumentException("hard state fields must not be negative");
        }
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}

package dev.mnemo.replication.raft;

/**
 * The leader's view of one follower: the highest index known to match ({@code match}), the next index to send
 * ({@code next}), the replication state, and when the follower last answered (for check-quorum).
 * Invariant: {@code match < next}.
 */
final class Progress {
    private long match;
    private long next;
    private ProgressState state = ProgressState.PROBE;
    private long pendingSnapshot;
    /** In PROBE: an append is out and we wait for an answer or the next heartbeat response. */
    private boolean probeSent;
    private long lastActiveTick;
    private boolean learner;
    private final Inflights inflights;

    Progress(long next, boolean learner, Inflights inflights, long nowTick) {
        this.next = next;
        this.learner = learner;
        this.inflights = inflights;
        this.lastActiveTick = nowTick;
    }

    long match() {
        return match;
    }

    long next() {
        return next;
    }

    ProgressState state() {
        return state;
    }

    long pendingSnapshot() {
        return pendingSnapshot;
    }

    boolean isLearner() {
        return learner;
    }

    void setLearner(boolean learner) {
        this.learner = learner;
    }

    Inflights inflights() {
        return inflights;
    }

    /** Resets for a new leader whose last index is {@code lastIndex}. */
    void resetForLeader(long lastIndex, boolean self, long nowTick) {
        resetState(ProgressState.PROBE);
        match = self ? lastIndex : 0;
        next = lastIndex + 1;
        lastActiveTick = nowTick;
    }

    void markActive(long nowTick) {
        lastActiveTick = nowTick;
    }

    /** Ticks since the follower last answered (or since this node became leader, if it has not yet). */
    long ticksSinceActive(long nowTick) {
        return nowTick - lastActiveTick;
    }

    boolean isActive(long nowTick, long windowTicks) {
        return nowTick - lastActiveTick <= windowTicks;
    }

    void becomeProbe() {
        if (state == ProgressState.SNAPSHOT) {
            long snapshotIndex = pendingSnapshot;
            resetState(ProgressState.PROBE);
            next = Math.max(match + 1, snapshotIndex + 1);
        } else {
            resetState(ProgressState.PROBE);
            next = match + 1;
        }
    }

    /** The snapshot could not be delivered: probe from the match index again. */
    void snapshotFailed() {
        pendingSnapshot = 0;
        becomeProbe();
    }

    void becomeReplicate() {
        resetState(ProgressState.REPLICATE);
        next = match + 1;
    }

    void becomeSnapshot(long snapshotIndex) {
        resetState(ProgressState.SNAPSHOT);
        pendingSnapshot = snapshotIndex;
        next = Math.max(next, snapshotIndex + 1);
    }

    private void resetState(ProgressState newState) {
        state = newState;
        probeSent = false;
        pendingSnapshot = 0;
        inflights.reset();
    }

    /** The follower acknowledged entries up to {@code index}; returns whether {@code match} moved. */
    boolean maybeUpdate(long index) {
        boolean updated = false;
        if (match < index) {
            match = index;
            updated = true;
            probeSent = false;
        }
        next = Math.max(next, index + 1);
        return updated;
    }

    /** An append with {@code entryCount} entries of {@code bytes} went out; advance {@code next} accordingly. */
    void sentEntries(int entryCount, long bytes) {
        switch (state) {
            case REPLICATE -> {
                if (entryCount > 0) {
                    long last = next + entryCount - 1;
                    inflights.add(last, bytes);
                    next = last + 1;
                }
            }
            case PROBE -> probeSent = true;
            case SNAPSHOT -> Invariants.check(false, "no append is sent while a snapshot is pending");
        }
    }

    /** A heartbeat answer arrived: a paused probe may send again. */
    void resumeProbe() {
        probeSent = false;
    }

    /** A heartbeat interval passed without the follower being reachable; pause a probe until it answers. */
    void pauseProbe() {
        if (state == ProgressState.PROBE) {
            probeSent = true;
        }
    }

    /**
     * The follower rejected the append at {@code rejected}, hinting that the logs may agree at {@code matchHint}.
     * Returns false for a stale rejection (one that arrived out of order).
     */
    boolean maybeDecrTo(long rejected, long matchHint) {
        if (state == ProgressState.REPLICATE) {
            if (rejected <= match) {
                return false;
            }
            next = match + 1;
            return true;
        }
        if (next - 1 != rejected) {
            return false;
        }
        next = Math.max(Math.min(rejected, matchHint + 1), match + 1);
        probeSent = false;
        return true;
    }

    boolean isPaused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }

    void checkInvariants(long leaderLastIndex) {
        Invariants.check(match < next, "progress match < next", match, next);
        Invariants.check(next <= leaderLastIndex + 1, "progress next within the leader's log", next,
                leaderLastIndex);
    }

    @Override
    public String toString() {
        return state + " match=" + match + " next=" + next + (learner ? " learner" : "")
                + (state == ProgressState.SNAPSHOT ? " pendingSnapshot=" + pendingSnapshot : "")
                + " inflight=" + inflights.count();
    }
}

package dev.mnemo.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MemoryStorage, UnstableLog and RaftLog. */
class LogTest {

    private static List<Entry> entries(long firstIndex, long... terms) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            out.add(Entry.normal(terms[i], firstIndex + i, new byte[] {(byte) i}));
        }
        return out;
    }

    @Test
    void memoryStorageAppendsTruncatesAndCompacts() {
        MemoryStorage s = new MemoryStorage();
        s.append(entries(1, 1, 1, 2, 2));
        assertThat(s.lastIndex()).isEqualTo(4);
        s.append(entries(3, 3));
        assertThat(s.lastIndex()).as("a conflicting entry replaces the tail").isEqualTo(3);
        assertThat(s.term(3)).isEqualTo(3);
        assertThatThrownBy(() -> s.append(entries(6, 3))).hasMessageContaining("no gap");
        s.append(entries(4, 3, 3, 3));
        s.createSnapshot(4, ConfState.ofVoters(1L), new byte[] {42});
        s.compact(4);
        assertThat(s.firstIndex()).isEqualTo(5);
        assertThat(s.term(4)).as("the compaction point keeps its term").isEqualTo(3);
        assertThatThrownBy(() -> s.term(3)).isInstanceOf(LogCompactedException.class);
        assertThatThrownBy(() -> s.term(7)).isInstanceOf(LogUnavailableException.class);
        assertThatThrownBy(() -> s.entries(4, 6, Long.MAX_VALUE)).isInstanceOf(LogCompactedException.class);
        s.append(entries(2, 1, 1, 3, 3, 3, 4)); // already-compacted prefix is skipped
        assertThat(s.lastIndex()).isEqualTo(7);
        assertThat(s.term(7)).isEqualTo(4);
    }

    @Test
    void memoryStorageEntriesHonourMaxBytesButReturnOneAtLeast() {
        MemoryStorage s = new MemoryStorage();
        s.append(entries(1, 1, 1, 1, 1));
        long one = entries(1, 1).get(0).sizeBytes();
        assertThat(s.entries(1, 5, 2 * one)).hasSize(2);
        assertThat(s.entries(1, 5, 2 * one - 1)).hasSize(1);
        assertThat(s.entries(1, 5, 0)).hasSize(1);
    }

    @Test
    void unstableEntriesLeaveWhenPersistedUnlessSuperseded() {
        UnstableLog u = new UnstableLog(5);
        u.truncateAndAppend(entries(5, 1, 1, 1));
        u.stableTo(6, 2);
        assertThat(u.offset()).as("a term mismatch means the entries changed meanwhile").isEqualTo(5);
        u.stableTo(6, 1);
        assertThat(u.offset()).isEqualTo(7);
        assertThat(u.entries()).hasSize(1);
        u.truncateAndAppend(entries(6, 2)); // shadows the stored entry at 6
        assertThat(u.offset()).isEqualTo(6);
        assertThat(u.maybeTerm(6)).isEqualTo(2);
        assertThat(u.maybeTerm(5)).isEqualTo(-1);
    }

    @Test
    void raftLogRefusesToOverwriteCommittedEntries() {
        MemoryStorage s = new MemoryStorage();
        s.append(entries(1, 1, 1, 1));
        RaftLog log = new RaftLog(s, Long.MAX_VALUE);
        log.commitTo(2);
        assertThatThrownBy(() -> log.append(entries(2, 2))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a committed entry is never overwritten");
        assertThatThrownBy(() -> log.maybeAppend(1, 1, 3, entries(2, 2, 2)))
                .hasMessageContaining("a committed entry is never overwritten");
        assertThatThrownBy(() -> log.commitTo(9)).hasMessageContaining("commit index lies within the log");
        assertThatThrownBy(() -> log.appliedTo(3)).hasMessageContaining("applied only moves forward");
    }

    @Test
    void maybeAppendKeepsMatchingEntriesAndReplacesOnlyFromTheFirstConflict() {
        MemoryStorage s = new MemoryStorage();
        s.append(entries(1, 1, 1, 2, 2));
        RaftLog log = new RaftLog(s, Long.MAX_VALUE);
        assertThat(log.maybeAppend(1, 1, 0, entries(2, 1))).as("a stale, shorter append").isEqualTo(2);
        assertThat(log.lastIndex()).as("does not truncate").isEqualTo(4);
        assertThat(log.maybeAppend(2, 1, 3, entries(3, 3, 3))).isEqualTo(4);
        assertThat(log.term(3)).isEqualTo(3);
        assertThat(log.committed()).isEqualTo(3);
        assertThat(log.maybeAppend(4, 9, 4, List.of())).as("previous entry mismatch").isEqualTo(-1);
    }

    @Test
    void findConflictByTermSkipsEntriesOfLaterTerms() {
        MemoryStorage s = new MemoryStorage();
        s.append(entries(1, 1, 1, 4, 4, 5, 5));
        RaftLog log = new RaftLog(s, Long.MAX_VALUE);
        assertThat(log.findConflictByTerm(6, 4)).isEqualTo(4);
        assertThat(log.findConflictByTerm(6, 3)).isEqualTo(2);
        assertThat(log.findConflictByTerm(9, 5)).as("capped at the last index").isEqualTo(6);
        assertThat(log.findConflictByTerm(6, 0)).isEqualTo(0);
    }

    @Test
    void committedEntriesPerReadyRespectTheByteLimitAtAndPastIt() {
        long one = entries(1, 1).get(0).sizeBytes();
        MemoryStorage s = new MemoryStorage();
        s.append(entries(1, 1, 1, 1, 1));
        RaftLog atLimit = new RaftLog(s, 2 * one);
        atLimit.commitTo(4);
        assertThat(atLimit.nextCommittedEntries()).hasSize(2);
        RaftLog pastLimit = new RaftLog(s, 2 * one - 1);
        pastLimit.commitTo(4);
        assertThat(pastLimit.nextCommittedEntries()).hasSize(1);
    }

    @Test
    void theUpToDateRuleComparesLastTermThenLength() {
        MemoryStorage s = new MemoryStorage();
        s.append(entries(1, 1, 2, 2));
        RaftLog log = new RaftLog(s, Long.MAX_VALUE);
        assertThat(log.isUpToDate(3, 2)).isTrue();
        assertThat(log.isUpToDate(2, 2)).isFalse();
        assertThat(log.isUpToDate(1, 3)).isTrue();
        assertThat(log.isUpToDate(9, 1)).isFalse();
    }
}

package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.log.CommitLog;
import dev.mnemo.engine.log.StateMachine;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.RecordCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The members of a cluster as the engine sees them: one total order of records, each applied by every member in
 * that order (encoded and decoded, as it would cross the network), the appender answered with its own outcome.
 */
final class LoopbackLog {
    private final List<StateMachine> machines = new ArrayList<>();
    private StateMachine hooked;
    private Runnable hook;
    private boolean hookedSchemaChangesOnly;
    private final List<CommitRecord> appended = new ArrayList<>();

    /**
     * Runs {@code r} when member {@code member} next appends, before its record is ordered: what {@code r}
     * commits through other members comes first in the log, as if they had raced it and won.
     */
    synchronized void beforeNextRecordOf(int member, Runnable r) {
        hooked = machines.get(member);
        hook = r;
        hookedSchemaChangesOnly = false;
    }

    /** As {@link #beforeNextRecordOf}, but for the next schema change the member appends, past its other records. */
    synchronized void beforeNextSchemaChangeOf(int member, Runnable r) {
        beforeNextRecordOf(member, r);
        hookedSchemaChangesOnly = true;
    }

    /** Every record appended so far, in log order: what members' transactions read and wrote. */
    synchronized List<CommitRecord> appended() {
        return List.copyOf(appended);
    }

    synchronized Outcome append(StateMachine self, CommitRecord record) {
        if (self == hooked && hook != null && (record.isSchemaChange() || !hookedSchemaChangesOnly)) {
            Runnable r = hook;
            hook = null;
            r.run();
        }
        appended.add(record);
        byte[] bytes = RecordCodec.encode(record);
        Outcome mine = null;
        for (StateMachine m : machines) {
            Outcome[] outcome = new Outcome[1];
            m.apply(List.of(RecordCodec.decode(bytes)), outcome);
            if (m == self) {
                mine = outcome[0];
            }
        }
        return mine;
    }

    CommitLog member() {
        return new CommitLog() {
            private StateMachine machine;

            @Override
            public void start(StateMachine m) {
                machine = m;
                synchronized (LoopbackLog.this) {
                    machines.add(m);
                }
            }

            @Override
            public Outcome append(CommitRecord record) {
                return LoopbackLog.this.append(machine, record);
            }

            @Override
            public CompletableFuture<Outcome> appendAsync(CommitRecord record) {
                return CompletableFuture.supplyAsync(() -> append(record), Runnable::run);
            }

            @Override
            public void close() {
            }
        };
    }
}

package dev.mnemo.benchmarks.harness;

import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker's operations for a workload: picks the next operation and its arguments from the worker's own seeded
 * random source (outside the timed part), then runs it on the worker's session, or submits it on the worker's
 * asynchronous session.
 */
final class WorkloadOps {
    /** Tries at drawing a transfer's second account from the distribution before falling back to uniform. */
    private static final int DISTINCT_ACCOUNT_TRIES_MAX = 8;

    private final Workload workload;
    private final KeyChooser chooser;
    private final Keys keys;
    private final SplittableRandom random;
    private final int fields;
    private final int scanRowsMax;
    private final AtomicLong nextInsertKey;

    private OpType type;
    private String key;
    private int field;
    private String value;
    private int rows;
    private String[] row;
    private long from;
    private long to;
    private long amount;

    WorkloadOps(Workload workload, KeyChooser chooser, Keys keys, SplittableRandom random,
                int fields, int scanRowsMax, AtomicLong nextInsertKey) {
        this.workload = workload;
        this.chooser = chooser;
        this.keys = keys;
        this.random = random;
        this.fields = fields;
        this.scanRowsMax = scanRowsMax;
        this.nextInsertKey = nextInsertKey;
    }

    /** These operations, each run on {@code session} and waited for. */
    WorkerLoop.Ops on(Session session) {
        return new WorkerLoop.Ops() {
            @Override
            public OpType prepare() {
                return WorkloadOps.this.prepare();
            }

            @Override
            public void execute() throws Exception {
                WorkloadOps.this.execute(session);
            }
        };
    }

    /** These operations, each submitted on {@code session} without waiting. */
    WorkerLoop.AsyncOps on(AsyncSession session) {
        return new WorkerLoop.AsyncOps() {
            @Override
            public OpType prepare() {
                return WorkloadOps.this.prepare();
            }

            @Override
            public CompletionStage<?> submit() {
                return WorkloadOps.this.submit(session);
            }
        };
    }

    OpType prepare() {
        type = workload.choose(random.nextDouble());
        switch (type) {
            case READ:
                key = Keys.name(chooser.next(random));
                break;
            case UPDATE:
            case READ_MODIFY_WRITE:
                key = Keys.name(chooser.next(random));
                field = random.nextInt(fields);
                value = keys.value(random);
                break;
            case SCAN:
                key = Keys.name(chooser.next(random));
                rows = 1 + random.nextInt(scanRowsMax);
                break;
            case INSERT:
                key = Keys.name(nextInsertKey.getAndIncrement());
                row = keys.values(random, fields);
                break;
            case TRANSFER:
                prepareTransfer();
                break;
            default:
                throw new IllegalStateException("unhandled operation " + type);
        }
        return type;
    }

    private void prepareTransfer() {
        long accounts = chooser.itemCount();
        from = chooser.next(random);
        to = from;
        for (int i = 0; i < DISTINCT_ACCOUNT_TRIES_MAX && to == from; i++) {
            to = chooser.next(random);
        }
        if (to == from) {
            to = (from + 1 + random.nextLong(accounts - 1)) % accounts;
        }
        amount = 1 + random.nextInt(Tables.TRANSFER_AMOUNT_MAX);
    }

    void execute(Session session) throws Exception {
        switch (type) {
            case READ:
                found(session.read(key), key);
                break;
            case UPDATE:
                found(session.update(key, field, value), key);
                break;
            case READ_MODIFY_WRITE:
                found(session.readModifyWrite(key, field, value), key);
                break;
            case SCAN:
                session.scan(key, rows);
                break;
            case INSERT:
                session.insert(key, row);
                break;
            case TRANSFER:
                session.transfer(from, to, amount);
                break;
            default:
                throw new IllegalStateException("unhandled operation " + type);
        }
    }

    /** Submits the operation prepared last; its arguments are taken now, before the next one is prepared. */
    CompletionStage<?> submit(AsyncSession session) {
        String k = key;
        switch (type) {
            case READ:
                return session.read(k).thenApply(f -> found(f, k));
            case UPDATE:
                return session.update(k, field, value).thenApply(f -> found(f, k));
            case READ_MODIFY_WRITE:
                return session.readModifyWrite(k, field, value).thenApply(f -> found(f, k));
            case SCAN:
                return session.scan(k, rows);
            case INSERT:
                return session.insert(k, row);
            case TRANSFER:
                return session.transfer(from, to, amount);
            default:
                throw new IllegalStateException("unhandled operation " + type);
        }
    }

    /** Every key read or updated was loaded; a missing one means the target lost a row. */
    private static boolean found(boolean found, String key) {
        if (!found) {
            throw new IllegalStateException("no row under key " + key + ", which was loaded");
        }
        return true;
    }
}

package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Mnemo#transactionAsync}: the same serializable transactions as {@link Mnemo#transaction}, with many in
 * flight from few threads; re-runs on conflict, failures and the closed database reach the caller's future.
 */
class AsyncTransactionTest {
    private static final int ACCOUNTS = 16;
    private static final long OPENING_BALANCE = 1_000;
    private static final int IN_FLIGHT_MAX = 64;
    private static final int TRANSFERS = 4_000;
    private static final int CHAIN = 50_000;

    static Mnemo openBank(MnemoConfig config) {
        return openBank(Mnemo.open(config));
    }

    /** Creates the accounts in {@code db} and returns it. */
    static Mnemo openBank(Mnemo db) {
        db.createTable(TableDef.named("account").column("id", ColumnType.INTEGER)
                .column("balance", ColumnType.BIGINT).notNull().primaryKey("id"));
        db.transaction(tx -> {
            for (int i = 0; i < ACCOUNTS; i++) {
                tx.insert("account", Row.of(i, OPENING_BALANCE));
            }
            return null;
        });
        return db;
    }

    private static long balance(Mnemo db, int id) {
        return db.dirtyRead("account", id).getLong("balance");
    }

    @Test
    void aTransactionCommitsAndCompletesWithItsValue() throws Exception {
        try (Mnemo db = openBank(MnemoConfig.builder().build())) {
            long seen = db.transactionAsync(tx -> {
                long b = tx.read("account", 3).getLong("balance");
                tx.write("account", Row.of(3, b + 5));
                return b;
            }).get(10, TimeUnit.SECONDS);
            assertThat(seen).isEqualTo(OPENING_BALANCE);
            assertThat(balance(db, 3)).isEqualTo(OPENING_BALANCE + 5);
            assertThat(db.transactionAsync(tx -> tx.read("account", 3).getLong("balance")).get(10, TimeUnit.SECONDS))
                    .as("a read-only function completes without a commit").isEqualTo(OPENING_BALANCE + 5);
            assertThat(db.stats().commits()).as("the opening insert and the one write").isEqualTo(2);
            assertThat(db.stats().readOnlyCommits()).isEqualTo(1);
        }
    }

    /** Many transfers in flight at once from two threads: every one is applied exactly once, the total holds. */
    @Test
    void manyTransfersInFlightFromTwoThreadsKeepTheTotalAndLoseNoUpdate() throws Exception {
        try (Mnemo db = openBank(MnemoConfig.builder().retriesMax(1_000).build())) {
            Semaphore window = new Semaphore(IN_FLIGHT_MAX);
            List<CompletableFuture<long[]>> all = new ArrayList<>();
            Thread[] launchers = new Thread[2];
            List<List<CompletableFuture<long[]>>> perThread = List.of(new ArrayList<>(), new ArrayList<>());
            for (int t = 0; t < launchers.length; t++) {
                int me = t;
                launchers[t] = new Thread(() -> {
                    Random random = new Random(7 + me);
                    for (int n = 0; n < TRANSFERS / 2; n++) {
                        int from = random.nextInt(ACCOUNTS);
                        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                        long amount = 1 + random.nextInt(50);
                        window.acquireUninterruptibly();
                        CompletableFuture<long[]> f = db.transactionAsync(tx -> {
                            long a = tx.read("account", from).getLong("balance");
                            long b = tx.read("account", to).getLong("balance");
                            if (a < amount) {
                                return new long[] {from, to, 0};
                            }
                            tx.write("account", Row.of(from, a - amount));
                            tx.write("account", Row.of(to, b + amount));
                            return new long[] {from, to, amount};
                        });
                        f.whenComplete((v, e) -> window.release());
                        perThread.get(me).add(f);
                    }
                });
                launchers[t].start();
            }
            for (Thread t : launchers) {
                t.join(TimeUnit.MINUTES.toMillis(2));
            }
            perThread.forEach(all::addAll);
            long[] expected = new long[ACCOUNTS];
            java.util.Arrays.fill(expected, OPENING_BALANCE);
            for (CompletableFuture<long[]> f : all) {
                long[] moved = f.get(2, TimeUnit.MINUTES);
                expected[(int) moved[0]] -= moved[2];
                expected[(int) moved[1]] += moved[2];
            }
            long total = 0;
            for (int i = 0; i < ACCOUNTS; i++) {
                assertThat(balance(db, i)).as("account %d", i).isEqualTo(expected[i]);
                total += balance(db, i);
            }
            assertThat(total).isEqualTo(ACCOUNTS * OPENING_BALANCE);
            MnemoStats stats = db.stats();
            assertThat(stats.commits() + stats.readOnlyCommits()).as("each transfer once, plus the opening insert")
                    .isEqualTo(TRANSFERS + 1);
            assertThat(stats.retriesExhausted()).isZero();
        }
    }

    /**
     * A completion that starts the next transaction, as an asynchronous client does, never runs it nested inside
     * the last one's commit: a long chain neither overflows the stack nor breaks the commit log.
     */
    @Test
    void aLongChainOfTransactionsEachStartedByTheLastOnesCompletionRunsFlat() throws Exception {
        try (Mnemo db = openBank(MnemoConfig.builder().build())) {
            CompletableFuture<Void> end = new CompletableFuture<>();
            chain(db, CHAIN, end);
            end.get(2, TimeUnit.MINUTES);
            assertThat(balance(db, 5)).isEqualTo(OPENING_BALANCE + CHAIN);
        }
    }

    private static void chain(Mnemo db, int left, CompletableFuture<Void> end) {
        if (left == 0) {
            end.complete(null);
            return;
        }
        db.transactionAsync(tx -> {
            long b = tx.read("account", 5).getLong("balance");
            tx.write("account", Row.of(5, b + 1));
            return null;
        }).whenComplete((v, e) -> {
            if (e != null) {
                end.completeExceptionally(e);
            } else {
                chain(db, left - 1, end);
            }
        });
    }

    /** A conflict re-runs the function on the callback thread; with no re-runs allowed the future fails typed. */
    @Test
    void aConflictReRunsTheFunctionOnTheCallbackThreadOrFailsWhenRetriesRunOut() throws Exception {
        for (int retries : new int[] {0, 3}) {
            try (Mnemo db = openBank(MnemoConfig.builder().retriesMax(retries).build())) {
                AtomicInteger runs = new AtomicInteger();
                AtomicReference<String> lastThread = new AtomicReference<>();
                CompletableFuture<Long> f = db.transactionAsync(tx -> {
                    long b = tx.read("account", 1).getLong("balance");
                    if (runs.incrementAndGet() == 1) {
                        db.dirtyWrite("account", Row.of(1, b + 100)); // changes what this run read
                    }
                    lastThread.set(Thread.currentThread().getName());
                    tx.write("account", Row.of(1, b + 1));
                    return b;
                });
                if (retries == 0) {
                    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(TransactionConflictException.class);
                    assertThat(balance(db, 1)).as("only the dirty write landed").isEqualTo(OPENING_BALANCE + 100);
                    assertThat(db.stats().retriesExhausted()).isEqualTo(1);
                } else {
                    assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(OPENING_BALANCE + 100);
                    assertThat(runs.get()).isEqualTo(2);
                    assertThat(lastThread.get()).isEqualTo("mnemo-async");
                    assertThat(balance(db, 1)).isEqualTo(OPENING_BALANCE + 101);
                    assertThat(db.stats().conflicts()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void theFunctionsOwnFailuresAndTheCommitsFailuresCompleteTheFutureAndWriteNothing() {
        try (Mnemo db = openBank(MnemoConfig.builder().build())) {
            CompletableFuture<Object> thrown = db.transactionAsync(tx -> {
                tx.write("account", Row.of(2, 0L));
                throw new IllegalArgumentException("no such customer");
            });
            assertThatThrownBy(() -> thrown.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such customer");
            CompletableFuture<Object> aborted = db.transactionAsync(tx -> {
                tx.write("account", Row.of(2, 0L));
                tx.abort("changed my mind");
                return null;
            });
            assertThatThrownBy(() -> aborted.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TransactionAbortedException.class);
            CompletableFuture<Object> duplicate = db.transactionAsync(tx -> {
                tx.insert("account", Row.of(2, 1L));
                return null;
            });
            assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DuplicateKeyException.class);
            assertThat(balance(db, 2)).isEqualTo(OPENING_BALANCE);
        }
    }

    /** A re-run that fails completes on the callback thread outside the run: what was chained may start anew. */
    @Test
    void aFailedReRunCompletesOutsideTheRunSoItsCompletionCanStartAnotherTransaction() throws Exception {
        try (Mnemo db = openBank(MnemoConfig.builder().build())) {
            AtomicInteger runs = new AtomicInteger();
            CompletableFuture<Long> next = db.transactionAsync(tx -> {
                long b = tx.read("account", 1).getLong("balance");
                if (runs.incrementAndGet() == 1) {
                    db.dirtyWrite("account", Row.of(1, b + 100)); // the first run conflicts; the re-run throws
                    tx.write("account", Row.of(1, b + 1));
                    return b;
                }
                throw new IllegalArgumentException("refused on re-run");
            }).handle((v, e) -> e).thenCompose(e -> db.transactionAsync(tx -> tx.read("account", 1)
                    .getLong("balance")));
            assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(OPENING_BALANCE + 100);
        }
    }

    /** Closing the database while many transactions are in flight answers every one of them; its threads end. */
    @Test
    void closingWithTransactionsInFlightAnswersEveryOneAndStopsTheCallbackThread() throws Exception {
        Mnemo db = openBank(MnemoConfig.builder().retriesMax(1_000).build());
        List<CompletableFuture<Object>> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread launcher = new Thread(() -> {
            for (int n = 0; n < 20_000; n++) {
                int id = n % ACCOUNTS;
                try {
                    sent.add(db.transactionAsync(tx -> {
                        tx.write("account", Row.of(id, (long) id));
                        return null;
                    }));
                } catch (DatabaseClosedException e) {
                    return;
                }
            }
        });
        launcher.start();
        while (sent.size() < 1_000 && launcher.isAlive()) {
            Thread.sleep(1);
        }
        db.close();
        launcher.join(TimeUnit.MINUTES.toMillis(1));
        for (CompletableFuture<Object> f : List.copyOf(sent)) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DatabaseClosedException.class);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("mnemo-async"))) {
            assertThat(System.nanoTime()).as("the callback thread ends after the close").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aTransactionCannotStartInsideAnotherOnTheSameThreadNorOnAClosedDatabase() throws Exception {
        Mnemo db = openBank(MnemoConfig.builder().build());
        CompletableFuture<?> nested = db.transaction(tx -> db.transactionAsync(inner -> inner.read("account", 1)));
        assertThatThrownBy(() -> nested.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        db.close();
        assertThatThrownBy(() -> db.transactionAsync(tx -> tx.read("account", 1)))
                .isInstanceOf(DatabaseClosedException.class);
    }
}

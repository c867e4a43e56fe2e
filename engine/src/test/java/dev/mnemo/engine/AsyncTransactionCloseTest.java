package dev.mnemo.engine;

import dev.mnemo.engine.log.CommitLog;
import dev.mnemo.engine.log.LocalCommitLog;
import dev.mnemo.engine.log.StateMachine;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every future {@link Mnemo#transactionAsync} returns is answered, whatever path its run took when it failed or
 * when the database closed under it: a run that could not finish fails with {@link DatabaseClosedException}.
 */
class AsyncTransactionCloseTest {
    private static final long OPENING_BALANCE = 1_000;

    /** A function may throw a checked exception the compiler does not see (Kotlin, sneaky throws): it still fails. */
    @Test
    void aCheckedExceptionFromTheFirstRunOrAReRunFailsTheFuture() {
        try (Mnemo db = AsyncTransactionTest.openBank(MnemoConfig.builder().build())) {
            CompletableFuture<Long> first = db.transactionAsync(tx -> {
                tx.write("account", Row.of(1, 0L));
                throw sneaky(new IOException("the statement file is gone"));
            });
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
            AtomicInteger runs = new AtomicInteger();
            CompletableFuture<Long> reRun = db.transactionAsync(tx -> {
                long b = tx.read("account", 1).getLong("balance");
                if (runs.incrementAndGet() == 1) {
                    db.dirtyWrite("account", Row.of(1, b + 100)); // changes what this run read: it runs again
                    tx.write("account", Row.of(1, b + 1));
                    return b;
                }
                throw sneaky(new IOException("the statement file is gone"));
            });
            assertThatThrownBy(() -> reRun.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("the statement file is gone");
            assertThat(runs.get()).isEqualTo(2);
            assertThat(db.dirtyRead("account", 1).getLong("balance")).isEqualTo(OPENING_BALANCE + 100);
        }
    }

    /** A run whose function is still going when the database closes fails as closed, not with what broke under it. */
    @Test
    void aRunOvertakenByTheCloseFailsAsClosed() throws Exception {
        for (boolean writes : new boolean[] {false, true}) {
            Mnemo db = AsyncTransactionTest.openBank(MnemoConfig.builder().build());
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            CompletableFuture<CompletableFuture<Long>> sent = new CompletableFuture<>();
            new Thread(() -> sent.complete(db.transactionAsync(tx -> {
                running.countDown();
                awaitUninterruptibly(closed);
                long b = tx.read("account", 2).getLong("balance");
                if (writes) {
                    tx.write("account", Row.of(2, b + 1));
                }
                return b;
            }))).start();
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            db.close();
            closed.countDown();
            assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS)).as("writes " + writes)
                    .hasCauseInstanceOf(DatabaseClosedException.class);
        }
    }

    /** Closing answers a commit the log never answered: the caller is not left waiting on a log that forgot it. */
    @Test
    void closingAnswersACommitTheLogNeverAnswered() throws Exception {
        for (boolean callbackThreadStarted : new boolean[] {false, true}) {
            Mnemo db = AsyncTransactionTest.openBank(Mnemo.open(MnemoConfig.builder().build(), new ForgetfulLog()));
            if (callbackThreadStarted) {
                assertThat(db.transactionAsync(tx -> tx.read("account", 1).getLong("balance"))
                        .get(10, TimeUnit.SECONDS)).isEqualTo(OPENING_BALANCE);
            }
            CompletableFuture<Object> forgotten = db.transactionAsync(tx -> {
                tx.write("account", Row.of(1, 0L));
                return null;
            });
            db.close();
            assertThatThrownBy(() -> forgotten.get(10, TimeUnit.SECONDS)).as("thread started " + callbackThreadStarted)
                    .hasCauseInstanceOf(DatabaseClosedException.class);
        }
    }

    /** A re-run waiting out a long back-off when the database closes fails as closed then, not when it was due. */
    @Test
    void aReRunWaitingOutItsBackOffFailsAsClosedAtTheClose() throws Exception {
        Duration day = Duration.ofDays(1);
        Mnemo db = AsyncTransactionTest.openBank(MnemoConfig.builder().backoff(day, day).build());
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Long> waiting = db.transactionAsync(tx -> {
            long b = tx.read("account", 3).getLong("balance");
            runs.incrementAndGet();
            db.dirtyWrite("account", Row.of(3, b + 1)); // every run conflicts
            tx.write("account", Row.of(3, b + 100));
            return b;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.stats().conflicts() == 0) {
            assertThat(System.nanoTime() - deadline).as("the first run conflicts").isNegative();
            Thread.sleep(1);
        }
        db.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DatabaseClosedException.class);
        assertThat(runs.get()).as("no re-run after the close").isEqualTo(1);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    /** The local commit log, except that it never answers an asynchronous append. */
    private static final class ForgetfulLog implements CommitLog {
        private final LocalCommitLog log = new LocalCommitLog(MnemoConfig.builder().build().commitBatchRecordsMax());

        @Override
        public void start(StateMachine machine) {
            log.start(machine);
        }

        @Override
        public Outcome append(CommitRecord record) {
            return log.append(record);
        }

        @Override
        public CompletableFuture<Outcome> appendAsync(CommitRecord record) {
            return new CompletableFuture<>();
        }

        @Override
        public void close() {
            log.close();
        }
    }
}

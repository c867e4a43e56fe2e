package dev.mnemo.engine.log;

import dev.mnemo.engine.DatabaseClosedException;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalCommitLog#close} against appenders on other threads: what was queued before it is applied and
 * answered, what comes after is answered as closed, and nothing reaches the state machine once it returned.
 */
class LocalCommitLogCloseTest {
    private static final int ROUNDS = 300;
    private static final int APPENDERS = 4;
    private static final int APPENDS_MAX = 2_000;

    @Test
    void afterTheCloseReturnedNothingIsAppliedAndEveryAppendIsAnsweredAppliedOrClosed() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            LocalCommitLog log = new LocalCommitLog(8);
            AtomicInteger appliedAfterClose = new AtomicInteger();
            boolean[] closeReturned = new boolean[1];
            log.start((records, outcomes) -> {
                synchronized (closeReturned) {
                    if (closeReturned[0]) {
                        appliedAfterClose.addAndGet(records.size());
                    }
                }
                for (int i = 0; i < records.size(); i++) {
                    outcomes[i] = Outcome.committed(1);
                }
            });
            CountDownLatch started = new CountDownLatch(APPENDERS);
            List<Thread> appenders = new ArrayList<>();
            List<List<CompletableFuture<Outcome>>> sent = new ArrayList<>();
            List<Throwable> syncFailures = new ArrayList<>();
            for (int t = 0; t < APPENDERS; t++) {
                boolean async = t % 2 == 0;
                List<CompletableFuture<Outcome>> mine = new ArrayList<>();
                sent.add(mine);
                Thread th = new Thread(() -> appendUntilClosed(log, async, mine, syncFailures, started));
                appenders.add(th);
                th.start();
            }
            started.await();
            log.close();
            synchronized (closeReturned) {
                closeReturned[0] = true;
            }
            for (Thread th : appenders) {
                th.join(TimeUnit.SECONDS.toMillis(10));
            }
            assertThat(appliedAfterClose.get()).as("round %d: records applied after the close", round).isZero();
            assertThat(syncFailures).as("round %d", round).isEmpty();
            for (List<CompletableFuture<Outcome>> mine : sent) {
                for (CompletableFuture<Outcome> f : mine) {
                    try {
                        assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(Outcome.Status.COMMITTED);
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).as("round %d", round).isInstanceOf(DatabaseClosedException.class);
                    }
                }
            }
        }
    }

    private static void appendUntilClosed(LocalCommitLog log, boolean async, List<CompletableFuture<Outcome>> sent,
                                          List<Throwable> failures, CountDownLatch started) {
        CommitRecord record = CommitRecord.transaction(List.of(), List.of());
        started.countDown();
        for (int n = 0; n < APPENDS_MAX; n++) {
            try {
                if (async) {
                    sent.add(log.appendAsync(record));
                } else {
                    log.append(record);
                }
            } catch (DatabaseClosedException e) {
                return;
            } catch (RuntimeException e) {
                synchronized (failures) {
                    failures.add(e);
                }
                return;
            }
        }
    }
}

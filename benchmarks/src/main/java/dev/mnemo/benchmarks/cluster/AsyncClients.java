package dev.mnemo.benchmarks.cluster;

import dev.mnemo.engine.Mnemo;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Clients that each keep one {@link Accounts#addOne(long)} transaction in flight through
 * {@link Mnemo#transactionAsync}, client {@code i} on member {@code i mod members}: when a client's transaction
 * completes, the completion (on that member's callback thread) starts the client's next one. So the clients are
 * concurrent without a thread each, as an application written against the asynchronous API runs.
 */
final class AsyncClients {
    private static final long WAIT_SECONDS = 60;

    private final Mnemo[] members;
    private final long[] ids;

    AsyncClients(Mnemo[] members, int clients) {
        this.members = members;
        this.ids = new long[clients];
        for (int c = 0; c < clients; c++) {
            ids[c] = 0x9E3779B97F4A7C15L * (c + 1);
        }
    }

    /** Runs {@code total} transactions over all clients and waits until every one completed; fails on any error. */
    void run(int total) throws InterruptedException {
        Round round = new Round(total);
        for (int c = 0; c < ids.length && round.launch(); c++) {
            next(c, round);
        }
        if (!round.done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(round.done.getCount() + " of " + total + " transactions did not complete"
                    + " within " + WAIT_SECONDS + " s");
        }
        Throwable failure = round.failure.get();
        if (failure != null) {
            throw new IllegalStateException("a client's transaction failed", failure);
        }
    }

    private void next(int client, Round round) {
        members[client % members.length].transactionAsync(Accounts.addOne(nextId(client))).whenComplete((v, e) -> {
            if (e != null) {
                round.failure.compareAndSet(null, e);
            }
            round.done.countDown();
            if (round.launch()) {
                next(client, round);
            }
        });
    }

    /** Client {@code c}'s next random account; only ever called by the one thread running its last completion. */
    private long nextId(int c) {
        long x = ids[c];
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        ids[c] = x;
        return 1 + Math.floorMod(x, (long) Accounts.ROWS);
    }

    private static final class Round {
        final int total;
        final AtomicInteger launched = new AtomicInteger();
        final CountDownLatch done;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Round(int total) {
            this.total = total;
            this.done = new CountDownLatch(total);
        }

        boolean launch() {
            return launched.getAndIncrement() < total;
        }
    }
}

package dev.mnemo.benchmarks.cluster;

import dev.mnemo.engine.Mnemo;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Clients that each keep one operation on a random account in flight through an asynchronous API: when a
 * client's operation completes, the completion (on whatever thread the store completes it) starts the client's
 * next one. So the clients are concurrent without a thread each, as an application written against an
 * asynchronous API runs. {@link #mnemo} runs {@link Accounts#addOne(long)} through {@link Mnemo#transactionAsync},
 * client {@code i} on member {@code i mod members}.
 */
final class AsyncClients {
    private static final long WAIT_SECONDS = 60;

    /** Starts client {@code client}'s operation on account {@code id}. */
    interface Operation {
        CompletionStage<?> start(int client, long id);
    }

    private final Operation operation;
    private final long[] ids;

    AsyncClients(int clients, Operation operation) {
        this.operation = operation;
        this.ids = new long[clients];
        for (int c = 0; c < clients; c++) {
            ids[c] = 0x9E3779B97F4A7C15L * (c + 1);
        }
    }

    static AsyncClients mnemo(Mnemo[] members, int clients) {
        return new AsyncClients(clients, (c, id) -> members[c % members.length].transactionAsync(Accounts.addOne(id)));
    }

    /** Runs {@code total} operations over all clients and waits until every one completed; fails on any error. */
    void run(int total) throws InterruptedException {
        Round round = new Round(total);
        for (int c = 0; c < ids.length && round.launch(); c++) {
            next(c, round);
        }
        if (!round.done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(round.done.getCount() + " of " + total + " operations did not complete"
                    + " within " + WAIT_SECONDS + " s");
        }
        Throwable failure = round.failure.get();
        if (failure != null) {
            throw new IllegalStateException("a client's operation failed", failure);
        }
    }

    private void next(int client, Round round) {
        CompletionStage<?> started;
        try {
            started = operation.start(client, nextId(client));
        } catch (RuntimeException e) {
            round.failure.compareAndSet(null, e); // this client stops; the rest finish the round
            round.done.countDown();
            return;
        }
        started.whenComplete((v, e) -> {
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

package dev.mnemo.engine.table;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes off-heap structures that were replaced or dropped, after a grace period long enough for any reader
 * that still holds them to finish. Readers never lock, so freeing at once could pull memory from under them.
 */
public final class Reclaimer implements AutoCloseable {
    private final long graceMillis;
    private final ScheduledExecutorService scheduler;
    /** Retired and not closed yet; whoever removes one closes it, so each is closed exactly once. */
    private final Set<AutoCloseable> retired = ConcurrentHashMap.newKeySet();

    public Reclaimer(long graceMillis) {
        this.graceMillis = graceMillis;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mnemo-reclaimer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Closes {@code resource} once its grace period is over; at once if this reclaimer is closed already (the
     * database is gone, so no reader remains), rather than leaving it to the garbage collector.
     */
    public void retire(AutoCloseable resource) {
        retired.add(resource);
        try {
            scheduler.schedule(() -> {
                if (retired.remove(resource)) {
                    closeQuietly(resource);
                }
            }, graceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            if (retired.remove(resource)) {
                closeQuietly(resource);
            }
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // Closing a replaced structure must not take the database down; nothing reads it any more.
        }
    }

    /** Closes everything retired so far at once; called when the whole database closes and no reader remains. */
    @Override
    public void close() {
        // Tasks a shut-down executor hands back refuse to run, so the resources are closed from the set instead.
        scheduler.shutdownNow();
        for (AutoCloseable resource : retired) {
            if (retired.remove(resource)) {
                closeQuietly(resource);
            }
        }
    }
}

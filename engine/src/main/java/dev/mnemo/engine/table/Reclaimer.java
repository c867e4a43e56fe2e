package dev.mnemo.engine.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
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
    /**
     * Retired and not closed yet, by identity: a Chronicle map's equals and hashCode are a {@link java.util.Map}'s,
     * by content, so two maps holding the same entries were one element and one of them was never closed (and
     * each hashCode read every entry). Whoever removes one closes it, so each is closed exactly once. Guarded by
     * itself.
     */
    private final Set<AutoCloseable> retired = Collections.newSetFromMap(new IdentityHashMap<>());

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
        synchronized (retired) {
            retired.add(resource);
        }
        try {
            scheduler.schedule(() -> {
                if (take(resource)) {
                    closeQuietly(resource);
                }
            }, graceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            if (take(resource)) {
                closeQuietly(resource);
            }
        }
    }

    private boolean take(AutoCloseable resource) {
        synchronized (retired) {
            return retired.remove(resource);
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
        List<AutoCloseable> left;
        synchronized (retired) {
            left = new ArrayList<>(retired);
            retired.clear();
        }
        left.forEach(Reclaimer::closeQuietly);
    }
}

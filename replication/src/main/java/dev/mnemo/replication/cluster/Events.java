package dev.mnemo.replication.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** Delivers {@link ClusterEvent}s to listeners on one thread, in the order they were published. */
final class Events implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final CopyOnWriteArrayList<ClusterListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;

    Events(String nodeName) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mnemo-events-" + nodeName);
            t.setDaemon(true);
            return t;
        });
    }

    void add(ClusterListener listener) {
        listeners.add(listener);
    }

    void remove(ClusterListener listener) {
        listeners.remove(listener);
    }

    void publish(ClusterEvent event) {
        try {
            thread.execute(() -> {
                for (ClusterListener l : listeners) {
                    try {
                        l.onEvent(event);
                    } catch (RuntimeException e) {
                        LOG.warn("a cluster listener failed on {}", event, e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            // The member is shutting down: nobody is listening any more.
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.mnemo.engine.events;

import dev.mnemo.engine.ChangeEvent;
import dev.mnemo.engine.ChangeListener;
import dev.mnemo.engine.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Fans committed row changes out to subscribers. Each subscription has its own bounded queue and delivery
 * thread, so a slow listener delays only itself; one that falls more than its queue behind is cut off
 * (never silently skipped past) and says why in {@link Subscription#failure()}. Closing the bus first delivers
 * what is queued, so the changes of every commit that returned before the database closed reach their listeners.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    /** How long closing waits, in all, for listeners to take what is queued: a stuck one must not hold it up. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Queued by {@link #close} behind a subscription's events: its thread ends when it takes it. */
    private static final ChangeEvent DRAINED = new ChangeEvent(null, null, null, null, -1);

    private final int queueEventsMax;
    private final List<Sub> subs = new CopyOnWriteArrayList<>();

    public EventBus(int queueEventsMax) {
        this.queueEventsMax = queueEventsMax;
    }

    /** Whether anyone listens at all (the applier builds events only then). */
    public boolean hasSubscribers() {
        return !subs.isEmpty();
    }

    /** Subscribes to one table's changes, or to every table's with a null table name. */
    public Subscription subscribe(String table, ChangeListener listener) {
        Sub s = new Sub(table == null ? null : table.toUpperCase(Locale.ROOT), listener);
        subs.add(s);
        s.thread.start();
        return s;
    }

    /** Queues a batch of events (in commit order) for every matching subscriber. */
    public void publish(List<ChangeEvent> events) {
        for (Sub s : subs) {
            for (ChangeEvent e : events) {
                if (s.table == null || s.table.equals(e.table())) {
                    if (!s.queue.offer(e)) {
                        s.fail("listener fell more than " + queueEventsMax + " events behind (subscriberQueueEventsMax)");
                        break;
                    }
                }
            }
        }
    }

    /**
     * Ends every subscription once its listener has taken the events already queued (within {@link #DRAIN_NANOS}
     * in all); call it after the last commit has been applied, as nothing published later is delivered.
     */
    @Override
    public void close() {
        for (Sub s : subs) {
            s.draining = true;
            // A full queue takes no mark, but then its thread is busy and sees draining before it would wait.
            s.queue.offer(DRAINED);
        }
        long deadline = System.nanoTime() + DRAIN_NANOS;
        for (Sub s : subs) {
            s.awaitDrained(deadline);
        }
        for (Sub s : subs) {
            s.close();
        }
    }

    private final class Sub implements Subscription, Runnable {
        final String table;
        final ChangeListener listener;
        final BlockingQueue<ChangeEvent> queue = new ArrayBlockingQueue<>(queueEventsMax);
        final Thread thread;
        volatile boolean active = true;
        /** Set when the bus closes: the thread ends once the queue is empty. */
        volatile boolean draining;
        volatile String failure;

        Sub(String table, ChangeListener listener) {
            this.table = table;
            this.listener = listener;
            this.thread = new Thread(this, "mnemo-events-" + (table == null ? "all" : table));
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (active) {
                if (draining && queue.isEmpty()) {
                    return;
                }
                ChangeEvent e;
                try {
                    e = queue.take();
                } catch (InterruptedException ie) {
                    return;
                }
                if (e == DRAINED) {
                    return;
                }
                try {
                    listener.onChange(e);
                } catch (RuntimeException ex) {
                    LOG.warn("change listener threw on {}; it keeps its subscription", e, ex);
                }
            }
        }

        /** Waits until this thread has delivered its queue and ended, or until the deadline. */
        void awaitDrained(long deadline) {
            if (Thread.currentThread() == thread) {
                return; // a listener that closes the database: its own queue ends when it returns
            }
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }

        void fail(String why) {
            failure = why;
            LOG.warn("change subscription to {} cut off: {}", table == null ? "all tables" : table, why);
            close();
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public String failure() {
            return failure;
        }

        @Override
        public void close() {
            active = false;
            subs.remove(this);
            thread.interrupt();
        }
    }
}

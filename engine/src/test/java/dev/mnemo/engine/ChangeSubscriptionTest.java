package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change subscriptions: every committed row change is delivered once, in commit order, with its old and new
 * rows, for transactions and dirty writes alike; nothing for what did not commit.
 */
class ChangeSubscriptionTest {
    /** How long to wait for an event that must come; generous, as delivery runs on its own thread. */
    private static final long WAIT_SECONDS = 20;

    private Mnemo db;

    @BeforeEach
    void open() {
        open(MnemoConfig.builder().build());
    }

    private void open(MnemoConfig config) {
        if (db != null) {
            db.close();
        }
        db = Mnemo.open(config);
        db.createTable(TableDef.named("a").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(5))
                .primaryKey("id"));
        db.createTable(TableDef.named("b").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(5))
                .primaryKey("id").kind(TableKind.BAG));
        db.createTable(TableDef.named("marker").column("id", ColumnType.INTEGER).primaryKey("id"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A listener that queues what it gets. */
    private static final class Recorder implements ChangeListener {
        final BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();

        @Override
        public void onChange(ChangeEvent event) {
            events.add(event);
        }

        /** Every event up to and including the next marker row; fails if the marker does not come. */
        List<ChangeEvent> untilMarker() throws InterruptedException {
            List<ChangeEvent> out = new ArrayList<>();
            while (true) {
                ChangeEvent e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(e).as("an event after %s", out).isNotNull();
                if (e.table().equals("MARKER")) {
                    return out;
                }
                out.add(e);
            }
        }
    }

    private int markers;

    private void marker() {
        db.dirtyWrite("marker", Row.of(++markers));
    }

    private static String describe(ChangeEvent e) {
        return e.table() + " " + e.type() + " " + (e.oldRow() == null ? "-" : e.oldRow().values()[1]) + " -> "
                + (e.newRow() == null ? "-" : e.newRow().values()[1]);
    }

    @Test
    void insertsUpdatesAndDeletesArriveInCommitOrderWithOldAndNewRows() throws Exception {
        Recorder all = new Recorder();
        db.subscribe(null, all);
        long v0 = db.version();
        db.transaction(tx -> {
            tx.insert("a", Row.of(1, "one"));
            tx.insert("a", Row.of(2, "two"));
            return null;
        });
        db.transaction(tx -> {
            tx.write("a", Row.of(1, "uno"));
            return null;
        });
        db.transaction(tx -> tx.delete("a", 2));
        marker();
        List<ChangeEvent> events = all.untilMarker();
        assertThat(events).extracting(ChangeSubscriptionTest::describe).containsExactly(
                "A INSERT - -> one", "A INSERT - -> two", "A UPDATE one -> uno", "A DELETE two -> -");
        assertThat(events).extracting(ChangeEvent::version).containsExactly(v0 + 1, v0 + 1, v0 + 2, v0 + 3);
        assertThat(events.get(2).oldRow().getInt("id")).isEqualTo(1);
        assertThat(events.get(2).newRow().getString("v")).isEqualTo("uno");
        assertThat(all.events).isEmpty();
    }

    @Test
    void dirtyWritesAndDeletesAreDeliveredToo() throws Exception {
        Recorder rec = new Recorder();
        db.subscribe(null, rec);
        db.dirtyWrite("a", Row.of(1, "x"));
        db.dirtyWrite("a", Row.of(1, "y"));
        db.dirtyDelete("a", 1);
        db.dirtyDelete("a", 1);
        marker();
        assertThat(rec.untilMarker()).extracting(ChangeSubscriptionTest::describe)
                .containsExactly("A INSERT - -> x", "A UPDATE x -> y", "A DELETE y -> -");
    }

    @Test
    void aTableSubscriptionSeesOnlyItsTableAndAnAllTablesOneSeesEveryTableInOrder() throws Exception {
        Recorder onlyB = new Recorder();
        Recorder all = new Recorder();
        db.subscribe("B", onlyB);
        db.subscribe(null, all);
        db.dirtyWrite("a", Row.of(1, "a1"));
        db.dirtyWrite("b", Row.of(1, "b1"));
        db.transaction(tx -> {
            tx.write("b", Row.of(1, "b2"));
            tx.write("a", Row.of(2, "a2"));
            return null;
        });
        marker();
        db.dirtyWrite("b", Row.of(9, "end"));
        List<ChangeEvent> allEvents = all.untilMarker();
        assertThat(allEvents).extracting(ChangeSubscriptionTest::describe).containsExactly(
                "A INSERT - -> a1", "B INSERT - -> b1", "B INSERT - -> b2", "A INSERT - -> a2");
        List<ChangeEvent> bEvents = new ArrayList<>();
        while (bEvents.size() < 3) {
            ChangeEvent e = onlyB.events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            bEvents.add(e);
        }
        assertThat(bEvents).extracting(ChangeSubscriptionTest::describe)
                .containsExactly("B INSERT - -> b1", "B INSERT - -> b2", "B INSERT - -> end");
    }

    @Test
    void bagEventsNameTheRowsAddedAndRemoved() throws Exception {
        Recorder rec = new Recorder();
        db.subscribe("b", rec);
        db.subscribe(null, e -> { });
        db.dirtyWrite("b", Row.of(1, "x"));
        db.dirtyWrite("b", Row.of(1, "y"));
        db.dirtyWrite("b", Row.of(1, "y"));
        db.transaction(tx -> tx.deleteObject("b", Row.of(1, "x")));
        db.dirtyWrite("b", Row.of(1, "z"));
        db.dirtyDelete("b", 1);
        db.dirtyWrite("b", Row.of(2, "end"));
        List<ChangeEvent> events = new ArrayList<>();
        while (events.size() < 6) {
            ChangeEvent e = rec.events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(e).as("event after %s", events).isNotNull();
            events.add(e);
        }
        assertThat(events).extracting(ChangeSubscriptionTest::describe).containsExactly(
                "B INSERT - -> x", "B INSERT - -> y", "B DELETE x -> -", "B INSERT - -> z",
                "B DELETE y -> -", "B DELETE z -> -");
        ChangeEvent last = rec.events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(describe(last)).isEqualTo("B INSERT - -> end");
    }

    @Test
    void whatDoesNotCommitIsNotDelivered() throws Exception {
        Recorder rec = new Recorder();
        db.subscribe(null, rec);
        db.dirtyWrite("a", Row.of(1, "x"));
        try {
            db.transaction(tx -> {
                tx.write("a", Row.of(2, "y"));
                tx.abort("no");
                return null;
            });
        } catch (TransactionAbortedException expected) {
            // nothing applied
        }
        try {
            db.transaction(tx -> {
                tx.write("a", Row.of(3, "z"));
                tx.insert("a", Row.of(1, "dup"));
                return null;
            });
        } catch (DuplicateKeyException expected) {
            // nothing applied
        }
        db.transaction(tx -> tx.read("a", 1));
        marker();
        assertThat(rec.untilMarker()).extracting(ChangeSubscriptionTest::describe).containsExactly("A INSERT - -> x");
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        Recorder closed = new Recorder();
        Recorder open = new Recorder();
        Subscription s = db.subscribe("a", closed);
        db.subscribe(null, open);
        db.dirtyWrite("a", Row.of(1, "x"));
        assertThat(closed.events.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        s.close();
        assertThat(s.isActive()).isFalse();
        db.dirtyWrite("a", Row.of(2, "y"));
        marker();
        assertThat(open.untilMarker()).hasSize(2);
        assertThat(closed.events).isEmpty();
        assertThat(s.failure()).isNull();
    }

    @Test
    void closingTheDatabaseFirstDeliversTheChangesOfEveryCommitThatReturned() {
        List<ChangeEvent> got = new CopyOnWriteArrayList<>();
        Subscription s = db.subscribe("a", e -> {
            try {
                Thread.sleep(20); // a listener slower than the writer, so changes are still queued at close
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            got.add(e);
        });
        db.transaction(tx -> {
            for (int i = 0; i < 20; i++) {
                tx.write("a", Row.of(i, "v"));
            }
            return null;
        });
        db.dirtyWrite("a", Row.of(20, "dirty"));
        db.close();
        assertThat(got).hasSize(21);
        assertThat(s.isActive()).isFalse();
    }

    @Test
    void aListenerThatFallsTooFarBehindIsCutOffAndToldWhy() throws Exception {
        open(MnemoConfig.builder().subscriberQueueEventsMax(4).build());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Subscription slow = db.subscribe("a", e -> {
            first.countDown();
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        db.dirtyWrite("a", Row.of(0, "first"));
        assertThat(first.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 10; i++) {
            db.dirtyWrite("a", Row.of(i, "v"));
        }
        assertThat(slow.isActive()).isFalse();
        assertThat(slow.failure()).contains("subscriberQueueEventsMax");
        release.countDown();
        assertThat(db.size("a")).as("the writers were never held up").isEqualTo(11);
    }
}

package dev.mnemo.engine.table;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ReclaimerTest {

    @Test
    void closingTheReclaimerClosesWhatIsStillInItsGracePeriodOnce() {
        AtomicInteger closed = new AtomicInteger();
        Reclaimer reclaimer = new Reclaimer(TimeUnit.HOURS.toMillis(1));
        reclaimer.retire(closed::incrementAndGet);
        reclaimer.retire(closed::incrementAndGet);
        assertThat(closed).hasValue(0);
        reclaimer.close();
        assertThat(closed).hasValue(2);
        reclaimer.close();
        assertThat(closed).hasValue(2);
    }

    @Test
    void aResourceClosedAfterItsGraceIsNotClosedAgainAtTheEnd() throws InterruptedException {
        AtomicInteger closed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        Reclaimer reclaimer = new Reclaimer(0);
        reclaimer.retire(() -> {
            closed.incrementAndGet();
            done.countDown();
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        reclaimer.close();
        assertThat(closed).hasValue(1);
    }

    @Test
    void aResourceRetiredAfterTheReclaimerClosedIsClosedAtOnce() {
        AtomicInteger closed = new AtomicInteger();
        Reclaimer reclaimer = new Reclaimer(TimeUnit.HOURS.toMillis(1));
        reclaimer.close();
        reclaimer.retire(closed::incrementAndGet);
        assertThat(closed).hasValue(1);
    }

    /** Equal by value, as two Chronicle maps holding the same entries are equal. */
    private record Resource(AtomicInteger closes) implements AutoCloseable {
        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void twoEqualResourcesAreEachClosed() {
        AtomicInteger closed = new AtomicInteger();
        Reclaimer reclaimer = new Reclaimer(TimeUnit.HOURS.toMillis(1));
        reclaimer.retire(new Resource(closed));
        reclaimer.retire(new Resource(closed));
        reclaimer.close();
        assertThat(closed).hasValue(2);
    }
}

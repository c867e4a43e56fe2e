package dev.mnemo.sql.exec;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MnemoRuntime#atMost}, what a LIMIT over a lazy ordered scan reads through: it gives the first rows and
 * never asks its input for one more, however often it is asked (Calcite's limit asks once past the last row).
 */
class AtMostTest {
    /** The numbers 1..n, counting how many rows were asked of it. */
    private static Enumerable<Integer> counted(int n, AtomicInteger asked) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Integer> enumerator() {
                Enumerator<Integer> in = Linq4j.enumerator(IntStream.rangeClosed(1, n).boxed().toList());
                return new Enumerator<>() {
                    @Override
                    public Integer current() {
                        return in.current();
                    }

                    @Override
                    public boolean moveNext() {
                        asked.incrementAndGet();
                        return in.moveNext();
                    }

                    @Override
                    public void reset() {
                        in.reset();
                    }

                    @Override
                    public void close() {
                        in.close();
                    }
                };
            }
        };
    }

    @Test
    void aLimitOverItAsksTheInputForTheRowsItKeepsAndNoMore() {
        AtomicInteger asked = new AtomicInteger();
        List<Integer> out = MnemoRuntime.atMost(counted(100, asked), 10).take(10).toList();
        assertThat(out).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(asked.get()).isEqualTo(10);

        // Without it, Calcite's take reads one row more.
        AtomicInteger direct = new AtomicInteger();
        assertThat(counted(100, direct).take(10).toList()).hasSize(10);
        assertThat(direct.get()).isEqualTo(11);
    }

    @Test
    void aShorterInputEndsItEarlyAndAResetStartsOver() {
        AtomicInteger asked = new AtomicInteger();
        Enumerator<Integer> e = MnemoRuntime.atMost(counted(3, asked), 10).enumerator();
        int rows = 0;
        while (e.moveNext()) {
            rows++;
        }
        assertThat(rows).isEqualTo(3);
        assertThat(e.moveNext()).isFalse();
        e.reset();
        assertThat(e.moveNext()).isTrue();
        assertThat(e.current()).isEqualTo(1);
        e.close();
    }
}

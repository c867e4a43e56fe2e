package dev.mnemo.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The distinct errors of a round with how often each occurred, so that a report says what failed and not only how
 * often. At most {@value #DISTINCT_MAX} distinct messages are kept; the rest are counted together.
 */
final class ErrorSamples {
    static final int DISTINCT_MAX = 8;
    private static final String OTHERS = "(other errors)";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(OpType type, Throwable failure) {
        String key = type.label() + ": " + Failures.describe(failure);
        LongAdder count = counts.get(key);
        if (count == null) {
            count = counts.size() < DISTINCT_MAX ? counts.computeIfAbsent(key, k -> new LongAdder())
                    : counts.computeIfAbsent(OTHERS, k -> new LongAdder());
        }
        count.increment();
    }

    /** "N × message" lines, most frequent first. */
    List<String> lines() {
        List<Map.Entry<String, LongAdder>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, LongAdder> e : entries) {
            out.add(String.format("%,d × %s", e.getValue().sum(), e.getKey()));
        }
        return out;
    }
}

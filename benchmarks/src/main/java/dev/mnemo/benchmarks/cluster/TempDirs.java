package dev.mnemo.benchmarks.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes what a benchmark put in a temporary directory. */
final class TempDirs {
    private TempDirs() {
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The bytes of every regular file under {@code dir} whose name ends with {@code suffix}. */
    static long size(Path dir, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            long total = 0;
            for (Path p : paths.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }
}

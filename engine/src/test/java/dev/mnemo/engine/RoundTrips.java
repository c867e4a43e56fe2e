package dev.mnemo.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Checks what a database holds after it restarts from its data directory, or in a copy loaded from a snapshot. */
final class RoundTrips {
    private RoundTrips() {
    }

    /** Runs {@code make} on a disc database in {@code dir}, then {@code check} on it reopened. */
    static void afterRestart(Path dir, Consumer<Mnemo> make, Consumer<Mnemo> check) {
        MnemoConfig config = MnemoConfig.builder().dataDir(dir).build();
        try (Mnemo db = Mnemo.open(config)) {
            make.accept(db);
        }
        try (Mnemo db = Mnemo.open(config)) {
            check.accept(db);
        }
    }

    /** Runs {@code make} on an in-memory database, then {@code check} on a fresh one loaded from its snapshot. */
    static void afterSnapshot(Consumer<Mnemo> make, Consumer<Mnemo> check) throws IOException {
        try (Mnemo source = Mnemo.inMemory(); Mnemo copy = Mnemo.inMemory()) {
            make.accept(source);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            source.snapshot(out);
            copy.loadSnapshot(new ByteArrayInputStream(out.toByteArray()));
            check.accept(copy);
        }
    }
}

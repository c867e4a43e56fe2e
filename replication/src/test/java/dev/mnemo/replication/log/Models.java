package dev.mnemo.replication.log;

import java.util.ArrayList;
import java.util.List;

/** The in-memory stores a test makes as models, closed together after it (closing deletes their snapshot files). */
final class Models implements AutoCloseable {
    private final List<MemoryLogStore> made = new ArrayList<>();

    MemoryLogStore next() {
        MemoryLogStore model = new MemoryLogStore();
        made.add(model);
        return model;
    }

    @Override
    public void close() {
        made.forEach(MemoryLogStore::close);
    }
}

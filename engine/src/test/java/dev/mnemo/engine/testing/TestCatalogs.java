package dev.mnemo.engine.testing;

import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.Reclaimer;
import dev.mnemo.engine.table.TableLimits;

import java.util.ArrayList;
import java.util.List;

/** Catalogs of small tables for tests below the public API, closed with their reclaimer when the test ends. */
public final class TestCatalogs implements AutoCloseable {
    private final Reclaimer reclaimer = new Reclaimer(0);
    private final List<Catalog> created = new ArrayList<>();
    private final boolean discAllowed;

    /** Catalogs that take disc tables if {@code discAllowed}, as a database with a data directory does. */
    public TestCatalogs(boolean discAllowed) {
        this.discAllowed = discAllowed;
    }

    /** A new empty catalog, closed with the others. */
    public Catalog create() {
        Catalog c = new Catalog(new TableLimits(1 << 20, 1024, 1000), reclaimer, discAllowed);
        created.add(c);
        return c;
    }

    /** The catalog created first. */
    public Catalog first() {
        return created.get(0);
    }

    @Override
    public void close() {
        created.forEach(Catalog::close);
        reclaimer.close();
    }
}

package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory members that share one {@link LoopbackLog}, each reachable at its own embedded JDBC URL. */
final class LoopbackMembers implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final List<String> urls = new ArrayList<>();
    final LoopbackLog log = new LoopbackLog();
    final List<Mnemo> dbs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    LoopbackMembers(int count) {
        for (int m = 0; m < count; m++) {
            String name = "loopmember" + DATABASES.incrementAndGet();
            dbs.add(Mnemo.open(MnemoConfig.builder().build(), log.member()));
            Databases.register(name, dbs.get(m));
            names.add(name);
            urls.add("jdbc:mnemo:mem:" + name);
        }
    }

    @Override
    public void close() {
        for (String name : names) {
            Databases.close(name);
        }
        dbs.forEach(Mnemo::close);
    }
}

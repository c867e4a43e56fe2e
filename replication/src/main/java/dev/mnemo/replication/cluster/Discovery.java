package dev.mnemo.replication.cluster;

import java.util.List;

/**
 * Where a starting member looks for a cluster to join. A member that has no state of its own and whose discovery
 * finds no seed founds a new cluster; one with seeds asks them, in turn, to let it join.
 */
@FunctionalInterface
public interface Discovery {
    /**
     * The peers to ask, as {@code host:port} addresses (or full node names, {@code name@host:port}); may change
     * between calls (DNS). Never null.
     */
    List<String> seeds();

    /** No seeds: the member founds a cluster of its own. */
    static Discovery none() {
        return List::of;
    }
}

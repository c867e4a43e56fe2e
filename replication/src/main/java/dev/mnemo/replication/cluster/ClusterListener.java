package dev.mnemo.replication.cluster;

/** Receives {@link ClusterEvent}s in the order this member observed them, on one event thread. */
@FunctionalInterface
public interface ClusterListener {
    void onEvent(ClusterEvent event);
}

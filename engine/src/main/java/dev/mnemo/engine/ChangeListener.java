package dev.mnemo.engine;

/** Receives row changes of the tables it subscribed to, one at a time, in commit order, each exactly once. */
@FunctionalInterface
public interface ChangeListener {
    void onChange(ChangeEvent event);
}

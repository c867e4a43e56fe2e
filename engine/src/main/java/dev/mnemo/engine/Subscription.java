package dev.mnemo.engine;

/** A live change subscription; closing it stops delivery. */
public interface Subscription extends AutoCloseable {
    /** False once closed, or once cut off because its listener fell too far behind. */
    boolean isActive();

    /** Why the subscription ended on its own (its queue overflowed), or null. */
    String failure();

    @Override
    void close();
}

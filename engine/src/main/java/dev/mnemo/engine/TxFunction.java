package dev.mnemo.engine;

/** The body of a transaction; may run more than once when it conflicts, so it should have no other effects. */
@FunctionalInterface
public interface TxFunction<T> {
    T apply(Transaction tx);
}

package dev.mnemo.benchmarks.harness;

import java.util.concurrent.CompletionStage;

/**
 * One worker thread's asynchronous connection to a target: the operations of every workload, each submitted
 * without waiting and answered through the returned stage, so that one thread keeps many in flight. Not shared
 * between threads (the stages may complete on any thread). A failure completes the stage exceptionally; the
 * caller tells conflicts from errors (see {@link Failures}).
 */
public interface AsyncSession extends AutoCloseable {
    /** Reads every field of a row; false if there is no row under the key. */
    CompletionStage<Boolean> read(String key);

    /** Sets one field of a row; false if there is no row under the key. */
    CompletionStage<Boolean> update(String key, int field, String value);

    /** Reads up to {@code rows} rows in key order, starting at {@code startKey}; completes with how many it read. */
    CompletionStage<Integer> scan(String startKey, int rows);

    /** Inserts a new row. */
    CompletionStage<?> insert(String key, String[] values);

    /** Reads a row and writes one field back, in one transaction; false if there is no row under the key. */
    CompletionStage<Boolean> readModifyWrite(String key, int field, String value);

    /** Moves {@code amount} between two accounts in one transaction; false if {@code from} had too little. */
    CompletionStage<Boolean> transfer(long from, long to, long amount);

    @Override
    void close() throws Exception;
}

package dev.mnemo.benchmarks.harness;

/**
 * One worker thread's connection to a target: the operations of every workload. Not shared between threads.
 * A failure is thrown as is; the caller tells conflicts from errors (see {@link Failures}).
 */
public interface Session extends AutoCloseable {
    /** Reads every field of a row; false if there is no row under the key. */
    boolean read(String key) throws Exception;

    /** Sets one field of a row; false if there is no row under the key. */
    boolean update(String key, int field, String value) throws Exception;

    /** Reads up to {@code rows} rows in key order, starting at {@code startKey}; returns how many it read. */
    int scan(String startKey, int rows) throws Exception;

    /** Inserts a new row. */
    void insert(String key, String[] values) throws Exception;

    /** Inserts many new rows, in as few round trips and transactions as the target allows (loading). */
    void insertBatch(String[] keys, String[][] values) throws Exception;

    /** Reads a row and writes one field back, in one transaction; false if there is no row under the key. */
    boolean readModifyWrite(String key, int field, String value) throws Exception;

    /** Moves {@code amount} between two accounts in one transaction; false if {@code from} had too little. */
    boolean transfer(long from, long to, long amount) throws Exception;

    @Override
    void close() throws Exception;
}

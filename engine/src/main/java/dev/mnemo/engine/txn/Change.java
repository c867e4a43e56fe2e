package dev.mnemo.engine.txn;

import dev.mnemo.engine.table.Table;

/** One key's change made by a committed record: the stored value before and after (null = absent). */
public record Change(Table table, byte[] key, byte[] before, byte[] after) {
}

package dev.mnemo.sql.client;

import java.sql.SQLWarning;

/** The warnings a connection or statement holds, chained in the order they were raised. */
final class WarningChain {
    private WarningChain() {
    }

    /** {@code chain} with {@code warning} (null: none) after its last; the warning itself when the chain is empty. */
    static SQLWarning append(SQLWarning chain, SQLWarning warning) {
        if (chain == null) {
            return warning;
        }
        if (warning != null) {
            chain.setNextWarning(warning);
        }
        return chain;
    }
}

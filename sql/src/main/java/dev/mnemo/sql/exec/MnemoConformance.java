package dev.mnemo.sql.exec;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * The SQL Mnemo reads: Calcite's lenient conformance, so that what other databases' users and ORMs write parses
 * ({@code !=}, {@code %}, {@code LIMIT start, count}, {@code MINUS}, {@code GROUP BY} and {@code ORDER BY} an alias or
 * ordinal, a {@code SELECT} without {@code FROM}), less MySQL's {@code INSERT ... VALUE}, which reads as a slip for
 * {@code VALUES} and is refused as one (42601).
 */
final class MnemoConformance extends SqlDelegatingConformance {
    static final MnemoConformance INSTANCE = new MnemoConformance();

    private MnemoConformance() {
        super(SqlConformanceEnum.LENIENT);
    }

    @Override
    public boolean isValueAllowed() {
        return false;
    }
}

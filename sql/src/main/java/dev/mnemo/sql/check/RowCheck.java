package dev.mnemo.sql.check;

/** A check constraint's condition compiled for one version of its table. */
@FunctionalInterface
public interface RowCheck {
    /**
     * Whether the condition is FALSE for a row, given as Calcite's internal values in the table's column order (TRUE
     * and NULL, unknown, pass). An error evaluating it (a division by zero) is thrown as the SQL error it is.
     */
    boolean isFalseFor(Object[] internalRow);
}

package dev.mnemo.engine;

/**
 * What deleting or updating a referenced parent row does to the child rows that reference it. NO ACTION and
 * RESTRICT both refuse the change (constraints are checked when a record is applied, so the two are alike here);
 * CASCADE deletes the child rows (ON DELETE) or gives their foreign key columns the parent's new values (ON
 * UPDATE); SET NULL sets their foreign key columns to NULL.
 */
public enum ForeignKeyAction {
    NO_ACTION("NO ACTION"), RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL");

    private final String sql;

    ForeignKeyAction(String sql) {
        this.sql = sql;
    }

    /** The action as SQL spells it ({@code SET NULL}). */
    public String sql() {
        return sql;
    }

    /** True for NO ACTION and RESTRICT: a referenced parent row cannot go or change its referenced values. */
    public boolean refuses() {
        return this == NO_ACTION || this == RESTRICT;
    }
}

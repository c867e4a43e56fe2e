package dev.mnemo.sql.exec;

import dev.mnemo.sql.plan.Operand;

import java.util.List;

/** What a compiled VALUES produces: its rows as data, each cell a constant or a parameter read when it runs. */
public final class ValuesSpec {
    final List<List<Operand>> rows;
    /** True when the plan wants bare values rather than one-element arrays (single-column rows). */
    final boolean scalar;

    public ValuesSpec(List<List<Operand>> rows, boolean scalar) {
        this.rows = rows;
        this.scalar = scalar;
    }
}

package dev.mnemo.sql.plan;

import org.apache.calcite.DataContext;

import java.util.Objects;

/**
 * A value a key access needs at run time: a constant from the SQL text (in Calcite's internal form) or a
 * dynamic parameter ({@code ?}), read from the statement's data context.
 */
public final class Operand {
    private final Object constant;
    private final int parameter;

    private Operand(Object constant, int parameter) {
        this.constant = constant;
        this.parameter = parameter;
    }

    public static Operand constant(Object value) {
        return new Operand(value, -1);
    }

    public static Operand parameter(int index) {
        return new Operand(null, index);
    }

    public Object value(DataContext context) {
        return parameter < 0 ? constant : context.get("?" + parameter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Operand && ((Operand) o).parameter == parameter
                && Objects.equals(((Operand) o).constant, constant);
    }

    @Override
    public int hashCode() {
        return 31 * parameter + Objects.hashCode(constant);
    }

    @Override
    public String toString() {
        return parameter < 0 ? String.valueOf(constant) : "?" + parameter;
    }
}

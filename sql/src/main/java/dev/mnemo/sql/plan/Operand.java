package dev.mnemo.sql.plan;

import org.apache.calcite.DataContext;

import java.util.Objects;

/**
 * A value a key access or a row held as data needs at run time: a constant from the SQL text (in Calcite's internal
 * form), a dynamic parameter ({@code ?}), or the statement's time ({@code CURRENT_TIMESTAMP} and kin, as a column's
 * default gives it), read from the statement's data context.
 */
public final class Operand {
    private final Object constant;
    private final int parameter;
    private final StatementTime time;

    private Operand(Object constant, int parameter, StatementTime time) {
        this.constant = constant;
        this.parameter = parameter;
        this.time = time;
    }

    public static Operand constant(Object value) {
        return new Operand(value, -1, null);
    }

    public static Operand parameter(int index) {
        return new Operand(null, index, null);
    }

    /** The statement's time, as a value of the type {@code time} describes. */
    public static Operand time(StatementTime time) {
        return new Operand(null, -1, time);
    }

    /** Whether the value is known when the statement is planned: a constant from the SQL text. */
    public boolean isConstant() {
        return parameter < 0 && time == null;
    }

    public Object value(DataContext context) {
        if (time != null) {
            return time.value(context);
        }
        return parameter < 0 ? constant : context.get("?" + parameter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Operand && ((Operand) o).parameter == parameter
                && Objects.equals(((Operand) o).constant, constant) && Objects.equals(((Operand) o).time, time);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * parameter + Objects.hashCode(constant)) + Objects.hashCode(time);
    }

    @Override
    public String toString() {
        return time != null ? time.toString() : parameter < 0 ? String.valueOf(constant) : "?" + parameter;
    }
}

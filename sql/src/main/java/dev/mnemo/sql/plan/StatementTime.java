package dev.mnemo.sql.plan;

import dev.mnemo.engine.TimeDefault;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.Locale;
import java.util.Map;

/**
 * {@code CAST(CURRENT_TIMESTAMP AS type)} and its kin, which a column whose default is the time of the write puts in
 * each row of an INSERT that says DEFAULT, as data: the statement's clock reading (its data context's
 * {@code currentTimestamp}, local milliseconds) in the internal form of a DATE, TIME(p) or TIMESTAMP(p), rounded half
 * up to p digits as a value stored there is (a TIME past the end of the day is the last time p holds).
 *
 * @param function  the variable read
 * @param type      DATE, TIME, TIMESTAMP or TIMESTAMP WITH LOCAL TIME ZONE (an instant: its milliseconds at UTC)
 * @param digits    fractional digits of a TIME or TIMESTAMP, 0 to 3
 */
public record StatementTime(TimeDefault function, SqlTypeName type, int digits) {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final Map<TimeDefault, SqlOperator> FUNCTIONS = Map.of(
            TimeDefault.CURRENT_DATE, SqlStdOperatorTable.CURRENT_DATE,
            TimeDefault.CURRENT_TIME, SqlStdOperatorTable.CURRENT_TIME,
            TimeDefault.CURRENT_TIMESTAMP, SqlStdOperatorTable.CURRENT_TIMESTAMP,
            TimeDefault.LOCALTIME, SqlStdOperatorTable.LOCALTIME,
            TimeDefault.LOCALTIMESTAMP, SqlStdOperatorTable.LOCALTIMESTAMP);

    /** The SQL function that reads the time a default is. */
    public static SqlOperator function(TimeDefault kind) {
        return FUNCTIONS.get(kind);
    }

    /**
     * The statement's time that {@code cell} gives, one of the functions or a cast of one, as data of {@code type};
     * null if it is anything else.
     */
    static StatementTime of(RexNode cell, SqlTypeName type, int digits) {
        RexNode inner = cell.getKind() == SqlKind.CAST ? ((RexCall) cell).getOperands().get(0) : cell;
        if (!(inner instanceof RexCall)) {
            return null;
        }
        RexCall call = (RexCall) inner;
        TimeDefault kind = null;
        for (Map.Entry<TimeDefault, SqlOperator> f : FUNCTIONS.entrySet()) {
            kind = f.getValue() == call.getOperator() ? f.getKey() : kind;
        }
        if (kind == null || !call.getOperands().isEmpty() || digits > 3) {
            return null;
        }
        boolean time = kind == TimeDefault.CURRENT_TIME || kind == TimeDefault.LOCALTIME;
        boolean date = kind == TimeDefault.CURRENT_DATE;
        boolean fits = type == SqlTypeName.DATE || type == SqlTypeName.TIMESTAMP
                || type == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE ? !time
                : type == SqlTypeName.TIME && !date;
        return fits ? new StatementTime(kind, type, digits) : null;
    }

    /** The value in Calcite's internal form: days (DATE), milliseconds of the day (TIME) or since 1970 (TIMESTAMP). */
    Object value(DataContext context) {
        long local = DataContext.Variable.CURRENT_TIMESTAMP.get(context);
        if (function == TimeDefault.CURRENT_DATE) {
            local = Math.floorDiv(local, MILLIS_PER_DAY) * MILLIS_PER_DAY;
        }
        if (type == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            // An instant: the clock's local reading less its zone's offset then.
            long offset = DataContext.Variable.CURRENT_TIMESTAMP.<Long>get(context)
                    - DataContext.Variable.UTC_TIMESTAMP.<Long>get(context);
            local -= offset;
        }
        switch (type) {
            case DATE:
                return (int) Math.floorDiv(local, MILLIS_PER_DAY);
            case TIME: {
                long unit = unit();
                long rounded = Math.floorDiv(Math.floorMod(local, MILLIS_PER_DAY) + unit / 2, unit) * unit;
                return (int) (rounded < MILLIS_PER_DAY ? rounded : rounded - unit);
            }
            default: {
                long unit = unit();
                return Math.floorDiv(local + unit / 2, unit) * unit;
            }
        }
    }

    private long unit() {
        long unit = 1;
        for (int i = digits; i < 3; i++) {
            unit *= 10;
        }
        return unit;
    }

    @Override
    public String toString() {
        return function.name() + "::" + type.getName().toLowerCase(Locale.ROOT) + "(" + digits + ")";
    }
}

package dev.mnemo.sql.schema;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Makes Calcite literals of engine values (column defaults). */
final class SqlLiterals {
    private SqlLiterals() {
    }

    static RexNode of(RexBuilder rex, Object v, RelDataType type) {
        Object value = v;
        if (v instanceof LocalDate) {
            value = DateString.fromDaysSinceEpoch((int) ((LocalDate) v).toEpochDay());
        } else if (v instanceof LocalTime) {
            value = TimeString.fromMillisOfDay((int) (((LocalTime) v).toNanoOfDay() / 1_000_000L));
        } else if (v instanceof LocalDateTime || v instanceof java.time.OffsetDateTime) {
            // An instant's literal, as a TIMESTAMP WITH LOCAL TIME ZONE's, is its date and time at UTC.
            value = TimestampString.fromMillisSinceEpoch((Long) SqlValues.engineToInternal(v));
        } else if (v instanceof byte[]) {
            value = new ByteString((byte[]) v);
        } else if (v instanceof Double || v instanceof Float) {
            value = BigDecimal.valueOf(((Number) v).doubleValue());
        } else if (v instanceof Number && !(v instanceof BigDecimal)) {
            value = BigDecimal.valueOf(((Number) v).longValue());
        }
        return rex.makeLiteral(value, type, true);
    }
}

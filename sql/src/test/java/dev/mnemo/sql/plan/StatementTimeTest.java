package dev.mnemo.sql.plan;

import dev.mnemo.engine.TimeDefault;
import org.apache.calcite.DataContext;
import org.apache.calcite.DataContexts;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The statement's time held as data is what a column of each type stores: its date, time of day or timestamp. */
class StatementTimeTest {
    private static final long DAY = 86_400_000L;

    private static DataContext at(LocalDateTime local) {
        return DataContexts.of(Map.of(DataContext.Variable.CURRENT_TIMESTAMP.camelName,
                local.toInstant(ZoneOffset.UTC).toEpochMilli()));
    }

    private static Object value(TimeDefault kind, SqlTypeName type, int digits, LocalDateTime local) {
        return new StatementTime(kind, type, digits).value(at(local));
    }

    @Test
    void aTimestampIsRoundedHalfUpToTheColumnsDigitsCarryingIntoTheNextDay() {
        LocalDateTime late = LocalDateTime.of(2024, 12, 31, 23, 59, 59, 500_000_000);
        long midnight = LocalDateTime.of(2025, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        assertThat(value(TimeDefault.CURRENT_TIMESTAMP, SqlTypeName.TIMESTAMP, 0, late)).isEqualTo(midnight);
        assertThat(value(TimeDefault.LOCALTIMESTAMP, SqlTypeName.TIMESTAMP, 3, late)).isEqualTo(midnight - 500);
        assertThat(value(TimeDefault.CURRENT_TIMESTAMP, SqlTypeName.TIMESTAMP, 1, late)).isEqualTo(midnight - 500);
    }

    @Test
    void aTimeOfDayNeverRoundsPastTheEndOfTheDay() {
        LocalDateTime late = LocalDateTime.of(2024, 12, 31, 23, 59, 59, 700_000_000);
        assertThat(value(TimeDefault.CURRENT_TIME, SqlTypeName.TIME, 0, late)).isEqualTo((int) (DAY - 1000));
        assertThat(value(TimeDefault.LOCALTIMESTAMP, SqlTypeName.TIME, 3, late)).isEqualTo((int) (DAY - 300));
    }

    @Test
    void aDateIsTheDayAndCurrentDateInATimestampIsItsMidnight() {
        LocalDateTime before1970 = LocalDateTime.of(1969, 12, 31, 18, 30);
        assertThat(value(TimeDefault.CURRENT_TIMESTAMP, SqlTypeName.DATE, 0, before1970)).isEqualTo(-1);
        assertThat(value(TimeDefault.CURRENT_DATE, SqlTypeName.TIMESTAMP, 3, before1970)).isEqualTo(-DAY);
    }
}

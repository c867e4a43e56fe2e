package dev.mnemo.engine;

import java.time.ZonedDateTime;

/**
 * A column default that is the time of the write, as SQL's {@code DEFAULT CURRENT_TIMESTAMP} and its kin. The member
 * that runs a transaction (or a schema change) reads its clock once and writes the value; the log carries the value,
 * so every member stores the same one.
 */
public enum TimeDefault {
    CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP;

    /**
     * Whether a column of this type can take the default, by SQL's assignment casts: a date or a timestamp into a
     * DATE, a time or a timestamp into a TIME, a date (at midnight) or a timestamp into a TIMESTAMP.
     */
    public boolean fits(ColumnType type) {
        boolean date = this == CURRENT_DATE;
        boolean time = this == CURRENT_TIME || this == LOCALTIME;
        switch (type.kind()) {
            case DATE: case TIMESTAMP: case TIMESTAMP_TZ: return !time;
            case TIME: return !date;
            default: return false;
        }
    }

    /** The value a column of this type takes when the time of the write is {@code now} (not yet rounded). */
    public Object valueAt(ZonedDateTime now, ColumnType type) {
        if (!fits(type)) {
            throw new TypeMismatchException("DEFAULT " + this + " is no value of a " + type + " column");
        }
        switch (type.kind()) {
            case DATE: return now.toLocalDate();
            case TIME: return now.toLocalTime();
            // The instant: the clock's zone says which, where a TIMESTAMP keeps the clock's date and time.
            case TIMESTAMP_TZ: return this == CURRENT_DATE ? now.toLocalDate().atStartOfDay(now.getZone()) : now;
            default: return this == CURRENT_DATE ? now.toLocalDate().atStartOfDay() : now.toLocalDateTime();
        }
    }
}

package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.LocalTimestamp;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLDataException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A timestamp parameter crosses from a client in one time zone to a member in another. */
class ValuesTimeZoneTest {
    private static final Instant EIGHT_UTC = Instant.parse("2026-12-03T08:00:00.125Z");
    private final TimeZone defaultZone = TimeZone.getDefault();

    @AfterEach
    void restoreDefaultZone() {
        TimeZone.setDefault(defaultZone);
    }

    private static Timestamp sentFrom(String clientZone, Object value, String memberZone) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone(clientZone));
        TypedValue wire = Values.encode(value, SqlType.SQL_TYPE_UNSPECIFIED);
        TimeZone.setDefault(TimeZone.getTimeZone(memberZone));
        return (Timestamp) Values.decodeParameter(wire);
    }

    @Test
    public void aTimestampKeepsBothItsInstantAndTheClientsClock() throws Exception {
        Timestamp received = sentFrom("Asia/Kolkata", Timestamp.from(EIGHT_UTC), "America/New_York");
        assertThat(received.toInstant()).isEqualTo(EIGHT_UTC);
        assertThat(received.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-03T13:30:00.125"));
    }

    @Test
    public void aDateKeepsItsInstantAndALocalDateTimeIsAClockAtUtc() throws Exception {
        Timestamp date = sentFrom("Asia/Tokyo", java.util.Date.from(EIGHT_UTC), "Europe/Paris");
        assertThat(date.toInstant()).isEqualTo(EIGHT_UTC);
        assertThat(date.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-03T17:00:00.125"));
        Timestamp clock = sentFrom("Asia/Tokyo", LocalDateTime.parse("2026-12-03T08:00:00.125"), "Europe/Paris");
        assertThat(clock.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-03T08:00:00.125"));
        assertThat(clock.toInstant()).isEqualTo(EIGHT_UTC);
    }

    @Test
    public void aClockThatTheMembersZoneSkipsIsKept() throws Exception {
        LocalDateTime skipped = LocalDateTime.parse("2026-03-29T02:30:00");
        Timestamp received = sentFrom("UTC", skipped, "Europe/Paris");
        assertThat(received.toLocalDateTime()).isEqualTo(skipped);
        assertThat(received.toString()).isEqualTo("2026-03-29 02:30:00.0");
    }

    @Test
    public void aClockOffsetPastAnyInstantIsMalformed() {
        TypedValue wire = TypedValue.newBuilder().setTimestampValue(LocalTimestamp.newBuilder()
                .setSeconds(Instant.MAX.getEpochSecond()).setClockOffsetSeconds(-1)).build();
        assertThatThrownBy(() -> Values.decodeParameter(wire)).isInstanceOfSatisfying(SQLDataException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("22018"));
    }
}

package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.time.OffsetDateTime;

/** An entity with instants, which Hibernate maps to {@code timestamp(p) with time zone}. */
@Entity
public class Meeting {
    @Id
    long id;
    Instant startsAt;
    OffsetDateTime endsAt;

    protected Meeting() {
    }

    Meeting(long id, Instant startsAt, OffsetDateTime endsAt) {
        this.id = id;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
    }
}

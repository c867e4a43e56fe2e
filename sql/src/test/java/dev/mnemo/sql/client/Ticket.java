package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * An entity whose id an identity column generates: Hibernate reads it back through getGeneratedKeys. Its status is
 * stored by name, in a column Hibernate guards with a CHECK constraint.
 */
@Entity
public class Ticket {
    /** Where a ticket is. */
    public enum Status { OPEN, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String subject;
    @Enumerated(EnumType.STRING)
    Status status = Status.OPEN;

    protected Ticket() {
    }

    Ticket(String subject) {
        this.subject = subject;
    }
}

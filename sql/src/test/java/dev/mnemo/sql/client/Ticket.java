package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** An entity whose id an identity column generates: Hibernate reads it back through getGeneratedKeys. */
@Entity
public class Ticket {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String subject;

    protected Ticket() {
    }

    Ticket(String subject) {
        this.subject = subject;
    }
}

package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/** An entity whose ids Hibernate draws from a sequence, fifty at a time (its pooled optimizer). */
@Entity
public class Invoice {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoices")
    @SequenceGenerator(name = "invoices", sequenceName = "invoice_seq", allocationSize = 50)
    Long id;
    String customer;

    protected Invoice() {
    }

    Invoice(String customer) {
        this.customer = customer;
    }
}

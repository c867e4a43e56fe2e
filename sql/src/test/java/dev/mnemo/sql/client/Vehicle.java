package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/**
 * The root of an entity hierarchy mapped to a table per class ({@code JOINED}): a bulk update or delete of it
 * touches several tables, which Hibernate does with its multi-table mutation strategy.
 */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Vehicle {
    @Id
    Long id;
    String owner;

    protected Vehicle() {
    }

    Vehicle(long id, String owner) {
        this.id = id;
        this.owner = owner;
    }
}

package dev.mnemo.sql.client;

import jakarta.persistence.Entity;

/** A {@link Vehicle} with columns of its own, in a table of its own. */
@Entity
public class Truck extends Vehicle {
    int payload;

    protected Truck() {
    }

    Truck(long id, String owner, int payload) {
        super(id, owner);
        this.payload = payload;
    }
}

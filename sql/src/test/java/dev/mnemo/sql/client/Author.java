package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The parent side of a many-to-one: papers reference their author. */
@Entity
public class Author {
    @Id
    Long id;
    String name;

    protected Author() {
    }

    Author(long id, String name) {
        this.id = id;
        this.name = name;
    }
}

package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** An entity with a {@code @ManyToOne}: Hibernate's DDL gives its table a foreign key to {@link Author}'s. */
@Entity
public class Paper {
    @Id
    Long id;
    String title;
    @ManyToOne(optional = false)
    Author author;

    protected Paper() {
    }

    Paper(long id, String title, Author author) {
        this.id = id;
        this.title = title;
        this.author = author;
    }
}

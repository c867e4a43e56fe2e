package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** An entity whose id generator Hibernate chooses ({@code GenerationType.AUTO}). */
@Entity
public class Note {
    @Id
    @GeneratedValue
    Long id;
    String text;

    protected Note() {
    }

    Note(String text) {
        this.text = text;
    }
}

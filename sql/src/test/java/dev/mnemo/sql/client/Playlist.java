package dev.mnemo.sql.client;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;

import java.util.ArrayList;
import java.util.List;

/** An entity with an element collection: Hibernate keeps a List without an order column in a table without a key. */
@Entity
public class Playlist {
    @Id
    Long id;
    @ElementCollection(fetch = FetchType.EAGER)
    List<String> songs = new ArrayList<>();

    protected Playlist() {
    }

    Playlist(long id, List<String> songs) {
        this.id = id;
        this.songs.addAll(songs);
    }
}

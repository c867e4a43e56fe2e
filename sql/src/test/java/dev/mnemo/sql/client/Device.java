package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import java.util.UUID;

/** An entity whose id is a UUID Hibernate generates ({@code GenerationType.UUID}), with a UUID attribute. */
@Entity
public class Device {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    UUID id;
    UUID owner;
    String name;

    protected Device() {
    }

    Device(UUID owner, String name) {
        this.owner = owner;
        this.name = name;
    }
}

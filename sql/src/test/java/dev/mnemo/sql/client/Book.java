package dev.mnemo.sql.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** The entity HibernateContract stores: an assigned id, a column of each common type and a version. */
@Entity
@Table(name = "book")
public class Book {
    @Id
    private Long id;

    @Column(nullable = false, length = 80)
    private String title;

    @Column(precision = 10, scale = 2)
    private BigDecimal price;

    private LocalDate published;

    private LocalDateTime updatedAt;

    private boolean inPrint;

    @Version
    private int version;

    protected Book() {
    }

    Book(long id, String title, String price, LocalDate published, LocalDateTime updatedAt, boolean inPrint) {
        this.id = id;
        this.title = title;
        this.price = new BigDecimal(price);
        this.published = published;
        this.updatedAt = updatedAt;
        this.inPrint = inPrint;
    }

    Long id() {
        return id;
    }

    String title() {
        return title;
    }

    BigDecimal price() {
        return price;
    }

    void price(BigDecimal price) {
        this.price = price;
    }

    LocalDate published() {
        return published;
    }

    LocalDateTime updatedAt() {
        return updatedAt;
    }

    void updatedAt(LocalDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }

    boolean inPrint() {
        return inPrint;
    }

    void inPrint(boolean inPrint) {
        this.inPrint = inPrint;
    }

    int version() {
        return version;
    }
}

package dev.mnemo.sql.client;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.LocalTime;

/** An entity with the basic types {@link Book} lacks, whose columns Hibernate makes with MnemoDialect's types. */
@Entity
public class Gadget {
    /** Stored by name and by number: Hibernate would guard both with CHECK constraints where a dialect has them. */
    public enum Size { SMALL, LARGE }

    @Id
    Long id;
    int anInt;
    short aShort;
    byte aByte;
    double aDouble;
    float aFloat;
    char aChar;
    /** Named after a word Mnemo reserves (ORDINAL): Hibernate quotes it, having read the driver's keywords. */
    @Enumerated(EnumType.ORDINAL)
    Size ordinal;
    @Enumerated(EnumType.STRING)
    Size sizeName;
    byte[] bytes;
    /** Named after an SQL keyword (TIME) too. */
    LocalTime time;

    protected Gadget() {
    }

    Gadget(long id) {
        this.id = id;
        this.anInt = -5;
        this.aShort = 6;
        this.aByte = 7;
        this.aDouble = 1.25e300;
        this.aFloat = 2.5f;
        this.aChar = 'x';
        this.ordinal = Size.LARGE;
        this.sizeName = Size.SMALL;
        this.bytes = new byte[] {1, 2, (byte) 0xFF};
        this.time = LocalTime.of(10, 11, 12);
    }
}

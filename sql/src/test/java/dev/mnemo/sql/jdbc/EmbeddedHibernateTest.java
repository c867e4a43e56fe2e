package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.HibernateContract;

/** Hibernate ORM over the embedded driver. */
class EmbeddedHibernateTest extends HibernateContract {
    EmbeddedHibernateTest() {
        super(new EmbeddedFixture());
    }
}

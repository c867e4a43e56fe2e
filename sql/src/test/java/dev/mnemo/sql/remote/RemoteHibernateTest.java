package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.HibernateContract;

/** Hibernate ORM over the remote driver, against a live member. */
class RemoteHibernateTest extends HibernateContract {
    RemoteHibernateTest() {
        super(new MemberFixture());
    }
}

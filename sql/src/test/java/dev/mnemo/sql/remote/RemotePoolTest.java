package dev.mnemo.sql.remote;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mnemo.sql.client.PoolContract;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote driver under a connection pool, against a live member that may stop and come back. */
class RemotePoolTest extends PoolContract {
    RemotePoolTest() {
        super(new MemberFixture());
    }

    private TestMember member() {
        return ((MemberFixture) fixture).member();
    }

    @Test
    void aConnectionToAStoppedMemberIsDiscardedAndANewOneMadeWhenItIsBack() throws Exception {
        HikariConfig config = config(1);
        config.setConnectionTimeout(1000);
        config.setValidationTimeout(500);
        HikariDataSource pool = pool(config);
        RemoteConnection first;
        try (Connection c = pool.getConnection()) {
            first = c.unwrap(RemoteConnection.class);
            assertThat(balance(c, 5)).isEqualTo(100L);
        }
        member().stop();
        // The pool checks a connection idle for more than half a second before it hands it out again.
        Thread.sleep(600);
        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        assertThat(first.isClosed()).as("the dead connection was discarded").isTrue();

        member().restart();
        try (Connection c = pool.getConnection()) {
            assertThat(c.unwrap(RemoteConnection.class)).isNotSameAs(first);
            assertThat(balance(c, 5)).isEqualTo(100L);
        }
    }
}

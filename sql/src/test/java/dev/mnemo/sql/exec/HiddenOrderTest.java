package dev.mnemo.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

/**
 * An ORDER BY on columns the query does not return ({@code SELECT v ... ORDER BY t DESC}) keeps its order: the plan
 * gives the order asked for before the columns are dropped. Planned without them, the projections on either side of
 * the sort merged into one over the index's ascending walk, and the rows came the other way.
 */
class HiddenOrderTest extends TwinTablesTest {
    @BeforeEach
    void fillTables() throws SQLException {
        for (String suffix : List.of("", "s")) {
            exec("CREATE TABLE h" + suffix
                    + " (id BIGINT NOT NULL, t BIGINT, s VARCHAR(4), v BIGINT, PRIMARY KEY (id))");
            for (int i = 0; i < 20; i++) {
                char c = (char) ('a' + i * 3 % 20);
                exec("INSERT INTO h" + suffix + " VALUES (" + i + ", " + (i * 7 % 20) + ", '" + c + "\uD83D\uDE00', "
                        + i + ")");
            }
        }
        exec("CREATE UNIQUE INDEX h_t ON h (t) USING ORDERED");
        exec("CREATE UNIQUE INDEX h_s ON h (s) USING ORDERED");
    }

    @Override
    String twin(String query) {
        return query.replace(" FROM h ", " FROM hs ");
    }

    @Test
    void anOrderOnAnIndexColumnNotReturnedIsKeptEitherWay() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            for (String limit : List.of("", " LIMIT 5")) {
                assertInOrderWithoutSort("SELECT v FROM h WHERE t >= 3 ORDER BY t" + dir + limit, "INDEX_RANGE H_T");
                assertInOrderWithoutSort("SELECT v, id FROM h WHERE s > 'c' ORDER BY s" + dir + limit,
                        "INDEX_RANGE H_S");
                assertSameRowsAsTwin("SELECT v FROM h WHERE t >= 3 ORDER BY t" + dir + ", s" + limit);
            }
        }
    }
}

package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** An error that stops the member, restated where it struck, keeps its type and SQLState and names its origin. */
class MemberStoppedExceptionTest {
    @Test
    void aRestatedErrorKeepsItsTypeAndSqlStateWithTheOriginalAsItsCause() {
        MemberStoppedException disc = new DiscWriteFailedException("the disc write failed", new IOException("full"));
        MemberStoppedException unjudged = new ChecksNotJudgedException("no validator for table CHILD");
        for (MemberStoppedException e : new MemberStoppedException[] {disc, unjudged}) {
            MemberStoppedException told = e.restated("member m: " + e.getMessage());
            assertThat(told).isExactlyInstanceOf(e.getClass()).hasMessage("member m: " + e.getMessage())
                    .hasCause(e);
            assertThat(told.sqlState()).isEqualTo(e.sqlState());
        }
        assertThat(disc.sqlState()).isEqualTo("58030");
        assertThat(unjudged.sqlState()).isEqualTo("55000");
    }
}

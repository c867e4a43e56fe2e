package dev.mnemo.sql.remote;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver's reading of a statement's text: placeholders and first word, past quotes and comments. */
class StatementTextTest {
    @Test
    void placeholdersInQuotesAndCommentsAreNotCounted() {
        assertThat(StatementText.placeholders("SELECT ? FROM t WHERE a = '?' AND \"?\" = ? -- ?\n/* ? */"))
                .isEqualTo(2);
    }

    @Test
    void theFirstWordComesAfterSpacesAndComments() {
        assertThat(StatementText.firstWord("COMMIT")).isEqualTo("COMMIT");
        assertThat(StatementText.firstWord("  -- done\n /* all */ commit work")).isEqualTo("commit");
        assertThat(StatementText.firstWord("COMMIT_LOG")).isEqualTo("COMMIT_LOG");
        assertThat(StatementText.firstWord("'COMMIT'")).isEmpty();
        assertThat(StatementText.firstWord("/* open")).isEmpty();
        assertThat(StatementText.firstWord("")).isEmpty();
    }
}

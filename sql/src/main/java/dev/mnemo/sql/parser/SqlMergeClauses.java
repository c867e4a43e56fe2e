package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * A MERGE whose WHEN clauses Calcite's MERGE cannot hold: a clause with {@code AND condition}, a {@code WHEN MATCHED
 * THEN DELETE}, or more than one clause of a kind. Each source row, with the target row it matched or none, is acted
 * on by the first clause, in text order, of its kind whose condition holds; a row that no clause takes is left alone.
 * It reaches the validator as a Calcite MERGE whose one update and one insert choose each row's values by clause
 * ({@code dev.mnemo.sql.exec.MergeClauses}); until then its update and insert are null.
 */
public final class SqlMergeClauses extends SqlMerge {
    /** What a WHEN clause does with the rows it takes. */
    public enum Action { UPDATE, DELETE, INSERT }

    /** One WHEN clause: its action, its condition (null for none), and its update or insert (null for a delete). */
    public record Clause(Action action, SqlNode condition, SqlUpdate update, SqlInsert insert) {
        /** {@code WHEN MATCHED [AND condition] THEN UPDATE SET ...}. */
        public static Clause updating(SqlNode condition, SqlUpdate update) {
            return new Clause(Action.UPDATE, condition, update, null);
        }

        /** {@code WHEN MATCHED [AND condition] THEN DELETE}. */
        public static Clause deleting(SqlNode condition) {
            return new Clause(Action.DELETE, condition, null, null);
        }

        /** {@code WHEN NOT MATCHED [AND condition] THEN INSERT ...}. */
        public static Clause inserting(SqlNode condition, SqlInsert insert) {
            return new Clause(Action.INSERT, condition, null, insert);
        }

        /** Whether the clause takes the rows a matched row (true) or an unmatched one (false) is. */
        public boolean matched() {
            return action != Action.INSERT;
        }
    }

    private final List<Clause> clauses;

    private SqlMergeClauses(SqlParserPos pos, SqlNode target, SqlNode condition, SqlNode source, SqlIdentifier alias,
                            List<Clause> clauses) {
        super(pos, target, condition, source, null, null, null, alias);
        this.clauses = List.copyOf(clauses);
    }

    /**
     * The MERGE of these clauses: Calcite's own where it holds them (at most one unconditional UPDATE and one
     * unconditional INSERT, in either order), otherwise one of this class.
     */
    public static SqlMerge of(SqlParserPos pos, SqlNode target, SqlNode condition, SqlNode source,
                              SqlIdentifier alias, List<Clause> clauses) {
        SqlUpdate update = null;
        SqlInsert insert = null;
        for (Clause c : clauses) {
            if (c.condition() != null || c.action() == Action.DELETE
                    || (c.action() == Action.UPDATE ? update : insert) != null) {
                return new SqlMergeClauses(pos, target, condition, source, alias, clauses);
            }
            if (c.action() == Action.UPDATE) {
                update = c.update();
            } else {
                insert = c.insert();
            }
        }
        return new SqlMerge(pos, target, condition, source, update, insert, null, alias);
    }

    /** The WHEN clauses, in text order. */
    public List<Clause> clauses() {
        return clauses;
    }
}

package dev.mnemo.sql.exec;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;

/**
 * Refuses, before any planning, a statement whose CASE expressions have more WHEN branches than compile: each
 * branch nests the next one's code a level deeper, and generating that code takes time that grows much faster than
 * the branches (a CASE of 1,000 branches ran for most of a minute before it overflowed the stack).
 */
final class CaseBranches {
    /**
     * WHEN branches of one CASE, counting those of the CASEs nested in it, that a database allows unless told
     * otherwise: 100 take seconds to compile, 200 about 8 s.
     */
    static final int WHEN_BRANCHES_MAX_DEFAULT = 100;

    private CaseBranches() {
    }

    /** Fails with 54001 when a CASE of the statement has more than {@code whenBranchesMax} branches. */
    static void check(SqlNode statement, int whenBranchesMax) {
        int branches = branches(statement);
        if (branches > whenBranchesMax) {
            throw new SqlError("54001", "statement too complex: a CASE has " + branches + " WHEN branches (counting "
                    + "those of the CASEs inside it), more than the " + whenBranchesMax + " allowed (the "
                    + "caseWhenBranches property of the database)");
        }
    }

    /** The most WHEN branches on one path of nested CASEs in {@code node}. */
    private static int branches(SqlNode node) {
        if (node instanceof SqlNodeList) {
            int most = 0;
            for (SqlNode n : (SqlNodeList) node) {
                most = Math.max(most, branches(n));
            }
            return most;
        }
        if (!(node instanceof SqlCall)) {
            return 0;
        }
        int most = 0;
        for (SqlNode n : ((SqlCall) node).getOperandList()) {
            if (n != null) {
                most = Math.max(most, branches(n));
            }
        }
        return node instanceof SqlCase ? ((SqlCase) node).getWhenOperands().size() + most : most;
    }
}

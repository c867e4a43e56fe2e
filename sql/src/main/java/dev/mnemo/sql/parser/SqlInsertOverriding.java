package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code INSERT INTO t [(cols)] OVERRIDING SYSTEM VALUE source}: an INSERT whose values for a {@code GENERATED
 * ALWAYS AS IDENTITY} column are kept instead of refused, as the standard and PostgreSQL allow (what a dump
 * written by {@code SCRIPT} loads its rows with). Otherwise a plain INSERT.
 */
public final class SqlInsertOverriding extends SqlInsert {
    public SqlInsertOverriding(SqlParserPos pos, SqlNodeList keywords, SqlNode targetTable, SqlNode source,
                               SqlNodeList columnList) {
        super(pos, keywords, targetTable, source, columnList);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("INSERT INTO");
        getTargetTable().unparse(writer, 0, 0);
        if (getTargetColumnList() != null) {
            getTargetColumnList().unparse(writer, 0, 0);
        }
        writer.keyword("OVERRIDING SYSTEM VALUE");
        getSource().unparse(writer, 0, 0);
    }
}

package dev.mnemo.sql.exec;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.schema.RowIds;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.AliasNamespace;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.util.Util;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.apache.calcite.util.Static.RESOURCE;

/**
 * {@code t AS z (c1, c2, ...)} where {@code t} is a table without a primary key: the list names the columns the table
 * shows, in order, and the hidden row id ({@link RowIds}) keeps its name and stays hidden. Calcite's alias namespace
 * counts the row id among the columns to name, which refused a list of the shown ones and let a longer list show
 * the row id under another name.
 */
final class RowIdAliasNamespace extends AliasNamespace {
    private final MnemoValidator mnemoValidator;

    RowIdAliasNamespace(MnemoValidator validator, SqlCall call, SqlNode enclosingNode) {
        super(validator, call, enclosingNode);
        this.mnemoValidator = validator;
    }

    /** The namespace the alias renames. */
    SqlValidatorNamespace aliased() {
        return Objects.requireNonNull(validator.getNamespace(call.operand(0)), "the aliased namespace");
    }

    @Override
    protected RelDataType validateImpl(RelDataType targetRowType) {
        SqlValidatorNamespace child = aliased();
        RelDataType rowType = child.getRowType(); // validates the child first, as the check below needs
        if (call.operandCount() == 2 || !mnemoValidator.hidesRowId(child)) {
            return super.validateImpl(targetRowType);
        }
        List<SqlNode> names = Util.skip(call.getOperandList(), 2);
        List<RelDataTypeField> shown = rowType.getFieldList().stream()
                .filter(f -> !RowIds.isRowId(f.getName())).collect(Collectors.toList());
        if (names.size() != shown.size()) {
            SqlNode where = names.size() == 1 ? names.get(0) : new SqlNodeList(names, SqlParserPos.sum(names));
            String columns = shown.stream().map(f -> "'" + f.getName() + "'")
                    .collect(Collectors.joining(", ", "(", ")"));
            throw validator.newValidationError(where, RESOURCE.aliasListDegree(shown.size(), columns, names.size()));
        }
        List<String> given = SqlIdentifier.simpleNames(names);
        int repeated = Util.firstDuplicate(given);
        if (repeated >= 0) {
            throw validator.newValidationError(names.get(repeated), RESOURCE.aliasListDuplicate(given.get(repeated)));
        }
        if (given.stream().anyMatch(RowIds::isRowId)) {
            throw new SqlError("42000", "a table alias cannot name a column " + RowIds.COLUMN + ": it is the name of "
                    + "the hidden row id of the table it renames");
        }
        RelDataTypeFactory.Builder aliased = validator.getTypeFactory().builder().kind(rowType.getStructKind());
        int next = 0;
        for (RelDataTypeField f : rowType.getFieldList()) {
            aliased.add(RowIds.isRowId(f.getName()) ? f.getName() : given.get(next++), f.getType());
        }
        return validator.getTypeFactory().createTypeWithNullability(aliased.build(), rowType.isNullable());
    }
}

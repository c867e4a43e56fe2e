package dev.mnemo.sql.schema;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.plan.KeyAccess;
import dev.mnemo.sql.plan.MnemoTableScan;
import dev.mnemo.sql.plan.SequenceCalls;
import dev.mnemo.sql.plan.StatementTime;
import dev.mnemo.sql.plan.UuidFunctions;
import dev.mnemo.sql.sequence.Sequences;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * One version of an engine table as Calcite sees it: its row type, statistics, column defaults for INSERT, and
 * the {@link MnemoTableScan} it becomes in a plan. A new schema version makes a new instance.
 */
public final class MnemoTable extends AbstractTable implements TranslatableTable {
    private final TableSchema schema;
    private final LongSupplier rowCount;
    private final KeyEnds keyEnds;
    private final Sequences.Identity identity;
    private final int identityPosition;
    /** The position of the hidden row id of a table without a primary key ({@link RowIds}), -1 when it has a key. */
    private final int rowIdPosition;
    private final InitializerExpressionFactory defaults = new Defaults();

    /** Reads the key values of a table's lowest or highest row ({@code highest}), or null when it has none. */
    @FunctionalInterface
    interface KeyEnds {
        Object[] end(boolean highest);
    }

    MnemoTable(TableSchema schema, LongSupplier rowCount, KeyEnds keyEnds, Sequences.Identity identity) {
        this.schema = schema;
        this.rowCount = rowCount;
        this.keyEnds = keyEnds;
        this.identity = identity;
        this.identityPosition = identity == null ? -1 : schema.position(identity.owner().column());
        this.rowIdPosition = RowIds.isKeyless(schema) ? schema.position(RowIds.COLUMN) : -1;
    }

    /**
     * A version of a table seen alone, outside the catalog (a table about to be made, whose check constraints are
     * typed against it): no rows, no identity.
     */
    public static MnemoTable detached(TableSchema schema) {
        return new MnemoTable(schema, () -> 0, highest -> null, null);
    }

    public TableSchema schema() {
        return schema;
    }

    /** The table's identity column and its sequence, or null when it has none. */
    public Sequences.Identity identity() {
        return identity;
    }

    /** The position of the identity column, -1 when there is none. */
    public int identityPosition() {
        return identityPosition;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder b = typeFactory.builder();
        for (ColumnDef c : schema.columns()) {
            b.add(c.name(), SqlTypes.relType(typeFactory, c.type()));
        }
        return b.build();
    }

    @Override
    public Statistic getStatistic() {
        List<ImmutableBitSet> keys = schema.kind() == TableKind.BAG ? List.of()
                : List.of(ImmutableBitSet.of(schema.keyPositions()));
        // No collation here: the statistic speaks for every scan of the table, and only a full scan or a key
        // range reads in key order. Each MnemoTableScan carries its own order in its traits.
        return Statistics.of(Math.max(1, rowCount.getAsLong()), keys, List.of());
    }

    public double rowCountEstimate() {
        return Math.max(1, rowCount.getAsLong());
    }

    /**
     * The primary key values of an ordered_set's lowest committed row, or its highest if {@code highest}, as the
     * engine holds them now; null for a table that keeps no key order or holds no row. For estimates only.
     */
    public Object[] keyEnd(boolean highest) {
        return schema.kind() == TableKind.ORDERED_SET ? keyEnds.end(highest) : null;
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return MnemoTableScan.create(context.getCluster(), relOptTable, this, KeyAccess.FULL);
    }

    @Override
    public <C> C unwrap(Class<C> aClass) {
        if (aClass.isInstance(defaults)) {
            return aClass.cast(defaults);
        }
        return super.unwrap(aClass);
    }

    /**
     * Fills the columns an INSERT leaves out with their declared defaults (a time default with the statement's time, a
     * sequence default with the sequence's next value), an identity column with its next value, the hidden row id
     * with a new one.
     */
    private final class Defaults extends NullInitializerExpressionFactory {
        /** A column with a declared default takes it when a statement says DEFAULT, not only when it leaves it out. */
        @Override
        public ColumnStrategy generationStrategy(RelOptTable table, int iColumn) {
            boolean declared = schema.column(iColumn).hasDefault() || iColumn == identityPosition
                    || iColumn == rowIdPosition;
            return declared ? ColumnStrategy.DEFAULT
                    : super.generationStrategy(table, iColumn);
        }

        @Override
        public RexNode newColumnDefaultValue(RelOptTable table, int iColumn, InitializerContext context) {
            ColumnDef c = schema.column(iColumn);
            RelDataType type = table.getRowType().getFieldList().get(iColumn).getType();
            if (iColumn == identityPosition || iColumn == rowIdPosition) {
                RexBuilder rex = context.getRexBuilder();
                String sequence = iColumn == identityPosition ? identity.sequence() : RowIds.SEQUENCE;
                return rex.makeCast(type, SequenceCalls.nextValue(rex, sequence, type.getSqlTypeName()));
            }
            if (c.sequenceDefault() != null) {
                // Called for each row: as NEXT VALUE FOR in the statement, of BIGINT, which holds every sequence's.
                RexBuilder rex = context.getRexBuilder();
                return SequenceCalls.columnDefault(rex, c.sequenceDefault(), schema.name(), c.name(), type);
            }
            if (c.randomUuidDefault()) {
                // Called for each row: a new UUID each, drawn by the member that runs the statement.
                RexBuilder rex = context.getRexBuilder();
                return rex.makeCast(type, rex.makeCall(UuidFunctions.RANDOM_UUID));
            }
            if (c.timeDefault() != null) {
                // The statement's own CURRENT_TIMESTAMP (or kin): one value for all its rows, read by this member.
                RexBuilder rex = context.getRexBuilder();
                return rex.makeCast(type, rex.makeCall(StatementTime.function(c.timeDefault())));
            }
            if (c.defaultValue() == null) {
                return context.getRexBuilder().makeNullLiteral(type);
            }
            return SqlLiterals.of(context.getRexBuilder(), c.defaultValue(), type);
        }
    }
}

package dev.mnemo.sql.plan;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner counts the distinct values of rows held as data, where Calcite would guess a tenth of the rows. */
class HeldRowsMetadataTest {
    private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    private final RelOptCluster cluster = RelOptCluster.create(new VolcanoPlanner(), new RexBuilder(types));
    private final RelDataType twoInts = types.builder().add("A", SqlTypeName.INTEGER).add("B", SqlTypeName.INTEGER)
            .build();

    @Test
    void distinctConstantsAreCountedAndEachParameterCountsAsOne() {
        List<List<Operand>> rows = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            rows.add(List.of(Operand.constant(i), Operand.constant(i % 3)));
        }
        rows.add(List.of(Operand.constant(5), Operand.constant(2)));
        rows.add(List.of(Operand.parameter(0), Operand.constant(1)));
        rows.add(List.of(Operand.parameter(1), Operand.constant(1)));
        MnemoValues held = MnemoValues.of(cluster, twoInts, rows);
        RelMetadataQuery mq = HeldRowsMetadata.queries().get();
        assertThat(mq.getDistinctRowCount(held, ImmutableBitSet.of(0), null)).isEqualTo(29.0);
        assertThat(mq.getDistinctRowCount(held, ImmutableBitSet.of(1), null)).isEqualTo(3.0);
        assertThat(mq.getDistinctRowCount(held, ImmutableBitSet.of(0, 1), null)).isEqualTo(29.0);
        assertThat(mq.getDistinctRowCount(held, ImmutableBitSet.of(), null)).isEqualTo(1.0);
    }

    @Test
    void aDistinctOverHeldRowsIsEstimatedAtTheirDistinctValues() {
        List<List<Operand>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(List.of(Operand.constant(i % 30), Operand.constant(0)));
        }
        MnemoValues held = MnemoValues.of(cluster, twoInts, rows);
        LogicalAggregate distinct = LogicalAggregate.create(held, List.<RelHint>of(), ImmutableBitSet.of(0), null,
                List.<AggregateCall>of());
        assertThat(HeldRowsMetadata.queries().get().getRowCount(distinct)).isEqualTo(30.0);
        assertThat(RelMetadataQuery.instance().getRowCount(distinct)).as("Calcite's own guess").isEqualTo(4.0);
    }
}

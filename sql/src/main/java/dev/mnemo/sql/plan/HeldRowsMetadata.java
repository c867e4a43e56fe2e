package dev.mnemo.sql.plan;

import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the planner knows of rows held as data ({@link MnemoValues}): how many distinct values their columns hold.
 * Calcite guesses a tenth of the rows for a DISTINCT over a relational expression it does not know, and an IN list
 * of 27 values, which it reads as DISTINCT over held rows, would be costed as 2.7 lookups; counted, the lookups of
 * a join and those of an index's IN list are costed alike.
 */
public final class HeldRowsMetadata implements MetadataHandler<BuiltInMetadata.DistinctRowCount> {
    private static final JaninoRelMetadataProvider PROVIDER = JaninoRelMetadataProvider.of(
            ChainedRelMetadataProvider.of(List.of(
                    ReflectiveRelMetadataProvider.reflectiveSource(new HeldRowsMetadata(),
                            BuiltInMetadata.DistinctRowCount.Handler.class),
                    DefaultRelMetadataProvider.INSTANCE)));

    private HeldRowsMetadata() {
    }

    /** Metadata queries that know held rows, for a cluster's {@code setMetadataQuerySupplier}. */
    public static Supplier<RelMetadataQuery> queries() {
        return () -> new RelMetadataQuery(PROVIDER);
    }

    @Override
    public MetadataDef<BuiltInMetadata.DistinctRowCount> getDef() {
        return BuiltInMetadata.DistinctRowCount.DEF;
    }

    /**
     * The distinct values of columns {@code groupKey} over all the rows: counted where they are constants; a row
     * with a parameter or the statement's time in them counts as distinct. Unknown under a predicate.
     */
    public Double getDistinctRowCount(MnemoValues rel, RelMetadataQuery mq, ImmutableBitSet groupKey,
            RexNode predicate) {
        if (predicate != null && !predicate.isAlwaysTrue()) {
            return null;
        }
        if (groupKey.isEmpty()) {
            return rel.rows().isEmpty() ? 0.0 : 1.0;
        }
        Set<List<Object>> constants = new HashSet<>();
        int unknown = 0;
        for (List<Operand> row : rel.rows()) {
            List<Object> values = new ArrayList<>(groupKey.cardinality());
            boolean constant = true;
            for (int column : groupKey) {
                Operand operand = row.get(column);
                constant &= operand.isConstant();
                values.add(operand.isConstant() ? operand.value(null) : null);
            }
            if (constant) {
                constants.add(values);
            } else {
                unknown++;
            }
        }
        return (double) constants.size() + unknown;
    }
}

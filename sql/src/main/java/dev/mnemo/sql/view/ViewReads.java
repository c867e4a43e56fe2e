package dev.mnemo.sql.view;

import dev.mnemo.sql.infoschema.InformationSchema;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which tables and views a view's query names in its FROM clauses, its subqueries' included: what a DROP of one of
 * them must refuse (RESTRICT) or take along (CASCADE). Read from the query's text, so a view that can no longer be
 * read (a column it reads is gone) still counts.
 */
final class ViewReads extends SqlBasicVisitor<Void> {
    private final Set<String> named = new HashSet<>();
    private final Set<String> withNames = new HashSet<>();

    private ViewReads() {
    }

    /** The names a query reads: the last part of each table name in a FROM, less the names its WITH defines. */
    static Set<String> of(SqlNode query) {
        ViewReads reads = new ViewReads();
        query.accept(reads);
        reads.named.removeAll(reads.withNames);
        return reads.named;
    }

    /**
     * The views among {@code views} that read {@code name}, directly or through other views, in name order;
     * {@code parser} parses a view's query (one that no longer parses reads nothing).
     */
    static List<String> readers(List<ViewDef> views, String name, Function<String, SqlNode> parser) {
        List<Set<String>> reads = new ArrayList<>();
        for (ViewDef v : views) {
            reads.add(parsed(v.query(), parser));
        }
        Set<String> found = new TreeSet<>();
        List<String> pending = new ArrayList<>(List.of(name));
        while (!pending.isEmpty()) {
            String read = pending.remove(pending.size() - 1);
            for (int i = 0; i < views.size(); i++) {
                String v = views.get(i).name();
                if (!v.equals(name) && reads.get(i).contains(read) && found.add(v)) {
                    pending.add(v);
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static Set<String> parsed(String query, Function<String, SqlNode> parser) {
        try {
            return of(parser.apply(query));
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    @Override
    public Void visit(SqlCall call) {
        if (call instanceof SqlSelect) {
            from(((SqlSelect) call).getFrom());
        } else if (call instanceof SqlWith) {
            for (SqlNode item : ((SqlWith) call).withList) {
                withNames.add(((SqlWithItem) item).name.getSimple());
            }
        }
        return super.visit(call);
    }

    private void from(SqlNode from) {
        if (from instanceof SqlIdentifier) {
            List<String> names = ((SqlIdentifier) from).names;
            if (names.size() < 2 || !InformationSchema.named(names.get(names.size() - 2))) {
                named.add(names.get(names.size() - 1));
            }
        } else if (from instanceof SqlJoin) {
            from(((SqlJoin) from).getLeft());
            from(((SqlJoin) from).getRight());
        } else if (from instanceof SqlBasicCall && from.getKind() == SqlKind.AS) {
            from(((SqlBasicCall) from).operand(0));
        }
    }
}

package dev.mnemo.sql.infoschema;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.cluster.Membership;
import dev.mnemo.sql.schema.ColumnFacts;
import dev.mnemo.sql.schema.KeyConstraint;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.RowIds;
import dev.mnemo.sql.sequence.SequenceDef;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;

import java.util.List;
import java.util.Locale;

/**
 * The rows of each INFORMATION_SCHEMA table, from one {@link CatalogRead}: a pass over the tables, views or sequences
 * it needs, each described as JDBC metadata describes it ({@link ColumnFacts}, {@link KeyConstraint}). Mnemo has no
 * catalogs, so every catalog column is NULL, as JDBC's TABLE_CAT is.
 */
final class CatalogRows {
    private static final String M = MnemoSchema.NAME;
    private static final String I = InformationSchema.NAME;

    private CatalogRows() {
    }

    static void schemata(CatalogRead c, List<Object[]> out) {
        out.add(new Object[] {null, I, null});
        out.add(new Object[] {null, M, null});
    }

    static void tables(CatalogRead c, List<Object[]> out) {
        for (TableSchema s : c.tables()) {
            out.add(new Object[] {null, M, s.name(), "BASE TABLE", lower(s.kind().name()), lower(s.storage().name()),
                c.schema.rowCount(s.name())});
        }
        for (ViewDef v : c.views()) {
            out.add(new Object[] {null, M, v.name(), "VIEW", null, null, null});
        }
        for (SystemTable t : c.info.systemTables()) {
            out.add(new Object[] {null, I, t.name(), "SYSTEM TABLE", null, null, null});
        }
    }

    static void columns(CatalogRead c, List<Object[]> out) {
        for (TableSchema s : c.tables()) {
            Sequences.Identity identity = c.schema.sequences().identity(s.name());
            List<ColumnDef> visible = RowIds.visibleColumns(s);
            for (int i = 0; i < visible.size(); i++) {
                ColumnDef col = visible.get(i);
                boolean isIdentity = identity != null && identity.owner().column().equals(col.name());
                out.add(column(M, s.name(), i + 1, col, isIdentity ? identity.owner().generation() : null));
            }
        }
        for (ViewDef v : c.views()) {
            List<ColumnDef> columns = c.schema.viewColumns(v);
            for (int i = 0; i < columns.size(); i++) {
                out.add(column(M, v.name(), i + 1, columns.get(i), null));
            }
        }
        for (SystemTable t : c.info.systemTables()) {
            for (int i = 0; i < t.columns().size(); i++) {
                out.add(column(I, t.name(), i + 1, t.columns().get(i), null));
            }
        }
    }

    /** A column's row; {@code generation} is an identity column's ({@code ALWAYS}, {@code BY DEFAULT}), else null. */
    private static Object[] column(String schema, String table, int ordinal, ColumnDef c, String generation) {
        ColumnType t = c.type();
        boolean numeric = ColumnFacts.isNumeric(t);
        boolean datetime = t.kind() == ColumnType.Kind.DATE || t.kind() == ColumnType.Kind.TIME
                || t.kind() == ColumnType.Kind.TIMESTAMP || t.kind() == ColumnType.Kind.TIMESTAMP_TZ;
        return new Object[] {null, schema, table, c.name(), ordinal, ColumnFacts.defaultText(c), yesNo(c.nullable()),
            ColumnFacts.typeName(t), ColumnFacts.stringLength(t), ColumnFacts.stringLength(t),
            numeric ? (Integer) ColumnFacts.columnSize(t) : null, numeric ? (Integer) 10 : null,
            numeric ? ColumnFacts.decimalDigits(t) : null,
            datetime ? (Integer) (t.kind() == ColumnType.Kind.DATE ? 0 : ColumnFacts.decimalDigits(t)) : null,
            yesNo(generation != null), generation};
    }

    static void views(CatalogRead c, List<Object[]> out) {
        for (ViewDef v : c.views()) {
            out.add(new Object[] {null, M, v.name(), v.query(), "NONE", "NO", "NO"});
        }
    }

    static void sequences(CatalogRead c, List<Object[]> out) {
        for (SequenceDef s : c.sequences()) {
            ColumnType t = ColumnType.of(s.type(), 0, 0);
            out.add(new Object[] {null, M, s.name(), ColumnFacts.typeName(t), ColumnFacts.columnSize(t), 10,
                ColumnFacts.decimalDigits(t), s.start(), s.minValue(), s.maxValue(), s.increment(), yesNo(s.cycle()),
                s.cache()});
        }
    }

    static void tableConstraints(CatalogRead c, List<Object[]> out) {
        for (KeyConstraint k : c.constraints()) {
            out.add(new Object[] {null, M, k.name(), null, M, k.table(), k.type().sqlName, "NO", "NO", k.index()});
        }
        c.checks().forEach((table, checks) -> checks.forEach(
                k -> out.add(new Object[] {null, M, k.name(), null, M, table, "CHECK", "NO", "NO", null})));
    }

    static void checkConstraints(CatalogRead c, List<Object[]> out) {
        c.checks().forEach((table, checks) -> checks.forEach(k -> out.add(new Object[] {null, M, k.name(),
            k.clause()})));
    }

    static void keyColumnUsage(CatalogRead c, List<Object[]> out) {
        for (KeyConstraint k : c.constraints()) {
            for (int i = 0; i < k.columns().size(); i++) {
                out.add(new Object[] {null, M, k.name(), null, M, k.table(), k.columns().get(i), i + 1,
                    k.positionInUniqueConstraint(i + 1)});
            }
        }
    }

    static void referentialConstraints(CatalogRead c, List<Object[]> out) {
        for (KeyConstraint k : c.constraints()) {
            KeyConstraint.Reference r = k.reference();
            if (r != null) {
                out.add(new Object[] {null, M, k.name(), null, M, r.key(), KeyConstraint.Reference.MATCH_SIMPLE,
                    r.onUpdate().sql(), r.onDelete().sql()});
            }
        }
    }

    static void indexes(CatalogRead c, List<Object[]> out) {
        for (TableSchema s : c.tables()) {
            for (IndexDef ix : s.indexes()) {
                out.add(new Object[] {null, M, ix.name(), null, M, s.name(), ix.isUnique() ? "UNIQUE INDEX" : "INDEX",
                    ix.isOrdered() ? "ORDERED" : "HASH"});
            }
        }
    }

    static void indexColumns(CatalogRead c, List<Object[]> out) {
        for (TableSchema s : c.tables()) {
            for (IndexDef ix : s.indexes()) {
                for (int i = 0; i < ix.columns().size(); i++) {
                    out.add(new Object[] {null, M, ix.name(), null, M, s.name(), ix.columns().get(i), i + 1,
                        ix.isOrdered() ? "ASC" : null, ix.isUnique()});
                }
            }
        }
    }

    static void clusterMembers(CatalogRead c, List<Object[]> out) {
        for (Membership.Member m : c.info.membership().members()) {
            out.add(new Object[] {m.id(), m.name(), m.address(), m.role(), yesNo(m.voter()), yesNo(m.self()),
                m.reachable() == null ? null : yesNo(m.reachable()), m.term(), m.commitIndex(), m.appliedIndex(),
                m.matchIndex(), m.lastContactMillis()});
        }
    }

    private static String yesNo(boolean yes) {
        return yes ? "YES" : "NO";
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}

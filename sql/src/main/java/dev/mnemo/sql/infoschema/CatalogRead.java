package dev.mnemo.sql.infoschema;

import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.sql.check.CheckDef;
import dev.mnemo.sql.schema.KeyConstraint;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.sequence.SequenceDef;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalog as one read of an INFORMATION_SCHEMA table sees it: each list is read once, when first needed, so
 * a table's rows never rescan the catalog per row. Tables come from the live catalog; views and sequences, which
 * are rows of Mnemo's system tables, are read in the statement's transaction. Mnemo's own objects are left out,
 * as JDBC metadata leaves them out.
 */
final class CatalogRead {
    final InformationSchema info;
    final MnemoSchema schema;
    private final Transaction tx;
    private List<TableSchema> tables;
    private List<ViewDef> views;
    private List<SequenceDef> sequences;
    private List<KeyConstraint> constraints;
    private Map<String, List<CheckDef>> checks;

    CatalogRead(InformationSchema info, Transaction tx) {
        this.info = info;
        this.schema = info.catalog();
        this.tx = tx;
    }

    /** The tables users see, in name order. */
    List<TableSchema> tables() {
        if (tables == null) {
            tables = schema.visibleTables();
        }
        return tables;
    }

    /** The constraints of the tables users see: each table's in turn, in table name order. */
    List<KeyConstraint> constraints() {
        if (constraints == null) {
            constraints = new ArrayList<>();
            for (TableSchema s : tables()) {
                constraints.addAll(KeyConstraint.of(schema.db(), s));
            }
        }
        return constraints;
    }

    /**
     * The check constraints of the tables users see, by table in name order, each table's in the order they were
     * declared; rows of a system table, read in the statement's transaction.
     */
    Map<String, List<CheckDef>> checks() {
        if (checks == null) {
            checks = schema.checks().all(tx, tables());
        }
        return checks;
    }

    /** The views, in name order. */
    List<ViewDef> views() {
        if (views == null) {
            views = schema.views().all(tx);
        }
        return views;
    }

    /** The sequences users see (not those behind identity columns), in name order. */
    List<SequenceDef> sequences() {
        if (sequences == null) {
            sequences = new ArrayList<>();
            for (Row r : schema.sequences().all(tx)) {
                if (!Sequences.isReserved(r.getString("NAME"))) {
                    sequences.add(Sequences.definition(r));
                }
            }
        }
        return sequences;
    }
}

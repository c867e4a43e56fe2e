package dev.mnemo.sql.infoschema;

import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.sql.schema.KeyConstraint;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.sequence.SequenceDef;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;

import java.util.ArrayList;
import java.util.List;

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

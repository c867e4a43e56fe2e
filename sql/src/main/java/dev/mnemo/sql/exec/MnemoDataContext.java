package dev.mnemo.sql.exec;

import dev.mnemo.engine.Transaction;
import dev.mnemo.sql.check.Checks;
import dev.mnemo.sql.sequence.Sequences;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one execution of a compiled statement sees: its transaction, its parameter values ({@code ?0}, …) in
 * Calcite's internal form, the values its plan stashed, and the database's clock read once when the statement
 * started, in the clock's time zone (which makes CURRENT_TIMESTAMP and the defaults that take the time of the write).
 */
public final class MnemoDataContext implements DataContext {
    private final SchemaPlus root;
    private final JavaTypeFactory typeFactory;
    private final Transaction transaction;
    private final Sequences sequences;
    private final Checks checks;
    private final Map<String, Object> stashed;
    private final Object[] parameters;
    private final long startMillis;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private final TimeZone timeZone;
    /** Made when generated code first asks for it: most statements never do, and each execution has a context. */
    private AtomicBoolean cancelFlag;
    /** The identity column the statement inserted into, and the values it generated there, in insert order. */
    private dev.mnemo.engine.ColumnDef identity;
    private java.util.List<Object> generated = java.util.List.of();

    MnemoDataContext(SchemaPlus root, JavaTypeFactory typeFactory, Transaction transaction, Sequences sequences,
                     Checks checks, Map<String, Object> stashed, Object[] parameters, long startMillis,
                     TimeZone timeZone) {
        this.root = root;
        this.typeFactory = typeFactory;
        this.transaction = transaction;
        this.sequences = sequences;
        this.checks = checks;
        this.stashed = stashed;
        this.parameters = parameters;
        this.startMillis = startMillis;
        this.timeZone = timeZone;
    }

    public Transaction transaction() {
        return transaction;
    }

    /** Records the identity value of a row the statement inserted (its engine value). */
    void generated(dev.mnemo.engine.ColumnDef column, Object value) {
        if (identity == null) {
            generated = new java.util.ArrayList<>();
        }
        identity = column;
        generated.add(value);
    }

    /** The identity column the statement inserted rows into, or null. */
    dev.mnemo.engine.ColumnDef identity() {
        return identity;
    }

    /** The identity values of the rows the statement inserted. */
    java.util.List<Object> generated() {
        return generated;
    }

    /** The database's check constraints, which the statement's writes must pass. */
    Checks checks() {
        return checks;
    }

    /** The database's sequences, for {@code NEXT VALUE FOR}. */
    Sequences sequences() {
        return sequences;
    }

    @Override
    public SchemaPlus getRootSchema() {
        return root;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        return null;
    }

    @Override
    public Object get(String name) {
        if (name.startsWith("?")) {
            return parameters[Integer.parseInt(name, 1, name.length(), 10)];
        }
        Object v = stashed.get(name);
        if (v != null) {
            return v;
        }
        long offset = timeZone.getOffset(startMillis);
        if (Variable.CURRENT_TIMESTAMP.camelName.equals(name) || Variable.LOCAL_TIMESTAMP.camelName.equals(name)) {
            return startMillis + offset;
        }
        if (Variable.UTC_TIMESTAMP.camelName.equals(name)) {
            return startMillis;
        }
        if (Variable.TIME_ZONE.camelName.equals(name)) {
            // The zone Calcite reads and writes a TIMESTAMP WITH TIME ZONE in (EXTRACT, FLOOR, a cast to DATE): UTC,
            // as Mnemo keeps and shows instants; Mnemo has no session time zone.
            return UTC;
        }
        if (Variable.LOCALE.camelName.equals(name)) {
            return Locale.ROOT;
        }
        if (Variable.CANCEL_FLAG.camelName.equals(name)) {
            if (cancelFlag == null) {
                cancelFlag = new AtomicBoolean();
            }
            return cancelFlag;
        }
        if (Variable.USER.camelName.equals(name) || Variable.SYSTEM_USER.camelName.equals(name)) {
            return "mnemo";
        }
        return null;
    }
}

package dev.mnemo.sql.hibernate;

import org.hibernate.boot.model.relational.QualifiedSequenceName;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.tool.schema.extract.internal.SequenceInformationImpl;
import org.hibernate.tool.schema.extract.spi.ExtractionContext;
import org.hibernate.tool.schema.extract.spi.SequenceInformation;
import org.hibernate.tool.schema.extract.spi.SequenceInformationExtractor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequences that exist, for {@code hbm2ddl.auto = update} and {@code validate}, read from JDBC metadata
 * ({@code getTables} with the table type SEQUENCE) rather than from an information schema, which Mnemo does not
 * have; so it works the same over either driver. The metadata names a sequence but not its options: the start,
 * bounds and increment are left unknown, and Hibernate then checks no increment against the mapping.
 */
final class MnemoSequenceInformation implements SequenceInformationExtractor {
    static final MnemoSequenceInformation INSTANCE = new MnemoSequenceInformation();

    private static final String[] SEQUENCES = {"SEQUENCE"};

    private MnemoSequenceInformation() {
    }

    @Override
    public Iterable<SequenceInformation> extractMetadata(ExtractionContext context) throws SQLException {
        IdentifierHelper names = context.getJdbcEnvironment().getIdentifierHelper();
        List<SequenceInformation> found = new ArrayList<>();
        try (ResultSet rs = context.getJdbcConnection().getMetaData().getTables(null, null, "%", SEQUENCES)) {
            while (rs.next()) {
                QualifiedSequenceName name = new QualifiedSequenceName(
                        names.toIdentifier(rs.getString("TABLE_CAT")), names.toIdentifier(rs.getString("TABLE_SCHEM")),
                        names.toIdentifier(rs.getString("TABLE_NAME")));
                found.add(new SequenceInformationImpl(name, null, null, null, null));
            }
        }
        return found;
    }
}

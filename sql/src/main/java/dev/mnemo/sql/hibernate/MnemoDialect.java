package dev.mnemo.sql.hibernate;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.TimeZoneSupport;
import org.hibernate.dialect.identity.IdentityColumnSupport;
import org.hibernate.dialect.sequence.SequenceSupport;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.spi.RuntimeModelCreationContext;
import org.hibernate.query.sqm.mutation.internal.inline.InlineMutationStrategy;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategy;
import org.hibernate.sql.ast.SqlAstTranslatorFactory;
import org.hibernate.sql.ast.spi.StandardSqlAstTranslatorFactory;
import org.hibernate.tool.schema.extract.spi.SequenceInformationExtractor;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.TimestampUtcAsOffsetDateTimeJdbcType;
import org.hibernate.type.descriptor.jdbc.UUIDJdbcType;
import org.hibernate.type.descriptor.sql.internal.DdlTypeImpl;

/**
 * Hibernate ORM's dialect for Mnemo, over either JDBC driver: {@code hibernate.dialect =
 * dev.mnemo.sql.hibernate.MnemoDialect}. Hibernate's standard SQL serves as it is (pages are {@code OFFSET ? ROWS
 * FETCH FIRST ? ROWS ONLY}, a {@code float} is {@code FLOAT(24)}, which Mnemo makes a REAL, and a {@code double}
 * is {@code DOUBLE PRECISION}, and enum columns get Hibernate's CHECK constraints, which Mnemo enforces); this says
 * where Mnemo differs: TIMESTAMP keeps milliseconds, a {@code UUID} is a {@code uuid} column bound as a
 * {@code java.util.UUID} ({@code GenerationType.UUID} ids included), an {@code Instant}, {@code OffsetDateTime} or
 * {@code ZonedDateTime} is a {@code timestamp(p) with time zone} column holding the instant, and tables and
 * foreign keys are dropped with {@code IF EXISTS}.
 * Foreign keys ({@code @ManyToOne}, {@code @OneToMany}, {@code JOINED} inheritance) are Hibernate's {@code alter
 * table ... add constraint ... foreign key ... references ...}, enforced by Mnemo; bulk mutations of several tables
 * need no helper tables. Ids may be
 * assigned or generated: {@code GenerationType.IDENTITY} makes an identity column whose values come back through
 * {@code getGeneratedKeys} ({@link MnemoIdentityColumnSupport}); {@code SEQUENCE}, and {@code AUTO} (a sequence
 * per entity, Hibernate's choice), draw from Mnemo's sequences ({@link MnemoSequenceSupport}), which
 * {@code hbm2ddl.auto = update} and {@code validate} find through JDBC metadata ({@link MnemoSequenceInformation}).
 * hibernate-core is an optional dependency of mnemo-sql: only an application that uses Hibernate loads this class.
 */
public class MnemoDialect extends Dialect {
    /** Mnemo's dialect has no versions of its own yet. */
    private static final DatabaseVersion VERSION = DatabaseVersion.make(0, 1);

    public MnemoDialect() {
        super(VERSION);
    }

    /** Called by Hibernate when it builds the dialect from the connection's metadata. */
    public MnemoDialect(DialectResolutionInfo info) {
        super(info);
    }

    /**
     * Hibernate's standard SQL, named outright: Hibernate falls back to it where the dialect names none, save in the
     * statements that write an element collection's rows ({@code @ElementCollection}), which fail without it.
     */
    @Override
    public SqlAstTranslatorFactory getSqlAstTranslatorFactory() {
        return new StandardSqlAstTranslatorFactory();
    }

    /** A {@code java.util.UUID} is a column of Mnemo's {@code uuid} type, not the 16 bytes of a binary one. */
    @Override
    protected void registerColumnTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.registerColumnTypes(typeContributions, serviceRegistry);
        typeContributions.getTypeConfiguration().getDdlTypeRegistry()
                .addDescriptor(new DdlTypeImpl(SqlTypes.UUID, "uuid", this));
    }

    /** UUIDs are bound and read as {@code java.util.UUID} values, which both drivers take and give. */
    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry().addDescriptor(UUIDJdbcType.INSTANCE);
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry()
                .addDescriptor(TimestampUtcAsOffsetDateTimeJdbcType.INSTANCE);
    }

    /**
     * Instants ({@code Instant}, and {@code OffsetDateTime} and {@code ZonedDateTime}, normalised to UTC) go into
     * {@code timestamp(p) with time zone} columns, which hold an instant, bound as an {@code OffsetDateTime} at UTC.
     */
    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.TIMESTAMP_UTC ? columnType(SqlTypes.TIMESTAMP_WITH_TIMEZONE)
                : super.columnType(sqlTypeCode);
    }

    /** A TIMESTAMP WITH TIME ZONE keeps the instant, not the offset it was written with. */
    @Override
    public TimeZoneSupport getTimeZoneSupport() {
        return TimeZoneSupport.NORMALIZE;
    }

    @Override
    public int getDefaultTimestampPrecision() {
        return 3;
    }

    @Override
    public boolean supportsIfExistsBeforeTableName() {
        return true;
    }

    /** Hibernate's {@code alter table if exists t drop constraint if exists fk} then finds nothing to do quietly. */
    @Override
    public boolean supportsIfExistsAfterAlterTable() {
        return true;
    }

    @Override
    public boolean supportsIfExistsBeforeConstraintName() {
        return true;
    }

    /**
     * Bulk updates and deletes that touch several tables (an entity hierarchy mapped {@code JOINED}) select the ids
     * of the rows they match and then change each table by those ids ({@code id IN (?, ...)}), instead of keeping
     * the ids in a helper table ({@code HTE_<entity>}): Mnemo has no temporary tables, and helper tables made as
     * ordinary ones stay in the schema. The ids travel through the statement: the transaction that runs the
     * mutation validates the rows it read, so the ids are those of the rows it changes.
     */
    @Override
    public SqmMultiTableMutationStrategy getFallbackSqmMutationStrategy(EntityMappingType entity,
                                                                        RuntimeModelCreationContext context) {
        return new InlineMutationStrategy(this);
    }

    @Override
    public IdentityColumnSupport getIdentityColumnSupport() {
        return MnemoIdentityColumnSupport.INSTANCE;
    }

    @Override
    public SequenceSupport getSequenceSupport() {
        return MnemoSequenceSupport.INSTANCE;
    }

    @Override
    public SequenceInformationExtractor getSequenceInformationExtractor() {
        return MnemoSequenceInformation.INSTANCE;
    }
}

package dev.mnemo.sql.client;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.LockModeType;
import dev.mnemo.sql.hibernate.MnemoDialect;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.sqm.mutation.internal.inline.InlineMutationStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hibernate ORM over the driver, bootstrapped plainly (no container), with {@link MnemoDialect} and a pool:
 * the schema made by Hibernate's own DDL, then persist, find, update, JPQL queries with parameters, order and
 * pages, and delete, each in a transaction. Run once per driver by a subclass that gives its fixture.
 */
public abstract class HibernateContract {
    private static final LocalDateTime NOON = LocalDateTime.of(2024, 5, 17, 12, 30, 15, 250_000_000);

    private final JdbcFixture fixture;
    private Connection admin;
    private HikariDataSource pool;
    private SessionFactory orm;

    protected HibernateContract(JdbcFixture fixture) {
        this.fixture = fixture;
    }

    @BeforeEach
    void open() throws Exception {
        admin = fixture.open();
        pool = new HikariDataSource();
        pool.setJdbcUrl(fixture.url());
        pool.setMaximumPoolSize(2);
        orm = sessionFactory("create-drop");
        orm.inTransaction(s -> {
            s.persist(new Book(1, "Dune", "9.99", LocalDate.of(1965, 8, 1), NOON, true));
            s.persist(new Book(2, "Solaris", "12.50", LocalDate.of(1961, 6, 1), NOON, false));
            s.persist(new Book(3, "Foundation", "7.25", LocalDate.of(1951, 5, 1), NOON.plusDays(1), true));
        });
    }

    /** Hibernate over the pool, doing {@code schemaAction} (hbm2ddl.auto) with the schema when it starts. */
    private SessionFactory sessionFactory(String schemaAction) {
        Configuration config = new Configuration()
                .addAnnotatedClass(Book.class)
                .addAnnotatedClass(Gadget.class)
                .addAnnotatedClass(Ticket.class)
                .addAnnotatedClass(Invoice.class)
                .addAnnotatedClass(Note.class)
                .addAnnotatedClass(Author.class)
                .addAnnotatedClass(Paper.class)
                .addAnnotatedClass(Vehicle.class)
                .addAnnotatedClass(Truck.class)
                .addAnnotatedClass(Playlist.class)
                .addAnnotatedClass(Device.class)
                .addAnnotatedClass(Meeting.class)
                .setProperty(AvailableSettings.DIALECT, MnemoDialect.class.getName())
                .setProperty(AvailableSettings.HBM2DDL_AUTO, schemaAction)
                .setProperty(AvailableSettings.HBM2DDL_HALT_ON_ERROR, "true")
                .setProperty(AvailableSettings.KEYWORD_AUTO_QUOTING_ENABLED, "true")
                .setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "10");
        config.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool);

        return config.buildSessionFactory();
    }

    @AfterEach
    void close() throws Exception {
        if (orm != null) {
            orm.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (admin != null) {
            admin.close();
        }
        fixture.close();
    }

    private Book find(long id) {
        return orm.fromTransaction(s -> s.find(Book.class, id));
    }

    @Test
    public void anEntityIsStoredWithEachColumnTypeAndFoundAgain() throws Exception {
        Book dune = find(1);
        assertThat(dune.title()).isEqualTo("Dune");
        assertThat(dune.price()).isEqualByComparingTo("9.99");
        assertThat(dune.published()).isEqualTo(LocalDate.of(1965, 8, 1));
        assertThat(dune.updatedAt()).isEqualTo(NOON);
        assertThat(dune.inPrint()).isTrue();
        assertThat(find(4)).isNull();
        // The rows are plain rows to any other client.
        try (ResultSet rs = admin.createStatement().executeQuery("SELECT title, price FROM book WHERE id = 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Solaris");
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("12.50");
        }
    }

    @Test
    public void aUuidIdAndAttributeAreStoredAsUuidColumnsAndQueriedBy() throws Exception {
        UUID alice = UUID.fromString("a11ce000-0000-4000-8000-000000000000");
        Device phone = new Device(alice, "phone");
        Device laptop = new Device(UUID.fromString("0b0b0000-0000-4000-8000-000000000000"), "laptop");
        orm.inTransaction(s -> {
            s.persist(phone);
            s.persist(laptop);
        });
        assertThat(phone.id).isNotNull().isNotEqualTo(laptop.id);
        Device back = orm.fromTransaction(s -> s.find(Device.class, phone.id));
        assertThat(back.owner).isEqualTo(alice);
        assertThat(back.name).isEqualTo("phone");
        List<Device> owned = orm.fromTransaction(s -> s.createSelectionQuery("from Device where owner = :o",
                Device.class).setParameter("o", alice).getResultList());
        assertThat(owned).extracting(d -> d.name).containsExactly("phone");
        try (ResultSet rs = admin.getMetaData().getColumns(null, null, "DEVICE", "%")) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
            }
            assertThat(columns).contains("ID:UUID", "OWNER:UUID");
        }
        try (ResultSet rs = admin.createStatement().executeQuery("SELECT name FROM device WHERE id = UUID '"
                + laptop.id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("laptop");
        }
    }

    @Test
    public void instantsAndOffsetDateTimesPersistLoadAndQueryByTheirInstant() throws Exception {
        OffsetDateTime athens = OffsetDateTime.of(2026, 12, 3, 10, 0, 0, 125_000_000, ZoneOffset.ofHours(2));
        Instant start = athens.toInstant().minusSeconds(3600);
        orm.inTransaction(s -> {
            s.persist(new Meeting(1, start, athens));
            s.persist(new Meeting(2, start.plusSeconds(7200), athens.plusHours(2)));
        });
        Meeting one = orm.fromTransaction(s -> s.find(Meeting.class, 1L));
        assertThat(one.startsAt).isEqualTo(start);
        assertThat(one.endsAt.toInstant()).isEqualTo(athens.toInstant());
        List<Long> ending = orm.fromTransaction(s -> s.createQuery(
                "select m.id from Meeting m where m.endsAt = :at", Long.class)
                .setParameter("at", athens.atZoneSameInstant(ZoneId.of("Asia/Tokyo")).toOffsetDateTime())
                .getResultList());
        assertThat(ending).containsExactly(1L);
        List<Long> later = orm.fromTransaction(s -> s.createQuery(
                "select m.id from Meeting m where m.startsAt > :at order by m.startsAt", Long.class)
                .setParameter("at", start).getResultList());
        assertThat(later).containsExactly(2L);
        try (ResultSet rs = admin.getMetaData().getColumns(null, null, "MEETING", "STARTSAT")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("TIMESTAMP WITH TIME ZONE");
        }
    }

    @Test
    public void anElementCollectionKeepsEqualElementsInATableWithoutAPrimaryKey() throws Exception {
        orm.inTransaction(s -> s.persist(new Playlist(1, List.of("a", "a", "b"))));
        orm.inTransaction(s -> s.persist(new Playlist(2, List.of("a"))));
        assertThat(orm.fromTransaction(s -> s.find(Playlist.class, 1L)).songs)
                .containsExactlyInAnyOrder("a", "a", "b");
        orm.inTransaction(s -> {
            Playlist p = s.find(Playlist.class, 1L);
            p.songs.remove("a");
            p.songs.add("c");
        });
        assertThat(orm.fromTransaction(s -> s.find(Playlist.class, 1L)).songs)
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(orm.fromTransaction(s -> s.find(Playlist.class, 2L)).songs).containsExactly("a");
        try (ResultSet rs = admin.getMetaData().getPrimaryKeys(null, null, "PLAYLIST_SONGS")) {
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = admin.createStatement().executeQuery("SELECT COUNT(*) FROM playlist_songs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(4);
        }
    }

    @Test
    public void everyOtherBasicTypeIsStoredAndReadBack() {
        Gadget gadget = new Gadget(1);
        orm.inTransaction(s -> s.persist(gadget));
        Gadget back = orm.fromTransaction(s -> s.find(Gadget.class, 1L));
        assertThat(back).usingRecursiveComparison().isEqualTo(gadget);
    }

    @Test
    public void enumColumnsKeepTheValuesHibernatesChecksAllow() throws Exception {
        orm.inTransaction(s -> s.persist(new Gadget(1)));
        long ticket = persistAll(orm, Ticket::new, t -> t.id, 1).get(0);
        try (Statement st = admin.createStatement()) {
            for (String bad : List.of("UPDATE ticket SET status = 'LOST'", "UPDATE gadget SET \"ORDINAL\" = 2",
                    "UPDATE gadget SET sizeName = 'HUGE'",
                    "INSERT INTO ticket (subject, status) VALUES ('x', 'NEW')")) {
                assertThatThrownBy(() -> st.executeUpdate(bad)).as(bad)
                        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
            }
            assertThat(st.executeUpdate("UPDATE ticket SET status = 'CLOSED'")).isEqualTo(1);
        }
        assertThat(orm.fromTransaction(s -> s.find(Ticket.class, ticket)).status).isEqualTo(Ticket.Status.CLOSED);
        assertThat(orm.fromTransaction(s -> s.find(Gadget.class, 1L)).ordinal).isEqualTo(Gadget.Size.LARGE);
    }

    @Test
    public void anUpdateInATransactionIsSeenByTheNextOne() {
        LocalDateTime later = NOON.plusHours(3);
        orm.inTransaction(s -> {
            Book solaris = s.find(Book.class, 2L);
            solaris.price(new BigDecimal("14.00"));
            solaris.inPrint(true);
            solaris.updatedAt(later);
        });
        Book solaris = find(2);
        assertThat(solaris.price()).isEqualByComparingTo("14.00");
        assertThat(solaris.inPrint()).isTrue();
        assertThat(solaris.updatedAt()).isEqualTo(later);
        assertThat(solaris.version()).isEqualTo(1);
    }

    /** The SQLState of the first SQLException among {@code e}'s causes. */
    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return ((java.sql.SQLException) t).getSQLState();
            }
        }
        return null;
    }

    @Test
    public void aPessimisticWriteLockIsAReadThatTheCommitValidates() {
        // Mnemo takes no locks: the row read FOR UPDATE is validated at commit, so a change to it comes first and
        // this transaction fails, although it wrote only another row.
        assertThatThrownBy(() -> orm.inTransaction(s -> {
            Book dune = s.find(Book.class, 1L, LockModeType.PESSIMISTIC_WRITE);
            assertThat(dune.title()).isEqualTo("Dune");
            orm.inTransaction(other -> other.find(Book.class, 1L).price(new BigDecimal("1.00")));
            s.find(Book.class, 2L).price(new BigDecimal("2.00"));
        })).satisfies(e -> assertThat(sqlState(e)).isEqualTo("40001"));
        assertThat(find(1).price()).isEqualByComparingTo("1.00");
        assertThat(find(2).price()).isEqualByComparingTo("12.50");
        orm.inTransaction(s -> s.find(Book.class, 2L, LockModeType.PESSIMISTIC_WRITE).price(new BigDecimal("3.00")));
        assertThat(find(2).price()).isEqualByComparingTo("3.00");
    }

    @Test
    public void aStaleVersionIsRefused() {
        Book stale = find(3);
        orm.inTransaction(s -> s.find(Book.class, 3L).price(new BigDecimal("8.00")));
        stale.price(new BigDecimal("9.00"));
        assertThatThrownBy(() -> orm.inTransaction(s -> s.merge(stale)))
                .isInstanceOf(jakarta.persistence.OptimisticLockException.class);
        assertThat(find(3).price()).isEqualByComparingTo("8.00");
    }

    @Test
    public void theSchemaHibernateMadeValidatesAgainstTheDriversMetadata() {
        List<Long> before = persistAll(orm, Invoice::new, i -> i.id, 3);
        sessionFactory("validate").close();
        try (SessionFactory updated = sessionFactory("update")) {
            // The sequence was found, not made again from its start: the new block follows the old ones.
            List<Long> after = persistAll(updated, Invoice::new, i -> i.id, 3);
            assertThat(after).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id)
                    .isGreaterThan(before.get(before.size() - 1)));
        }
        assertThat(find(2).title()).isEqualTo("Solaris");
    }

    /** Persists {@code count} entities made by {@code make} in one transaction; their ids, in persist order. */
    private static <T> List<Long> persistAll(SessionFactory orm, Function<String, T> make, Function<T, Long> id,
                                             int count) {
        List<T> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(make.apply("n" + i));
        }
        orm.inTransaction(s -> {
            made.forEach(s::persist);
            s.flush();
            assertThat(made).allSatisfy(e -> assertThat(s.find(e.getClass(), id.apply(e))).isSameAs(e));
        });
        return made.stream().map(id).toList();
    }

    /** Each of {@code ids} found again in a new session, as the entity with the text it was made with. */
    private <T> void foundAgain(Class<T> type, List<Long> ids, Function<T, String> text) {
        orm.inTransaction(s -> {
            for (int i = 0; i < ids.size(); i++) {
                assertThat(text.apply(s.find(type, ids.get(i)))).isEqualTo("n" + i);
            }
        });
    }

    private long nextValue(String sequence) throws Exception {
        try (ResultSet rs = admin.createStatement().executeQuery("SELECT NEXT VALUE FOR " + sequence)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    public void identityIdsComeBackThroughGetGeneratedKeys() throws Exception {
        List<Long> ids = persistAll(orm, Ticket::new, t -> t.id, 12);
        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        foundAgain(Ticket.class, ids, t -> t.subject);
        assertThat(persistAll(orm, Ticket::new, t -> t.id, 2)).containsExactly(13L, 14L);
        try (ResultSet rs = admin.getMetaData().getColumns(null, null, "TICKET", "ID")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("IS_AUTOINCREMENT")).isEqualTo("YES");
        }
    }

    @Test
    public void sequenceIdsComeFromBlocksOfTheAllocationSize() throws Exception {
        List<Long> ids = persistAll(orm, Invoice::new, i -> i.id, 12);
        assertThat(ids).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
        foundAgain(Invoice.class, ids, i -> i.customer);
        // The sequence was made to step by the allocation size, so values drawn by others lie past Hibernate's.
        long next = nextValue("invoice_seq");
        assertThat(nextValue("invoice_seq")).isEqualTo(next + 50);
        assertThat(ids).allSatisfy(id -> assertThat(id).isLessThan(next));
        List<Long> more = persistAll(orm, Invoice::new, i -> i.id, 40);
        assertThat(more).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id)
                .isGreaterThan(ids.get(ids.size() - 1)));
    }

    @Test
    public void closingACreateDropSchemaDropsItsSequencesAndTables() throws Exception {
        persistAll(orm, Invoice::new, i -> i.id, 2);
        orm.close();
        orm = null;
        List<String> left = new ArrayList<>();
        try (ResultSet rs = admin.getMetaData().getTables(null, null, "%", null)) {
            while (rs.next()) {
                left.add(rs.getString("TABLE_NAME"));
            }
        }
        assertThat(left).doesNotContain("INVOICE", "INVOICE_SEQ", "NOTE_SEQ", "TICKET", "BOOK", "AUTHOR", "PAPER");
    }

    @Test
    public void anAutoIdIsDrawnFromASequence() throws Exception {
        List<Long> ids = persistAll(orm, Note::new, n -> n.id, 5);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        foundAgain(Note.class, ids, n -> n.text);
        try (ResultSet rs = admin.getMetaData().getTables(null, null, "NOTE%", new String[] {"SEQUENCE"})) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("NOTE_SEQ");
        }
        // A JPQL insert numbers the rows it makes from the same sequence.
        int copied = orm.fromTransaction(s -> s.createMutationQuery("insert into Note (text) select n.text from Note n")
                .executeUpdate());
        assertThat(copied).isEqualTo(5);
        List<Long> all = orm.fromTransaction(s -> s.createSelectionQuery("select n.id from Note n order by n.id",
                Long.class).getResultList());
        assertThat(all).hasSize(10).doesNotHaveDuplicates().startsWith(ids.toArray(Long[]::new));
    }

    @Test
    public void aManyToOneIsAForeignKeyThatTheDatabaseEnforces() throws Exception {
        orm.inTransaction(s -> {
            Author lem = new Author(1, "Lem");
            s.persist(lem);
            s.persist(new Paper(10, "Solaris notes", lem));
        });
        String authorName = orm.fromTransaction(s -> s.find(Paper.class, 10L).author.name);
        assertThat(authorName).isEqualTo("Lem");
        try (ResultSet rs = admin.getMetaData().getImportedKeys(null, null, "PAPER")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("PKTABLE_NAME")).isEqualTo("AUTHOR");
            assertThat(rs.getString("PKCOLUMN_NAME")).isEqualTo("ID");
            assertThat(rs.getString("FKCOLUMN_NAME")).isEqualTo("AUTHOR_ID");
            assertThat(rs.next()).isFalse();
        }
        assertThatThrownBy(() -> orm.inTransaction(s -> s.remove(s.find(Author.class, 1L))))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        assertThatThrownBy(() -> admin.createStatement().execute("INSERT INTO paper (id, title, author_id) "
                + "VALUES (11, 'x', 99)")).satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        orm.inTransaction(s -> {
            s.remove(s.find(Paper.class, 10L));
            s.remove(s.find(Author.class, 1L));
        });
        Author gone = orm.fromTransaction(s -> s.find(Author.class, 1L));
        assertThat(gone).isNull();
    }

    @Test
    public void aRolledBackTransactionLeavesNothing() {
        assertThatThrownBy(() -> orm.inTransaction(s -> {
            s.persist(new Book(4, "Ubik", "5.00", LocalDate.of(1969, 1, 1), NOON, true));
            s.find(Book.class, 1L).price(BigDecimal.ONE);
            s.flush();
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");
        assertThat(find(4)).isNull();
        assertThat(find(1).price()).isEqualByComparingTo("9.99");
    }

    @Test
    public void jpqlQueriesTakeParametersOrderAndPages() {
        List<String> titles = orm.fromTransaction(s -> s.createSelectionQuery(
                        "select b.title from Book b where b.price > :min and b.inPrint = :inPrint"
                                + " order by b.published desc", String.class)
                .setParameter("min", new BigDecimal("7.00"))
                .setParameter("inPrint", true)
                .getResultList());
        assertThat(titles).containsExactly("Dune", "Foundation");

        List<Long> page = orm.fromTransaction(s -> s.createSelectionQuery(
                        "select b.id from Book b order by b.title", Long.class)
                .setFirstResult(1)
                .setMaxResults(1)
                .getResultList());
        assertThat(page).containsExactly(3L);

        List<Book> since = orm.fromTransaction(s -> s.createSelectionQuery(
                        "from Book b where b.published >= :date and b.updatedAt > :time order by b.id", Book.class)
                .setParameter("date", LocalDate.of(1951, 5, 1))
                .setParameter("time", NOON)
                .getResultList());
        assertThat(since).extracting(Book::id).containsExactly(3L);

        Long count = orm.fromTransaction(s -> s.createSelectionQuery(
                "select count(b) from Book b where b.title like :prefix", Long.class)
                .setParameter("prefix", "%o%")
                .getSingleResult());
        assertThat(count).isEqualTo(2L);
    }

    @Test
    public void entitiesAreRemovedOneByOneOrByAQuery() {
        orm.inTransaction(s -> s.remove(s.find(Book.class, 1L)));
        assertThat(find(1)).isNull();
        int removed = orm.fromTransaction(s -> s.createMutationQuery("delete from Book b where b.inPrint = :inPrint")
                .setParameter("inPrint", false)
                .executeUpdate());
        assertThat(removed).isEqualTo(1);
        List<Long> left = orm.fromTransaction(s -> s.createSelectionQuery("select b.id from Book b", Long.class)
                .getResultList());
        assertThat(left).containsExactly(3L);
    }

    @Test
    public void bulkMutationsOfAnEntityHierarchyNeedNoHelperTables() throws Exception {
        orm.inTransaction(s -> {
            s.persist(new Vehicle(1, "ann"));
            s.persist(new Truck(2, "bob", 10));
            s.persist(new Truck(3, "bob", 20));
            s.persist(new Truck(4, "cy", 30));
        });
        int updated = orm.fromTransaction(s -> s.createMutationQuery(
                        "update Truck t set t.payload = t.payload + 1, t.owner = :to where t.owner = :from")
                .setParameter("to", "dee")
                .setParameter("from", "bob")
                .executeUpdate());
        assertThat(updated).isEqualTo(2);
        List<String> trucks = orm.fromTransaction(s -> s.createSelectionQuery(
                "select t.owner || ':' || t.payload from Truck t order by t.id", String.class).getResultList());
        assertThat(trucks).containsExactly("dee:11", "dee:21", "cy:30");
        int deleted = orm.fromTransaction(s -> s.createMutationQuery("delete from Vehicle v where v.owner <> :keep")
                .setParameter("keep", "cy")
                .executeUpdate());
        assertThat(deleted).isEqualTo(3);
        List<Long> left = orm.fromTransaction(s -> s.createSelectionQuery("select v.id from Vehicle v", Long.class)
                .getResultList());
        assertThat(left).containsExactly(4L);
        try (ResultSet rs = admin.createStatement().executeQuery("SELECT COUNT(*) FROM truck")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("rows of the subclass table").isEqualTo(1);
        }
        // The ids matched are selected and each table changed by them, with no helper table (HTE_VEHICLE).
        assertThat(orm.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .getEntityDescriptor(Vehicle.class).getSqmMultiTableMutationStrategy())
                .isInstanceOf(InlineMutationStrategy.class);
    }
}

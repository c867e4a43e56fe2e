# INFORMATION_SCHEMA: the standard's read-only tables that describe the catalog, computed from it when read.

CREATE TABLE account (id BIGINT PRIMARY KEY, owner VARCHAR(40) NOT NULL, balance DECIMAL(12,2) DEFAULT 0,
    code CHAR(3) UNIQUE, opened TIMESTAMP(0) DEFAULT CURRENT_TIMESTAMP, photo VARBINARY(100))
WITH (kind = 'ordered_set', storage = 'ram');

CREATE TABLE entry (account BIGINT NOT NULL, seq INTEGER NOT NULL, amount DOUBLE, memo VARCHAR(10),
    PRIMARY KEY (account, seq), CONSTRAINT entry_memo UNIQUE (memo));

CREATE TABLE event (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, on_day DATE, starts TIME(2), ok BOOLEAN,
    score REAL, tries SMALLINT)
WITH (kind = 'bag');

CREATE INDEX account_owner ON account (owner);

CREATE UNIQUE INDEX entry_seq ON entry (seq, account) USING HASH;

CREATE SEQUENCE ticket START WITH 10 INCREMENT BY 5 MAXVALUE 1000 CYCLE CACHE 8;

CREATE SEQUENCE countdown AS INTEGER INCREMENT BY -1;

CREATE VIEW rich AS SELECT id, owner FROM account WHERE balance > 100;

# Tables and views; Mnemo's own tables (MNEMO$...) are not there.
SELECT table_catalog, table_schema, table_name, table_type, kind, storage FROM information_schema.tables
WHERE table_schema = 'MNEMO' ORDER BY table_name;
TABLE_CATALOG | TABLE_SCHEMA | TABLE_NAME | TABLE_TYPE | KIND | STORAGE
NULL | MNEMO | ACCOUNT | BASE TABLE | ordered_set | ram
NULL | MNEMO | ENTRY | BASE TABLE | set | ram
NULL | MNEMO | EVENT | BASE TABLE | bag | ram
NULL | MNEMO | RICH | VIEW | NULL | NULL

SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name LIKE 'MNEMO$%';
N
0

# The schema's name in any case, as unquoted names go.
SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.TABLES WHERE table_name = 'ACCOUNT';
N
1

SELECT COUNT(*) AS n FROM Information_Schema.Tables WHERE table_name = 'ACCOUNT';
N
1

SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'INFORMATION_SCHEMA'
ORDER BY table_name;
TABLE_NAME | TABLE_TYPE
CHECK_CONSTRAINTS | SYSTEM TABLE
CLUSTER_MEMBERS | SYSTEM TABLE
COLUMNS | SYSTEM TABLE
INDEXES | SYSTEM TABLE
INDEX_COLUMNS | SYSTEM TABLE
KEY_COLUMN_USAGE | SYSTEM TABLE
REFERENTIAL_CONSTRAINTS | SYSTEM TABLE
SCHEMATA | SYSTEM TABLE
SEQUENCES | SYSTEM TABLE
TABLES | SYSTEM TABLE
TABLE_CONSTRAINTS | SYSTEM TABLE
VIEWS | SYSTEM TABLE

SELECT schema_name FROM information_schema.schemata ORDER BY schema_name;
SCHEMA_NAME
INFORMATION_SCHEMA
MNEMO

SELECT table_name, row_count_estimate FROM information_schema.tables WHERE table_type = 'BASE TABLE'
ORDER BY table_name;
TABLE_NAME | ROW_COUNT_ESTIMATE
ACCOUNT | 0
ENTRY | 0
EVENT | 0

INSERT INTO account (id, owner) VALUES (1, 'ann'), (2, 'bob');
-- update 2

SELECT row_count_estimate FROM information_schema.tables WHERE table_name = 'ACCOUNT';
ROW_COUNT_ESTIMATE
2

# Columns, each type described as getColumns describes it.
SELECT column_name, ordinal_position, data_type, character_maximum_length, numeric_precision, numeric_scale,
    datetime_precision, is_nullable, column_default
FROM information_schema.columns WHERE table_name = 'ACCOUNT' ORDER BY ordinal_position;
COLUMN_NAME | ORDINAL_POSITION | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | DATETIME_PRECISION | IS_NULLABLE | COLUMN_DEFAULT
ID | 1 | BIGINT | NULL | 19 | 0 | NULL | NO | NULL
OWNER | 2 | VARCHAR | 40 | NULL | NULL | NULL | NO | NULL
BALANCE | 3 | DECIMAL | NULL | 12 | 2 | NULL | YES | 0.00
CODE | 4 | CHAR | 3 | NULL | NULL | NULL | YES | NULL
OPENED | 5 | TIMESTAMP | NULL | NULL | NULL | 0 | YES | CURRENT_TIMESTAMP
PHOTO | 6 | VARBINARY | 100 | NULL | NULL | NULL | YES | NULL

SELECT column_name, data_type, numeric_precision, numeric_precision_radix, datetime_precision, is_nullable,
    is_identity, identity_generation
FROM information_schema.columns WHERE table_name = 'EVENT' ORDER BY ordinal_position;
COLUMN_NAME | DATA_TYPE | NUMERIC_PRECISION | NUMERIC_PRECISION_RADIX | DATETIME_PRECISION | IS_NULLABLE | IS_IDENTITY | IDENTITY_GENERATION
ID | INTEGER | 10 | 10 | NULL | NO | YES | ALWAYS
ON_DAY | DATE | NULL | NULL | 0 | YES | NO | NULL
STARTS | TIME | NULL | NULL | 2 | YES | NO | NULL
OK | BOOLEAN | NULL | NULL | NULL | YES | NO | NULL
SCORE | REAL | 7 | 10 | NULL | YES | NO | NULL
TRIES | SMALLINT | 5 | 10 | NULL | YES | NO | NULL

# A view's columns as its query types them.
SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'RICH'
ORDER BY ordinal_position;
COLUMN_NAME | DATA_TYPE | IS_NULLABLE
ID | BIGINT | YES
OWNER | VARCHAR | YES

SELECT table_name, view_definition, check_option, is_updatable FROM information_schema.views;
TABLE_NAME | VIEW_DEFINITION | CHECK_OPTION | IS_UPDATABLE
RICH | SELECT id, owner FROM account WHERE balance > 100 | NONE | NO

# Sequences: an identity column's own sequence is not among them.
SELECT sequence_name, data_type, numeric_precision, start_value, minimum_value, maximum_value, increment,
    cycle_option, cache
FROM information_schema.sequences ORDER BY sequence_name;
SEQUENCE_NAME | DATA_TYPE | NUMERIC_PRECISION | START_VALUE | MINIMUM_VALUE | MAXIMUM_VALUE | INCREMENT | CYCLE_OPTION | CACHE
COUNTDOWN | INTEGER | 10 | -1 | -2147483648 | -1 | -1 | NO | 32
TICKET | BIGINT | 19 | 10 | 1 | 1000 | 5 | YES | 8

# Constraints: the primary key, named as getPrimaryKeys names it, and each unique index.
SELECT table_name, constraint_name, constraint_type, index_name FROM information_schema.table_constraints
ORDER BY table_name, constraint_type, constraint_name;
TABLE_NAME | CONSTRAINT_NAME | CONSTRAINT_TYPE | INDEX_NAME
ACCOUNT | ACCOUNT_PK | PRIMARY KEY | ACCOUNT_PK
ACCOUNT | ACCOUNT_CODE_UNIQUE | UNIQUE | ACCOUNT_CODE_UNIQUE
ENTRY | ENTRY_PK | PRIMARY KEY | ENTRY_PK
ENTRY | ENTRY_MEMO | UNIQUE | ENTRY_MEMO
ENTRY | ENTRY_SEQ | UNIQUE | ENTRY_SEQ
EVENT | EVENT_PK | PRIMARY KEY | EVENT_PK

SELECT k.table_name, k.constraint_name, k.column_name, k.ordinal_position, c.constraint_type
FROM information_schema.key_column_usage k JOIN information_schema.table_constraints c
    ON c.constraint_schema = k.constraint_schema AND c.constraint_name = k.constraint_name
WHERE k.table_name = 'ENTRY' ORDER BY k.constraint_name, k.ordinal_position;
TABLE_NAME | CONSTRAINT_NAME | COLUMN_NAME | ORDINAL_POSITION | CONSTRAINT_TYPE
ENTRY | ENTRY_MEMO | MEMO | 1 | UNIQUE
ENTRY | ENTRY_PK | ACCOUNT | 1 | PRIMARY KEY
ENTRY | ENTRY_PK | SEQ | 2 | PRIMARY KEY
ENTRY | ENTRY_SEQ | SEQ | 1 | UNIQUE
ENTRY | ENTRY_SEQ | ACCOUNT | 2 | UNIQUE

# Secondary indexes, as H2 names these tables.
SELECT table_name, index_name, index_type_name, index_method FROM information_schema.indexes
ORDER BY table_name, index_name;
TABLE_NAME | INDEX_NAME | INDEX_TYPE_NAME | INDEX_METHOD
ACCOUNT | ACCOUNT_CODE_UNIQUE | UNIQUE INDEX | HASH
ACCOUNT | ACCOUNT_OWNER | INDEX | ORDERED
ENTRY | ENTRY_MEMO | UNIQUE INDEX | HASH
ENTRY | ENTRY_SEQ | UNIQUE INDEX | HASH

SELECT index_name, column_name, ordinal_position, ordering_specification, is_unique
FROM information_schema.index_columns WHERE table_name = 'ACCOUNT' ORDER BY index_name, ordinal_position;
INDEX_NAME | COLUMN_NAME | ORDINAL_POSITION | ORDERING_SPECIFICATION | IS_UNIQUE
ACCOUNT_CODE_UNIQUE | CODE | 1 | NULL | true
ACCOUNT_OWNER | OWNER | 1 | ASC | false

# Aggregates, subqueries and views over INFORMATION_SCHEMA.
SELECT table_name, COUNT(*) AS n_columns FROM information_schema.columns WHERE table_schema = 'MNEMO'
GROUP BY table_name HAVING COUNT(*) > 2 ORDER BY table_name;
TABLE_NAME | N_COLUMNS
ACCOUNT | 6
ENTRY | 4
EVENT | 6

SELECT table_name FROM information_schema.tables t WHERE table_schema = 'MNEMO' AND NOT EXISTS (
    SELECT 1 FROM information_schema.table_constraints c WHERE c.table_name = t.table_name);
TABLE_NAME
RICH

CREATE VIEW my_tables AS SELECT table_name FROM information_schema.tables
WHERE table_schema = 'MNEMO' AND table_type = 'BASE TABLE';

SELECT * FROM my_tables ORDER BY table_name;
TABLE_NAME
ACCOUNT
ENTRY
EVENT

# Read-only: writes fail with 42501, and change nothing.
INSERT INTO information_schema.tables (table_schema, table_name, table_type) VALUES ('MNEMO', 'X', 'VIEW');
-- error 42501 read-only

UPDATE information_schema.columns SET is_nullable = 'NO';
-- error 42501 read-only

DELETE FROM INFORMATION_SCHEMA.SEQUENCES;
-- error 42501 read-only

UPSERT INTO information_schema.views (table_schema, table_name, view_definition) VALUES ('MNEMO', 'X', 'Y');
-- error 42501 read-only

EXPLAIN PLAN FOR DELETE FROM information_schema.tables;
-- error 42501 read-only

DROP TABLE information_schema.tables;
-- error 42501 read-only

CREATE TABLE information_schema.mine (id INTEGER PRIMARY KEY);
-- error 42501 read-only

CREATE VIEW information_schema.mine AS SELECT 1 AS x;
-- error 42501 read-only

CREATE INDEX tables_name ON information_schema.tables (table_name);
-- error 42501 read-only

SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'MNEMO';
N
5

# After DDL, the same statements (their plans cached) read the catalog as it is now.
ALTER TABLE account ADD COLUMN note VARCHAR(5) DEFAULT 'new';

ALTER TABLE account ALTER COLUMN owner DROP NOT NULL;

ALTER TABLE account RENAME COLUMN photo TO picture;

DROP INDEX account_owner;

SELECT column_name, ordinal_position, data_type, character_maximum_length, numeric_precision, numeric_scale,
    datetime_precision, is_nullable, column_default
FROM information_schema.columns WHERE table_name = 'ACCOUNT' ORDER BY ordinal_position;
COLUMN_NAME | ORDINAL_POSITION | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | DATETIME_PRECISION | IS_NULLABLE | COLUMN_DEFAULT
ID | 1 | BIGINT | NULL | 19 | 0 | NULL | NO | NULL
OWNER | 2 | VARCHAR | 40 | NULL | NULL | NULL | YES | NULL
BALANCE | 3 | DECIMAL | NULL | 12 | 2 | NULL | YES | 0.00
CODE | 4 | CHAR | 3 | NULL | NULL | NULL | YES | NULL
OPENED | 5 | TIMESTAMP | NULL | NULL | NULL | 0 | YES | CURRENT_TIMESTAMP
PICTURE | 6 | VARBINARY | 100 | NULL | NULL | NULL | YES | NULL
NOTE | 7 | VARCHAR | 5 | NULL | NULL | NULL | YES | 'new'

SELECT table_name, index_name, index_type_name, index_method FROM information_schema.indexes
ORDER BY table_name, index_name;
TABLE_NAME | INDEX_NAME | INDEX_TYPE_NAME | INDEX_METHOD
ACCOUNT | ACCOUNT_CODE_UNIQUE | UNIQUE INDEX | HASH
ENTRY | ENTRY_MEMO | UNIQUE INDEX | HASH
ENTRY | ENTRY_SEQ | UNIQUE INDEX | HASH

ALTER TABLE account RENAME TO client;

DROP VIEW rich;

DROP SEQUENCE ticket;

ALTER SEQUENCE countdown INCREMENT BY -2 MINVALUE -100;

DROP TABLE event;

SELECT table_catalog, table_schema, table_name, table_type, kind, storage FROM information_schema.tables
WHERE table_schema = 'MNEMO' ORDER BY table_name;
TABLE_CATALOG | TABLE_SCHEMA | TABLE_NAME | TABLE_TYPE | KIND | STORAGE
NULL | MNEMO | CLIENT | BASE TABLE | ordered_set | ram
NULL | MNEMO | ENTRY | BASE TABLE | set | ram
NULL | MNEMO | MY_TABLES | VIEW | NULL | NULL

SELECT * FROM my_tables ORDER BY table_name;
TABLE_NAME
CLIENT
ENTRY

SELECT sequence_name, data_type, numeric_precision, start_value, minimum_value, maximum_value, increment,
    cycle_option, cache
FROM information_schema.sequences ORDER BY sequence_name;
SEQUENCE_NAME | DATA_TYPE | NUMERIC_PRECISION | START_VALUE | MINIMUM_VALUE | MAXIMUM_VALUE | INCREMENT | CYCLE_OPTION | CACHE
COUNTDOWN | INTEGER | 10 | -1 | -100 | -1 | -2 | NO | 32

SELECT table_name, constraint_name, constraint_type, index_name FROM information_schema.table_constraints
ORDER BY table_name, constraint_type, constraint_name;
TABLE_NAME | CONSTRAINT_NAME | CONSTRAINT_TYPE | INDEX_NAME
CLIENT | CLIENT_PK | PRIMARY KEY | CLIENT_PK
CLIENT | ACCOUNT_CODE_UNIQUE | UNIQUE | ACCOUNT_CODE_UNIQUE
ENTRY | ENTRY_PK | PRIMARY KEY | ENTRY_PK
ENTRY | ENTRY_MEMO | UNIQUE | ENTRY_MEMO
ENTRY | ENTRY_SEQ | UNIQUE | ENTRY_SEQ

SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'MNEMO'
AND table_name NOT IN ('CLIENT', 'ENTRY') ORDER BY table_name, ordinal_position;
TABLE_NAME | COLUMN_NAME
MY_TABLES | TABLE_NAME

SELECT COUNT(*) AS n FROM information_schema.views;
N
1

# A view that cannot be read (its table is gone) is listed, with no columns, as getColumns gives none.
CREATE TABLE gone (id INTEGER PRIMARY KEY);

CREATE VIEW orphan AS SELECT id FROM gone;

ALTER TABLE gone RENAME TO went;

DROP TABLE went;

SELECT table_name, table_type FROM information_schema.tables WHERE table_name = 'ORPHAN';
TABLE_NAME | TABLE_TYPE
ORPHAN | VIEW

# In a transaction that writes, too: its reads of the catalog's views and sequences commit with it.
!autocommit off

INSERT INTO client (id, owner) VALUES (3, 'cy');
-- update 1

SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_name IN ('ORPHAN', 'MY_TABLES');
N
1

SELECT sequence_name FROM information_schema.sequences;
SEQUENCE_NAME
COUNTDOWN

!commit

!autocommit on

SELECT COUNT(*) AS n FROM client;
N
3

# Foreign keys: a FOREIGN KEY constraint of the child table, its columns in KEY_COLUMN_USAGE with the position of the
# column each references in the parent's key, and REFERENTIAL_CONSTRAINTS naming that key and the rules.
CREATE TABLE region (country CHAR(2) NOT NULL, code VARCHAR(5) NOT NULL, name VARCHAR(20) UNIQUE,
    PRIMARY KEY (country, code));

CREATE TABLE shop (id INTEGER PRIMARY KEY, country CHAR(2), region VARCHAR(5), region_name VARCHAR(20),
    CONSTRAINT shop_region FOREIGN KEY (country, region) REFERENCES region (country, code) ON DELETE CASCADE
        ON UPDATE CASCADE,
    CONSTRAINT shop_region_name FOREIGN KEY (region_name) REFERENCES region (name) ON DELETE SET NULL
        ON UPDATE SET NULL);

CREATE TABLE visit (id INTEGER PRIMARY KEY, shop INTEGER REFERENCES shop ON UPDATE RESTRICT);

ALTER TABLE entry ADD CONSTRAINT entry_client FOREIGN KEY (account) REFERENCES client;

SELECT table_name, constraint_name, constraint_type, index_name FROM information_schema.table_constraints
WHERE table_name IN ('REGION', 'SHOP', 'VISIT', 'ENTRY') ORDER BY table_name, constraint_type, constraint_name;
TABLE_NAME | CONSTRAINT_NAME | CONSTRAINT_TYPE | INDEX_NAME
ENTRY | ENTRY_CLIENT | FOREIGN KEY | ENTRY_CLIENT
ENTRY | ENTRY_PK | PRIMARY KEY | ENTRY_PK
ENTRY | ENTRY_MEMO | UNIQUE | ENTRY_MEMO
ENTRY | ENTRY_SEQ | UNIQUE | ENTRY_SEQ
REGION | REGION_PK | PRIMARY KEY | REGION_PK
REGION | REGION_NAME_UNIQUE | UNIQUE | REGION_NAME_UNIQUE
SHOP | SHOP_REGION | FOREIGN KEY | SHOP_REGION
SHOP | SHOP_REGION_NAME | FOREIGN KEY | SHOP_REGION_NAME
SHOP | SHOP_PK | PRIMARY KEY | SHOP_PK
VISIT | VISIT_SHOP_FKEY | FOREIGN KEY | VISIT_SHOP_FKEY
VISIT | VISIT_PK | PRIMARY KEY | VISIT_PK

SELECT constraint_name, column_name, ordinal_position, position_in_unique_constraint
FROM information_schema.key_column_usage WHERE table_name IN ('SHOP', 'VISIT')
ORDER BY constraint_name, ordinal_position;
CONSTRAINT_NAME | COLUMN_NAME | ORDINAL_POSITION | POSITION_IN_UNIQUE_CONSTRAINT
SHOP_PK | ID | 1 | NULL
SHOP_REGION | COUNTRY | 1 | 1
SHOP_REGION | REGION | 2 | 2
SHOP_REGION_NAME | REGION_NAME | 1 | 1
VISIT_PK | ID | 1 | NULL
VISIT_SHOP_FKEY | SHOP | 1 | 1

# MATCH_OPTION is NONE, as PostgreSQL shows MATCH SIMPLE: a NULL in any column references nothing.
SELECT constraint_catalog, constraint_schema, constraint_name, unique_constraint_catalog, unique_constraint_schema,
    unique_constraint_name, match_option, update_rule, delete_rule
FROM information_schema.referential_constraints ORDER BY constraint_name;
CONSTRAINT_CATALOG | CONSTRAINT_SCHEMA | CONSTRAINT_NAME | UNIQUE_CONSTRAINT_CATALOG | UNIQUE_CONSTRAINT_SCHEMA | UNIQUE_CONSTRAINT_NAME | MATCH_OPTION | UPDATE_RULE | DELETE_RULE
NULL | MNEMO | ENTRY_CLIENT | NULL | MNEMO | CLIENT_PK | NONE | NO ACTION | NO ACTION
NULL | MNEMO | SHOP_REGION | NULL | MNEMO | REGION_PK | NONE | CASCADE | CASCADE
NULL | MNEMO | SHOP_REGION_NAME | NULL | MNEMO | REGION_NAME_UNIQUE | NONE | SET NULL | SET NULL
NULL | MNEMO | VISIT_SHOP_FKEY | NULL | MNEMO | SHOP_PK | NONE | RESTRICT | NO ACTION

# The referenced columns, as tools find them: the parent key's column at each POSITION_IN_UNIQUE_CONSTRAINT.
SELECT fk.table_name, fk.column_name, pk.table_name AS parent, pk.column_name AS parent_column
FROM information_schema.referential_constraints rc
JOIN information_schema.key_column_usage fk ON fk.constraint_name = rc.constraint_name
JOIN information_schema.key_column_usage pk ON pk.constraint_name = rc.unique_constraint_name
    AND pk.ordinal_position = fk.position_in_unique_constraint
ORDER BY fk.table_name, fk.constraint_name, fk.ordinal_position;
TABLE_NAME | COLUMN_NAME | PARENT | PARENT_COLUMN
ENTRY | ACCOUNT | CLIENT | ID
SHOP | COUNTRY | REGION | COUNTRY
SHOP | REGION | REGION | CODE
SHOP | REGION_NAME | REGION | NAME
VISIT | SHOP | SHOP | ID

# The index each foreign key made on its columns (none covered them) is a secondary index, as getIndexInfo shows it.
SELECT table_name, index_name, index_type_name, index_method FROM information_schema.indexes
WHERE table_name IN ('REGION', 'SHOP', 'VISIT', 'ENTRY') ORDER BY table_name, index_name;
TABLE_NAME | INDEX_NAME | INDEX_TYPE_NAME | INDEX_METHOD
ENTRY | ENTRY_CLIENT | INDEX | HASH
ENTRY | ENTRY_MEMO | UNIQUE INDEX | HASH
ENTRY | ENTRY_SEQ | UNIQUE INDEX | HASH
REGION | REGION_NAME_UNIQUE | UNIQUE INDEX | HASH
SHOP | SHOP_REGION | INDEX | HASH
SHOP | SHOP_REGION_NAME | INDEX | HASH
VISIT | VISIT_SHOP_FKEY | INDEX | HASH

# A dropped foreign key is gone from every table, and so is the index made for it; an index a user created on its
# columns, which then served it, stays.
ALTER TABLE shop DROP CONSTRAINT shop_region_name;

SELECT constraint_name FROM information_schema.table_constraints WHERE table_name = 'SHOP' ORDER BY constraint_name;
CONSTRAINT_NAME
SHOP_PK
SHOP_REGION

SELECT constraint_name FROM information_schema.referential_constraints ORDER BY constraint_name;
CONSTRAINT_NAME
ENTRY_CLIENT
SHOP_REGION
VISIT_SHOP_FKEY

SELECT COUNT(*) AS n FROM information_schema.key_column_usage WHERE constraint_name = 'SHOP_REGION_NAME';
N
0

SELECT index_name FROM information_schema.indexes WHERE table_name = 'SHOP' ORDER BY index_name;
INDEX_NAME
SHOP_REGION

CREATE INDEX shop_by_name ON shop (region_name);

ALTER TABLE shop ADD CONSTRAINT shop_region_name FOREIGN KEY (region_name) REFERENCES region (name);

ALTER TABLE shop DROP CONSTRAINT shop_region_name;

SELECT index_name FROM information_schema.indexes WHERE table_name = 'SHOP' ORDER BY index_name;
INDEX_NAME
SHOP_BY_NAME
SHOP_REGION

# After the parent is renamed, its key keeps its new name.
ALTER TABLE region RENAME TO area;

SELECT constraint_name, unique_constraint_name FROM information_schema.referential_constraints
WHERE constraint_name = 'SHOP_REGION';
CONSTRAINT_NAME | UNIQUE_CONSTRAINT_NAME
SHOP_REGION | AREA_PK

# DESCRIBE [TABLE] t [column], as MySQL, Oracle and H2 users type it: a table's or view's columns in order, read
# from COLUMNS.
CREATE TABLE described (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL, price DECIMAL(8,2) DEFAULT 0);

DESCRIBE described;
COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | IS_NULLABLE | COLUMN_DEFAULT
ID | INTEGER | NULL | 10 | 0 | NO | NULL
NAME | VARCHAR | 20 | NULL | NULL | NO | NULL
PRICE | DECIMAL | NULL | 8 | 2 | YES | 0.00

DESCRIBE TABLE described price;
COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | IS_NULLABLE | COLUMN_DEFAULT
PRICE | DECIMAL | NULL | 8 | 2 | YES | 0.00

CREATE VIEW described_view AS SELECT id, name FROM described;

DESCRIBE described_view id;
COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | IS_NULLABLE | COLUMN_DEFAULT
ID | INTEGER | NULL | 10 | 0 | YES | NULL

DESCRIBE nowhere;
-- error 42S02 NOWHERE

# CREATE TABLE with inline and table-level keys, NOT NULL, DEFAULT, UNIQUE, every type, and Mnemo's options.

CREATE TABLE account (
  id BIGINT PRIMARY KEY,
  owner VARCHAR(20) NOT NULL,
  balance BIGINT DEFAULT 0 NOT NULL,
  email VARCHAR(40) UNIQUE
) WITH (kind = 'ordered_set', storage = 'ram');
-- update 0

CREATE TABLE everything (
  k1 INTEGER NOT NULL,
  k2 VARCHAR(5) NOT NULL,
  b BIGINT, i INTEGER, s SMALLINT, d DOUBLE, r REAL, amount DECIMAL(10,2), flag BOOLEAN,
  v VARCHAR(10), c CHAR(3), bin VARBINARY(4), dt DATE, tm TIME, ts TIMESTAMP,
  CONSTRAINT everything_pk PRIMARY KEY (k1, k2)
);

CREATE TABLE IF NOT EXISTS account (id BIGINT PRIMARY KEY);
-- update 0

CREATE TABLE account (id BIGINT PRIMARY KEY);
-- error 42S01

CREATE TABLE nokey (id BIGINT);
-- error 42000 PRIMARY KEY

CREATE TABLE twokeys (a BIGINT PRIMARY KEY, b BIGINT PRIMARY KEY);
-- error 42000 one PRIMARY KEY

CREATE TABLE badopt (a BIGINT PRIMARY KEY) WITH (colour = 'red');
-- error 42000 unknown table option

CREATE TABLE badkind (a BIGINT PRIMARY KEY) WITH (kind = 'heap');
-- error 42000 cannot be 'heap'

CREATE TABLE badtype (a BIGINT PRIMARY KEY, g GEOMETRY);
-- error 0A000

CREATE TABLE tags (name VARCHAR(10), tag VARCHAR(10), PRIMARY KEY (name)) WITH (kind = bag);

INSERT INTO account (id, owner) VALUES (1, 'ann');
-- update 1

SELECT id, owner, balance, email FROM account;
ID | OWNER | BALANCE | EMAIL
1 | ann | 0 | NULL

# ALTER TABLE: added columns read as their default in existing rows.
ALTER TABLE account ADD COLUMN note VARCHAR(10) DEFAULT 'n/a';

SELECT id, note FROM account;
ID | NOTE
1 | n/a

ALTER TABLE account ADD note VARCHAR(10);
-- error 42S21

ALTER TABLE account ADD COLUMN must INTEGER NOT NULL;
-- error 42000 default

ALTER TABLE account DROP COLUMN note;

SELECT * FROM account;
ID | OWNER | BALANCE | EMAIL
1 | ann | 0 | NULL

ALTER TABLE account DROP COLUMN IF EXISTS note;

ALTER TABLE account DROP COLUMN note;
-- error 42S22

ALTER TABLE account DROP COLUMN id;
-- error 42000 primary key

ALTER TABLE missing ADD COLUMN x INTEGER;
-- error 42S02

# An added column's default takes the column's type, as in CREATE TABLE: existing rows compare and index by it,
# and a default that does not fit the column is refused with nothing changed.
ALTER TABLE account ADD COLUMN tier INTEGER DEFAULT 5;

SELECT id FROM account WHERE tier = 5;
ID
1

CREATE INDEX by_tier ON account (tier);

SELECT id, tier FROM account WHERE tier >= 5;
ID | TIER
1 | 5

ALTER TABLE account ADD COLUMN code VARCHAR(3) DEFAULT 'toolong';
-- error 22001

ALTER TABLE account ADD COLUMN small SMALLINT DEFAULT 99999;
-- error 22003

INSERT INTO account (id, owner) VALUES (2, 'bob');
-- update 1

SELECT id, tier FROM account ORDER BY id;
ID | TIER
1 | 5
2 | 5

DROP INDEX by_tier;

ALTER TABLE account DROP COLUMN tier;

# Indexes: hash, ordered (the default), unique; IF [NOT] EXISTS; DROP INDEX with or without ON.
CREATE INDEX by_owner ON account (owner) USING HASH;

CREATE UNIQUE INDEX by_owner_balance ON account (owner, balance) USING ORDERED;

CREATE INDEX IF NOT EXISTS by_owner ON account (owner);

CREATE INDEX by_owner ON account (owner);
-- error 42S11

CREATE INDEX by_what ON account (nothing);
-- error 42S22

CREATE INDEX by_bad ON account (owner) USING BTREE;
-- error 42000 HASH or ORDERED

DROP INDEX by_owner;

DROP INDEX by_owner_balance ON account;

DROP INDEX by_owner;
-- error 42S12

DROP INDEX IF EXISTS by_owner;

DROP TABLE tags;

DROP TABLE tags;
-- error 42S02

DROP TABLE IF EXISTS tags;

SELECT * FROM tags;
-- error 42S02

CREATE TABLE mnemo.qualified (id INTEGER PRIMARY KEY);

SELECT COUNT(*) AS n FROM qualified;
N
0

CREATE TABLE other.qualified (id INTEGER PRIMARY KEY);
-- error 3F000

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

CREATE TABLE nokey (id BIGINT) WITH (kind = 'bag');
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

ALTER TABLE account ADD COLUMN must INTEGER NOT NULL DEFAULT NULL;
-- error 42000 column MUST is NOT NULL and cannot have DEFAULT NULL

ALTER TABLE account ADD COLUMN maybe INTEGER DEFAULT NULL;

ALTER TABLE account DROP COLUMN maybe;

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

# DEFAULT takes a literal of every column type, typed or a text or number that converts to it as it would in an
# INSERT. The default is stored with the column's type: a DATE read back is a DATE, a CHAR is padded.
CREATE TABLE typed (
  id INTEGER PRIMARY KEY, b BIGINT DEFAULT 9000000000, i INTEGER DEFAULT -7, s SMALLINT DEFAULT 3,
  d DOUBLE DEFAULT 1.5e0, r REAL DEFAULT 2.25, m DECIMAL(8,3) DEFAULT 12.5, f BOOLEAN DEFAULT TRUE,
  vc VARCHAR(5) DEFAULT 'hello', c CHAR(4) DEFAULT 'ab', bin VARBINARY(4) DEFAULT X'CAFE',
  dt DATE DEFAULT DATE '2024-02-29', tm TIME DEFAULT TIME '12:00:00',
  ts TIMESTAMP DEFAULT TIMESTAMP '2024-02-29 12:34:56.789'
);

CREATE TABLE texts (
  id INTEGER PRIMARY KEY, b BIGINT DEFAULT '9000000000', i INTEGER DEFAULT ' -7 ', s SMALLINT DEFAULT '3',
  d DOUBLE DEFAULT '1.5', r REAL DEFAULT '2.25', m DECIMAL(8,3) DEFAULT '12.5', f BOOLEAN DEFAULT 'true',
  vc VARCHAR(5) DEFAULT 'hello', c CHAR(4) DEFAULT 'ab', bin VARBINARY(4) DEFAULT X'CAFE',
  dt DATE DEFAULT '2024-02-29', tm TIME DEFAULT '12:00', ts TIMESTAMP DEFAULT '2024-02-29 12:34:56.789'
);

INSERT INTO typed (id) VALUES (1);
-- update 1

INSERT INTO texts (id) VALUES (1);
-- update 1

SELECT * FROM typed UNION ALL SELECT * FROM texts;
ID | B | I | S | D | R | M | F | VC | C | BIN | DT | TM | TS
1 | 9000000000 | -7 | 3 | 1.5 | 2.25 | 12.500 | true | hello | ab   | cafe | 2024-02-29 | 12:00:00 | 2024-02-29 12:34:56.789
1 | 9000000000 | -7 | 3 | 1.5 | 2.25 | 12.500 | true | hello | ab   | cafe | 2024-02-29 | 12:00:00 | 2024-02-29 12:34:56.789

SELECT id FROM typed WHERE dt = DATE '2024-02-29' AND tm = TIME '12:00:00' AND c = 'ab' AND bin = X'CAFE';
ID
1

# A default of another type converts as it would in an INSERT: numbers round half up to an integer or a DECIMAL
# scale, a DATE becomes midnight, a TIMESTAMP its date or its time.
CREATE TABLE converted (
  id INTEGER PRIMARY KEY, i INTEGER DEFAULT 2.5, s SMALLINT DEFAULT -2.5e0, m DECIMAL(5,2) DEFAULT 1.235,
  d DOUBLE DEFAULT 7, r REAL DEFAULT 1, ts TIMESTAMP DEFAULT DATE '2024-02-29',
  dt DATE DEFAULT TIMESTAMP '2024-02-29 23:59:59', tm TIME DEFAULT TIMESTAMP '2024-02-29 23:59:59'
);

INSERT INTO converted (id) VALUES (1);
-- update 1

SELECT * FROM converted;
ID | I | S | M | D | R | TS | DT | TM
1 | 3 | -3 | 1.24 | 7.0 | 1.0 | 2024-02-29 00:00:00 | 2024-02-29 | 23:59:59

# A default that is no value of its column is refused when the table is made, and the table is not made.
CREATE TABLE bad (id INTEGER PRIMARY KEY, tm TIME DEFAULT '25:00');
-- error 22007 HOUR 25

CREATE TABLE bad (id INTEGER PRIMARY KEY, tm TIME DEFAULT 'noon');
-- error 22007

CREATE TABLE bad (id INTEGER PRIMARY KEY, tm TIME DEFAULT TIME '24:00:00');
-- error 22007

CREATE TABLE bad (id INTEGER PRIMARY KEY, dt DATE DEFAULT '2023-02-30');
-- error 22007 DEFAULT '2023-02-30' of column DT

CREATE TABLE bad (id INTEGER PRIMARY KEY, dt DATE DEFAULT DATE '2023-02-30');
-- error 22007

CREATE TABLE bad (id INTEGER PRIMARY KEY, ts TIMESTAMP DEFAULT '2024-02-29 10:61:00');
-- error 22007

CREATE TABLE bad (id INTEGER PRIMARY KEY, ts TIMESTAMP DEFAULT 'nope');
-- error 22007

CREATE TABLE bad (id INTEGER PRIMARY KEY, vc VARCHAR(2) DEFAULT 'abc');
-- error 22001 VC

CREATE TABLE bad (id INTEGER PRIMARY KEY, c CHAR(2) DEFAULT 'abc');
-- error 22001 C

CREATE TABLE bad (id INTEGER PRIMARY KEY, bin VARBINARY(1) DEFAULT X'CAFE');
-- error 22001 BIN

CREATE TABLE bad (id INTEGER PRIMARY KEY, s SMALLINT DEFAULT 40000);
-- error 22003

CREATE TABLE bad (id INTEGER PRIMARY KEY, s SMALLINT DEFAULT 32767.5e0);
-- error 22003

CREATE TABLE bad (id INTEGER PRIMARY KEY, b BIGINT DEFAULT 9223372036854775808);
-- error 22003

CREATE TABLE bad (id INTEGER PRIMARY KEY, m DECIMAL(3,1) DEFAULT 123.4);
-- error 22003

CREATE TABLE bad (id INTEGER PRIMARY KEY, r REAL DEFAULT 1e300);
-- error 22003

CREATE TABLE bad (id INTEGER PRIMARY KEY, d DOUBLE DEFAULT 1e400);
-- error 22003

CREATE TABLE bad (id INTEGER PRIMARY KEY, i INTEGER DEFAULT 'abc');
-- error 22018

CREATE TABLE bad (id INTEGER PRIMARY KEY, f BOOLEAN DEFAULT 'maybe');
-- error 22018

CREATE TABLE bad (id INTEGER PRIMARY KEY, i INTEGER DEFAULT INTERVAL '1' DAY);
-- error 0A000

# A NOT NULL column, or a key column, cannot take DEFAULT NULL: the definition contradicts itself.
CREATE TABLE bad (id INTEGER PRIMARY KEY, v INTEGER NOT NULL DEFAULT NULL);
-- error 42000 column V is NOT NULL and cannot have DEFAULT NULL

CREATE TABLE bad (id INTEGER PRIMARY KEY, v INTEGER DEFAULT NULL NOT NULL);
-- error 42000 DEFAULT NULL

CREATE TABLE bad (id INTEGER DEFAULT NULL PRIMARY KEY, v INTEGER);
-- error 42000 column ID is in the primary key and cannot have DEFAULT NULL

CREATE TABLE bad (id INTEGER DEFAULT NULL, v INTEGER, PRIMARY KEY (id));
-- error 42000 DEFAULT NULL

SELECT * FROM bad;
-- error 42S02

# CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME and LOCALTIMESTAMP as a default are the time of the
# write: the statement's CURRENT_TIMESTAMP, one value for all its rows, whichever way it takes the default.
CREATE TABLE stamped (id INTEGER PRIMARY KEY, note VARCHAR(5), ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  lts TIMESTAMP DEFAULT LOCALTIMESTAMP, dt DATE DEFAULT CURRENT_DATE, tm TIME DEFAULT CURRENT_TIME,
  ltm TIME DEFAULT LOCALTIME, midnight TIMESTAMP DEFAULT CURRENT_DATE, given TIMESTAMP);
-- update 0

INSERT INTO stamped (id, note, given) SELECT 1, 'one', CURRENT_TIMESTAMP FROM (VALUES (0));
-- update 1

INSERT INTO stamped (id, given) VALUES (2, CURRENT_TIMESTAMP), (3, CURRENT_TIMESTAMP), (4, CURRENT_TIMESTAMP);
-- update 3

INSERT INTO stamped VALUES (5, 'dflt', DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, CURRENT_TIMESTAMP);
-- update 1

MERGE INTO stamped USING (VALUES (6, 'm')) AS s (id, note) ON stamped.id = s.id
WHEN MATCHED THEN UPDATE SET note = s.note WHEN NOT MATCHED THEN INSERT (id, note, given)
VALUES (s.id, s.note, CURRENT_TIMESTAMP);
-- update 1

UPSERT INTO stamped (id, note, given) VALUES (7, 'up', CURRENT_TIMESTAMP);
-- update 1

SELECT id FROM stamped WHERE ts = given AND lts = given AND dt = CAST(given AS DATE)
  AND tm = CAST(given AS TIME) AND ltm = tm AND midnight = CAST(dt AS TIMESTAMP);
-- unordered
ID
1
2
3
4
5
6
7

# The rows of one statement share its time.
SELECT COUNT(DISTINCT ts) AS d, COUNT(DISTINCT dt) AS dd, COUNT(*) AS n FROM stamped WHERE id BETWEEN 2 AND 4;
D | DD | N
1 | 1 | 3

UPDATE stamped SET given = NULL, ts = DEFAULT WHERE id = 1;
-- update 1

SELECT COUNT(*) AS n FROM stamped WHERE ts IS NULL OR lts IS NULL OR dt IS NULL OR tm IS NULL OR ltm IS NULL;
N
0

# The default must be a value of the column's type by SQL's assignment rules (42804 otherwise); other context
# variables are no defaults (0A000). Nothing is made.
CREATE TABLE bad (id INTEGER PRIMARY KEY, ts TIMESTAMP DEFAULT CURRENT_TIME);
-- error 42804 DEFAULT CURRENT_TIME of column TS is no value of its type TIMESTAMP

CREATE TABLE bad (id INTEGER PRIMARY KEY, tm TIME DEFAULT CURRENT_DATE);
-- error 42804

CREATE TABLE bad (id INTEGER PRIMARY KEY, n BIGINT DEFAULT LOCALTIMESTAMP);
-- error 42804

CREATE TABLE bad (id INTEGER PRIMARY KEY, u VARCHAR(10) DEFAULT CURRENT_USER);
-- error 0A000 DEFAULT CURRENT_USER of column U is not supported

ALTER TABLE typed ADD COLUMN made VARCHAR(30) DEFAULT LOCALTIMESTAMP;
-- error 42804

# ALTER TABLE ADD COLUMN with a time default gives the rows already there one value, the time of the ALTER.
ALTER TABLE stamped ADD COLUMN added TIMESTAMP(0) NOT NULL DEFAULT CURRENT_TIMESTAMP;

SELECT COUNT(DISTINCT added) AS d, COUNT(*) AS n FROM stamped WHERE added >= CAST(ts AS TIMESTAMP(0));
D | N
1 | 7

# ALTER TABLE ADD COLUMN takes the same defaults: rows already there read them, new rows take them.
CREATE TABLE later (id INTEGER PRIMARY KEY);

INSERT INTO later VALUES (1);
-- update 1

ALTER TABLE later ADD COLUMN b BIGINT DEFAULT '9000000000';

ALTER TABLE later ADD COLUMN i INTEGER DEFAULT 2.5e0;

ALTER TABLE later ADD COLUMN s SMALLINT DEFAULT 3;

ALTER TABLE later ADD COLUMN d DOUBLE DEFAULT '1.5';

ALTER TABLE later ADD COLUMN r REAL DEFAULT 2.25e0;

ALTER TABLE later ADD COLUMN m DECIMAL(8,3) DEFAULT 12.5;

ALTER TABLE later ADD COLUMN f BOOLEAN DEFAULT FALSE;

ALTER TABLE later ADD COLUMN vc VARCHAR(5) DEFAULT 'hello';

ALTER TABLE later ADD COLUMN c CHAR(4) DEFAULT 'ab';

ALTER TABLE later ADD COLUMN bin VARBINARY(4) DEFAULT X'00FF';

ALTER TABLE later ADD COLUMN dt DATE DEFAULT '2024-03-01';

ALTER TABLE later ADD COLUMN tm TIME DEFAULT TIME '08:30:15';

ALTER TABLE later ADD COLUMN ts TIMESTAMP DEFAULT '2024-03-01 10:00:00';

ALTER TABLE later ADD COLUMN tm2 TIME DEFAULT '8:30';

ALTER TABLE later ADD COLUMN bad TIME DEFAULT '24:00';
-- error 22007

ALTER TABLE later ADD COLUMN bad VARBINARY(1) DEFAULT X'0102';
-- error 22001

ALTER TABLE later ADD COLUMN bad INTEGER DEFAULT 2147483647.5e0;
-- error 22003

INSERT INTO later (id) VALUES (2);
-- update 1

SELECT * FROM later ORDER BY id;
ID | B | I | S | D | R | M | F | VC | C | BIN | DT | TM | TS | TM2
1 | 9000000000 | 3 | 3 | 1.5 | 2.25 | 12.500 | false | hello | ab   | 00ff | 2024-03-01 | 08:30:15 | 2024-03-01 10:00:00 | 08:30:00
2 | 9000000000 | 3 | 3 | 1.5 | 2.25 | 12.500 | false | hello | ab   | 00ff | 2024-03-01 | 08:30:15 | 2024-03-01 10:00:00 | 08:30:00

SELECT id FROM later WHERE tm = TIME '08:30:15' AND tm2 < tm AND ts > TIMESTAMP '2024-03-01 09:59:59';
-- unordered
ID
1
2

# Mnemo keeps TIME and TIMESTAMP to the millisecond: a declared precision above 3 is refused, not silently cut.
CREATE TABLE bad (id INTEGER PRIMARY KEY, ts TIMESTAMP(6));
-- error 0A000 TIMESTAMP(6) of column TS: Mnemo keeps datetimes to the millisecond, at most precision 3

CREATE TABLE bad (id INTEGER PRIMARY KEY, tm TIME(4));
-- error 0A000 at most precision 3

ALTER TABLE later ADD COLUMN micro TIMESTAMP(9);
-- error 0A000 at most precision 3

CREATE TABLE millis (id INTEGER PRIMARY KEY, tm TIME(3), ts TIMESTAMP(3));
-- update 0

INSERT INTO millis VALUES (1, TIME '08:30:15.125', TIMESTAMP '2024-03-01 10:00:00.125');
-- update 1

SELECT id, ts FROM millis WHERE tm > TIME '08:30:15.124' AND ts > TIMESTAMP '2024-03-01 10:00:00.124';
ID | TS
1 | 2024-03-01 10:00:00.125

# TEXT, PostgreSQL's and MySQL's type for text of any length, is a VARCHAR of the longest length Mnemo stores.
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, extra text);
-- update 0

ALTER TABLE notes ADD COLUMN more TEXT;
-- update 0

INSERT INTO notes (id, body, more) VALUES (1, 'a long note', 'more');
-- update 1

SELECT id, body, extra, more FROM notes WHERE body = 'a long note';
ID | BODY | EXTRA | MORE
1 | a long note | NULL | more

SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'NOTES' ORDER BY ORDINAL_POSITION;
COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH
ID | INTEGER | NULL
BODY | VARCHAR | 16777216
EXTRA | VARCHAR | 16777216
MORE | VARCHAR | 16777216

ALTER TABLE notes ALTER COLUMN more SET DATA TYPE TEXT;
-- update 0

CREATE TABLE notes2 (id INTEGER PRIMARY KEY, body TEXTUAL);
-- error 0A000 TEXTUAL

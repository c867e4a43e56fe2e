# ALTER TABLE ... ALTER [COLUMN]: a column's default and NOT NULL change online; the rows already there keep
# their values, and a change that the rows or the column refuse fails with nothing changed.

CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  name VARCHAR(10),
  city VARCHAR(5) DEFAULT 'oslo',
  joined TIMESTAMP(0)
);

INSERT INTO person (id, name) VALUES (1, 'ann');

ALTER TABLE person ALTER COLUMN city SET DEFAULT 'rome';
-- update 0

INSERT INTO person (id, name) VALUES (2, 'bob');

SELECT id, city FROM person ORDER BY id;
ID | CITY
1 | oslo
2 | rome

ALTER TABLE person ALTER city DROP DEFAULT;

INSERT INTO person (id, name) VALUES (3, 'cy');

SELECT id, city FROM person ORDER BY id;
ID | CITY
1 | oslo
2 | rome
3 | NULL

# The time of the write, for new rows only.
ALTER TABLE person ALTER COLUMN joined SET DEFAULT CURRENT_TIMESTAMP;

INSERT INTO person (id, name) VALUES (4, 'dee');

SELECT id, joined IS NULL AS unset FROM person ORDER BY id;
ID | UNSET
1 | true
2 | true
3 | true
4 | false

# A default is cast to the column's type as in CREATE TABLE, and refused when it does not fit.
ALTER TABLE person ALTER COLUMN city SET DEFAULT 'much too long';
-- error 22001

ALTER TABLE person ALTER COLUMN id SET DEFAULT CURRENT_DATE;
-- error 42804

ALTER TABLE person ALTER COLUMN city SET DEFAULT CURRENT_USER;
-- error 0A000

ALTER TABLE person ALTER COLUMN nope SET DEFAULT 1;
-- error 42S22

ALTER TABLE nobody ALTER COLUMN city SET DEFAULT 'x';
-- error 42S02

INSERT INTO person (id, name) VALUES (5, 'eve');

SELECT city FROM person WHERE id = 5;
CITY
NULL

# SET NOT NULL is refused while a row holds NULL there.
ALTER TABLE person ALTER COLUMN city SET NOT NULL;
-- error 23502 CITY

UPDATE person SET city = 'bern' WHERE city IS NULL;
-- update 3

ALTER TABLE person ALTER COLUMN city SET NOT NULL;

INSERT INTO person (id, name) VALUES (6, 'fay');
-- error 23502

UPDATE person SET city = NULL WHERE id = 1;
-- error 23502

ALTER TABLE person ALTER COLUMN city DROP NOT NULL;

INSERT INTO person (id, name) VALUES (6, 'fay');

SELECT id, city FROM person WHERE id = 6;
ID | CITY
6 | NULL

# A primary key column stays NOT NULL.
ALTER TABLE person ALTER COLUMN id DROP NOT NULL;
-- error 42000 primary key

ALTER TABLE person ALTER COLUMN id SET NOT NULL;

# An identity column's default is its sequence, and it is never NULL.
CREATE TABLE ticket (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note VARCHAR(10));

ALTER TABLE ticket ALTER COLUMN id SET DEFAULT 7;
-- error 42000 identity

ALTER TABLE ticket ALTER COLUMN id DROP DEFAULT;
-- error 42000 identity

# A NULL written by a transaction that began before SET NOT NULL, committed after it, fails.
CREATE TABLE task (id INTEGER PRIMARY KEY, owner VARCHAR(10));

!connection other

!autocommit off

INSERT INTO task VALUES (1, NULL);

!connection main

ALTER TABLE task ALTER COLUMN owner SET NOT NULL;

!connection other

COMMIT;
-- error 23502

!autocommit on

!connection main

SELECT COUNT(*) AS n FROM task;
N
0

# RENAME: rows, key and indexes follow the new names; statements that name the old ones fail.
CREATE TABLE city (id INTEGER PRIMARY KEY, name VARCHAR(10), pop INTEGER);

CREATE INDEX by_pop ON city (pop);

INSERT INTO city VALUES (1, 'oslo', 700), (2, 'rome', 2800);

SELECT name FROM city WHERE pop > 1000;
NAME
rome

ALTER TABLE city RENAME TO town;
-- update 0

SELECT name FROM city WHERE pop > 1000;
-- error 42S02

SELECT name FROM town WHERE pop > 1000;
NAME
rome

ALTER TABLE town RENAME COLUMN pop TO people;

ALTER TABLE town RENAME id TO town_id;

SELECT town_id, name FROM town WHERE people > 1000;
TOWN_ID | NAME
2 | rome

SELECT pop FROM town;
-- error 42S22

INSERT INTO town VALUES (1, 'bern', 130);
-- error 23505

DROP INDEX by_pop ON town;

ALTER TABLE town RENAME TO person;
-- error 42S01

ALTER TABLE town RENAME COLUMN name TO people;
-- error 42S21

ALTER TABLE town RENAME COLUMN nope TO other;
-- error 42S22

ALTER TABLE nowhere RENAME TO somewhere;
-- error 42S02

ALTER TABLE town RENAME TO mnemo$town;
-- error 42000 reserved

CREATE SEQUENCE seq;

ALTER TABLE town RENAME TO seq;
-- error 42S01 sequence

# An identity column keeps numbering after its table or the column is renamed (the rest of the block of values
# this member had reserved is a gap).
INSERT INTO ticket (note) VALUES ('a');

ALTER TABLE ticket RENAME TO issue;

INSERT INTO issue (note) VALUES ('b');

ALTER TABLE issue RENAME COLUMN id TO issue_id;

INSERT INTO issue (note) VALUES ('c');

SELECT note, issue_id > 1 AS later FROM issue ORDER BY issue_id;
NOTE | LATER
a | false
b | true
c | true

INSERT INTO issue (issue_id, note) VALUES (9, 'd');
-- error 428C9

# SET DATA TYPE (or PostgreSQL's TYPE): every row is converted when the change applies, and the indexes on the
# column are rebuilt; one row that the new type cannot hold fails the change, naming its key, and changes nothing.
CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INTEGER, code VARCHAR(10), price DECIMAL(6,2), made DATE);

CREATE INDEX by_qty ON stock (qty);

INSERT INTO stock VALUES (1, 5, 'ab', 1.50, DATE '2024-02-29'), (2, 70000, 'abcdefgh', 20.25, NULL);

ALTER TABLE stock ALTER COLUMN qty SET DATA TYPE BIGINT;
-- update 0

INSERT INTO stock (id, qty) VALUES (3, 5000000000);

SELECT id FROM stock WHERE qty > 100000 ORDER BY id;
ID
3

ALTER TABLE stock ALTER COLUMN qty TYPE INTEGER;
-- error 22003 ID=3

DELETE FROM stock WHERE id = 3;

ALTER TABLE stock ALTER qty TYPE SMALLINT;
-- error 22003 ID=2

ALTER TABLE stock ALTER COLUMN code SET DATA TYPE VARCHAR(4);
-- error 22001 ID=2

SELECT id, qty, code FROM stock ORDER BY id;
ID | QTY | CODE
1 | 5 | ab
2 | 70000 | abcdefgh

ALTER TABLE stock ALTER COLUMN qty TYPE VARCHAR(8);

SELECT id, qty FROM stock WHERE qty = '70000';
ID | QTY
2 | 70000

ALTER TABLE stock ALTER COLUMN price TYPE DECIMAL(8,3);

ALTER TABLE stock ALTER COLUMN made SET DATA TYPE TIMESTAMP(0);

SELECT id, price, made FROM stock ORDER BY id;
ID | PRICE | MADE
1 | 1.500 | 2024-02-29 00:00:00
2 | 20.250 | NULL

ALTER TABLE stock ALTER COLUMN id TYPE BIGINT;
-- error 0A000 primary key

ALTER TABLE stock ALTER COLUMN made TYPE BOOLEAN;
-- error 0A000

ALTER TABLE stock ALTER COLUMN made TYPE TIMESTAMP(6);
-- error 0A000

ALTER TABLE stock ALTER COLUMN nope TYPE BIGINT;
-- error 42S22

ALTER TABLE stock ALTER COLUMN code TYPE GEOMETRY;
-- error 0A000

# The default is converted with the column, and must fit the new type.
CREATE TABLE dflt (id INTEGER PRIMARY KEY, n INTEGER DEFAULT 123456);

ALTER TABLE dflt ALTER COLUMN n TYPE VARCHAR(3);
-- error 22001

ALTER TABLE dflt ALTER COLUMN n TYPE VARCHAR(6);

INSERT INTO dflt (id) VALUES (1);

SELECT n FROM dflt;
N
123456

# A row written under the old type by a transaction that commits after the change conflicts.
!connection other

!autocommit off

INSERT INTO dflt VALUES (2, '7');

!connection main

ALTER TABLE dflt ALTER COLUMN n TYPE VARCHAR(10);

!connection other

COMMIT;
-- error 40001

!autocommit on

!connection main

SELECT COUNT(*) AS n FROM dflt;
N
1

# An identity column's sequence restarts, or counts by another increment, and its type stays the sequence's.
CREATE TABLE job (id BIGINT GENERATED BY DEFAULT AS IDENTITY (CACHE 1) PRIMARY KEY, note VARCHAR(10));

INSERT INTO job (note) VALUES ('a');

ALTER TABLE job ALTER COLUMN id RESTART WITH 100;
-- update 0

INSERT INTO job (note) VALUES ('b');

ALTER TABLE job ALTER id SET INCREMENT BY 10 RESTART WITH 200;

INSERT INTO job (note) VALUES ('c'), ('d');

ALTER TABLE job ALTER COLUMN id RESTART 300;

INSERT INTO job (note) VALUES ('e');

SELECT id, note FROM job ORDER BY id;
ID | NOTE
1 | a
100 | b
200 | c
210 | d
300 | e

ALTER TABLE job ALTER COLUMN id RESTART WITH 0;
-- error 22023

ALTER TABLE job ALTER COLUMN note RESTART;
-- error 42000 identity

ALTER TABLE job ALTER COLUMN id SET INCREMENT BY 0;
-- error 22023

ALTER TABLE job ALTER COLUMN id TYPE INTEGER;
-- error 0A000 identity

ALTER TABLE nothere ALTER COLUMN id RESTART;
-- error 42S02

# A TIMESTAMP becomes a TIMESTAMP WITH TIME ZONE at UTC, Mnemo's session zone, and back; a key or an index on the
# column keeps finding and ordering the rows, by instant. The key's encoding stays, so a key column changes too.
CREATE TABLE shift (stamp TIMESTAMP(3) PRIMARY KEY, seen TIMESTAMP(3), note VARCHAR(5)) WITH (kind = 'ordered_set');

CREATE INDEX shift_seen ON shift (seen);

INSERT INTO shift VALUES (TIMESTAMP '2026-12-03 08:00:00.5', TIMESTAMP '2026-12-03 09:00:00', 'b'),
  (TIMESTAMP '2026-12-03 07:00:00', TIMESTAMP '2026-12-03 06:00:00.25', 'a'),
  (TIMESTAMP '2026-12-04 00:00:00', NULL, 'c');

ALTER TABLE shift ALTER COLUMN stamp TYPE TIMESTAMP(0) WITH TIME ZONE;
-- error 0A000 primary key

ALTER TABLE shift ALTER COLUMN stamp TYPE TIMESTAMP(3) WITH TIME ZONE;

ALTER TABLE shift ALTER COLUMN seen SET DATA TYPE TIMESTAMP(0) WITH TIME ZONE;

SELECT note, stamp, seen FROM shift ORDER BY stamp;
NOTE | STAMP | SEEN
a | 2026-12-03 07:00:00+00:00 | 2026-12-03 06:00:00+00:00
b | 2026-12-03 08:00:00.5+00:00 | 2026-12-03 09:00:00+00:00
c | 2026-12-04 00:00:00+00:00 | NULL

SELECT note FROM shift WHERE stamp = TIMESTAMP WITH TIME ZONE '2026-12-03 10:00:00.5+02:00';
NOTE
b

SELECT note FROM shift WHERE seen = TIMESTAMP WITH TIME ZONE '2026-12-03 01:00:00-05:00';
NOTE
a

SELECT note FROM shift WHERE seen > TIMESTAMP WITH TIME ZONE '2026-12-03 08:00:00+01:00';
NOTE
b

SELECT note FROM shift WHERE stamp >= TIMESTAMP WITH TIME ZONE '2026-12-03 09:00:00+02:00' ORDER BY stamp DESC;
NOTE
c
b
a

INSERT INTO shift VALUES (TIMESTAMP WITH TIME ZONE '2026-12-03 09:00:00+05:00',
  TIMESTAMP WITH TIME ZONE '2026-12-03 09:00:00+05:00', 'z');

ALTER TABLE shift ALTER COLUMN stamp TYPE TIMESTAMP(3);

ALTER TABLE shift ALTER COLUMN seen TYPE TIMESTAMP(0);

SELECT note, stamp, seen FROM shift ORDER BY stamp;
NOTE | STAMP | SEEN
z | 2026-12-03 04:00:00 | 2026-12-03 04:00:00
a | 2026-12-03 07:00:00 | 2026-12-03 06:00:00
b | 2026-12-03 08:00:00.5 | 2026-12-03 09:00:00
c | 2026-12-04 00:00:00 | NULL

SELECT note FROM shift WHERE seen = TIMESTAMP '2026-12-03 04:00:00';
NOTE
z

SELECT note FROM shift WHERE stamp < TIMESTAMP '2026-12-03 08:00:00' ORDER BY stamp;
NOTE
z
a

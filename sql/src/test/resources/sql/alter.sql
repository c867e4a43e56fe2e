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

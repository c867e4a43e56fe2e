# Tables without a primary key: duplicate rows are allowed, each row is kept under a hidden row id (MNEMO$ROWID)
# that SELECT *, INSERT without a column list and the metadata leave out, and UPDATE and DELETE change exactly the
# rows they match.

CREATE TABLE t (a INT, b VARCHAR(10));

INSERT INTO t VALUES (1, 'x'), (1, 'x'), (2, 'y');
-- update 3

INSERT INTO t VALUES (1, 'x');
-- update 1

INSERT INTO t (b) VALUES ('z');
-- update 1

SELECT * FROM t ORDER BY a, b;
A | B
1 | x
1 | x
1 | x
2 | y
NULL | z

SELECT t.* FROM t WHERE a = 2;
A | B
2 | y

SELECT COUNT(*) AS n, COUNT(DISTINCT a) AS d FROM t;
N | D
5 | 2

# Every row matched is changed and counted, identical ones included; none of them merge.
UPDATE t SET b = 'w' WHERE a = 1;
-- update 3

SELECT a, b, COUNT(*) AS n FROM t GROUP BY a, b ORDER BY a, b;
A | B | N
1 | w | 3
2 | y | 1
NULL | z | 1

# One of two identical rows is told apart by its row id, as H2's _ROWID_ or PostgreSQL's ctid.
DELETE FROM t WHERE mnemo$rowid = (SELECT MIN(mnemo$rowid) FROM t WHERE a = 1);
-- update 1

EXPLAIN PLAN FOR SELECT a FROM t WHERE mnemo$rowid = 1;
-- plan contains KEY_EQ

UPDATE t SET b = 'v' WHERE mnemo$rowid = (SELECT MAX(mnemo$rowid) FROM t WHERE a = 1);
-- update 1

SELECT a, b FROM t ORDER BY a, b;
A | B
1 | v
1 | w
2 | y
NULL | z

DELETE FROM t WHERE a = 1;
-- update 2

SELECT * FROM t ORDER BY a;
A | B
2 | y
NULL | z

# INSERT ... SELECT duplicates rows, of its own table too.
INSERT INTO t SELECT * FROM t;
-- update 2

INSERT INTO t (b, a) SELECT b, a FROM t WHERE a = 2;
-- update 2

SELECT a, b FROM t ORDER BY a, b;
A | B
2 | y
2 | y
2 | y
2 | y
NULL | z
NULL | z

# The row id is Mnemo's to give: a statement cannot set it.
INSERT INTO t (mnemo$rowid, a) VALUES (1, 1);
-- error 428C9 MNEMO$ROWID

UPDATE t SET mnemo$rowid = 5;
-- error 428C9 MNEMO$ROWID

INSERT INTO t VALUES (1, 'a', 3);
-- error 42000 2 columns

CREATE TABLE u (mnemo$rowid BIGINT, v INT);
-- error 42000 MNEMO$ROWID

ALTER TABLE t DROP COLUMN mnemo$rowid;
-- error 42000 MNEMO$ROWID

ALTER TABLE t ADD COLUMN mnemo$rowid INT;
-- error 42000 MNEMO$ROWID

CREATE TABLE bagged (a INT, b INT) WITH (kind = 'bag');
-- error 42000 bag

# TRUNCATE removes and counts every row.
TRUNCATE TABLE t;
-- update 6

SELECT COUNT(*) AS n FROM t;
N
0

# An ordered_set without a key keeps its rows in the order of their row ids.
CREATE TABLE journal (line VARCHAR(5)) WITH (kind = 'ordered_set');

INSERT INTO journal VALUES ('one'), ('two'), ('one');
-- update 3

SELECT * FROM journal;
LINE
one
two
one

# Joins, aggregates and an index on a table without a key.
CREATE TABLE tag (item INT NOT NULL, tag VARCHAR(10) NOT NULL);

CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(10));

INSERT INTO item VALUES (1, 'pen'), (2, 'ink'), (3, 'pad');
-- update 3

INSERT INTO tag VALUES (1, 'blue'), (1, 'blue'), (1, 'cheap'), (2, 'blue');
-- update 4

CREATE INDEX tag_by_tag ON tag (tag);

SELECT i.name, g.tag FROM item i JOIN tag g ON g.item = i.id WHERE g.tag = 'blue' ORDER BY i.name;
NAME | TAG
ink | blue
pen | blue
pen | blue

EXPLAIN PLAN FOR SELECT item FROM tag WHERE tag = 'cheap';
-- plan contains INDEX_EQ

SELECT item FROM tag WHERE tag = 'cheap';
ITEM
1

SELECT i.name, COUNT(g.tag) AS tags FROM item i LEFT JOIN tag g ON g.item = i.id GROUP BY i.name ORDER BY i.name;
NAME | TAGS
ink | 1
pad | 0
pen | 3

SELECT * FROM tag NATURAL JOIN tag AS same ORDER BY item, tag;
ITEM | TAG
1 | blue
1 | blue
1 | blue
1 | blue
1 | cheap
2 | blue

CREATE UNIQUE INDEX tag_unique ON tag (item, tag);
-- error 23505

DELETE FROM tag WHERE tag = 'cheap';
-- update 1

# A unique index on such a table refuses duplicates of its columns, and may be referenced by a foreign key.
CREATE TABLE code (c CHAR(2) NOT NULL, label VARCHAR(10));

CREATE UNIQUE INDEX code_c ON code (c);

INSERT INTO code VALUES ('aa', 'one'), ('bb', 'two');
-- update 2

INSERT INTO code VALUES ('aa', 'again');
-- error 23505

# Foreign keys from such a table: children reference a parent's key; cascades change every matching child.
CREATE TABLE line (item INT REFERENCES item ON DELETE CASCADE, code CHAR(2) REFERENCES code (c), qty INT);

INSERT INTO line VALUES (1, 'aa', 1), (1, 'aa', 1), (2, NULL, 5);
-- update 3

INSERT INTO line VALUES (9, NULL, 1);
-- error 23503 ITEM

DELETE FROM item WHERE id = 1;
-- update 1

SELECT item, code, qty FROM line;
ITEM | CODE | QTY
2 | NULL | 5

DELETE FROM code WHERE c = 'aa';
-- update 1

# Referencing such a table needs its unique columns named: it has no primary key to reference.
CREATE TABLE bad (t INT REFERENCES tag);
-- error 42830 no primary key

CREATE TABLE good (c CHAR(2) REFERENCES code (c));

# ALTER TABLE adds and drops columns; INSERT without a column list takes the columns as they now are.
ALTER TABLE tag ADD COLUMN weight INT DEFAULT 1;

INSERT INTO tag VALUES (3, 'red', 7);
-- update 1

ALTER TABLE tag DROP COLUMN item;

SELECT * FROM tag ORDER BY tag, weight;
TAG | WEIGHT
blue | 1
blue | 1
blue | 1
red | 7

DESCRIBE tag;
COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | IS_NULLABLE | COLUMN_DEFAULT
TAG | VARCHAR | 10 | NULL | NULL | NO | NULL
WEIGHT | INTEGER | NULL | 10 | 0 | YES | 1

SELECT column_name FROM information_schema.columns WHERE table_name = 'TAG' ORDER BY ordinal_position;
COLUMN_NAME
TAG
WEIGHT

SELECT COUNT(*) AS n FROM information_schema.table_constraints WHERE table_name = 'TAG';
N
0

SELECT COUNT(*) AS n FROM information_schema.key_column_usage WHERE table_name = 'TAG';
N
0

# MERGE updates each target row matched, and inserts as INSERT does.
CREATE TABLE stock (sku VARCHAR(5), qty INT);

INSERT INTO stock VALUES ('a', 1), ('a', 1), ('b', 2);
-- update 3

MERGE INTO stock s USING (VALUES ('a', 10), ('c', 30)) AS v (sku, qty) ON s.sku = v.sku
WHEN MATCHED THEN UPDATE SET qty = s.qty + v.qty
WHEN NOT MATCHED THEN INSERT VALUES (v.sku, v.qty);
-- update 3

SELECT * FROM stock ORDER BY sku, qty;
SKU | QTY
a | 11
a | 11
b | 2
c | 30

# UPSERT has no key to match: it inserts.
UPSERT INTO stock VALUES ('b', 2);
-- update 1

SELECT COUNT(*) AS n FROM stock WHERE sku = 'b';
N
2

# In a transaction: writes are seen by the transaction, and undone by its rollback.
!autocommit off

INSERT INTO stock VALUES ('d', 4), ('d', 4);
-- update 2

UPDATE stock SET qty = 5 WHERE sku = 'd';
-- update 2

SELECT sku, qty FROM stock WHERE sku = 'd';
SKU | QTY
d | 5
d | 5

!rollback

SELECT COUNT(*) AS n FROM stock WHERE sku = 'd';
N
0

!autocommit on

# CREATE TABLE ... AS: the query's columns, named and typed as it gives them, its rows, and no primary key.
CREATE TABLE twice AS SELECT sku, qty * 2 AS doubled, CAST(qty AS DECIMAL(5,1)) AS q FROM stock WHERE sku <> 'c';
-- update 4

SELECT * FROM twice ORDER BY sku, doubled;
SKU | DOUBLED | Q
a | 22 | 11.0
a | 22 | 11.0
b | 4 | 2.0
b | 4 | 2.0

DESCRIBE twice;
COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | IS_NULLABLE | COLUMN_DEFAULT
SKU | VARCHAR | 5 | NULL | NULL | YES | NULL
DOUBLED | INTEGER | NULL | 10 | 0 | YES | NULL
Q | DECIMAL | NULL | 5 | 1 | YES | NULL

SELECT COUNT(*) AS n FROM information_schema.table_constraints WHERE table_name = 'TWICE';
N
0

DELETE FROM twice WHERE sku = 'b';
-- update 2

CREATE TABLE twice AS SELECT 1 AS x;
-- error 42S01

CREATE TABLE IF NOT EXISTS twice AS SELECT 1 AS x;
-- update 0

CREATE TABLE shape WITH (kind = 'ordered_set') AS SELECT * FROM journal WITH NO DATA;
-- update 0

SELECT COUNT(*) AS n FROM shape;
N
0

SELECT kind FROM information_schema.tables WHERE table_name = 'SHAPE';
KIND
ordered_set

INSERT INTO shape SELECT * FROM journal;
-- update 3

# A copy that fails leaves no table behind.
CREATE TABLE broken AS SELECT 10 / (qty - 2) AS q FROM stock;
-- error 22012

SELECT * FROM broken;
-- error 42S02

CREATE TABLE ids AS SELECT mnemo$rowid FROM stock;
-- error 42000 MNEMO$ROWID

CREATE TABLE nothing AS DELETE FROM stock;
-- error 42601

# A MERGE whose source is a table without a key too.
CREATE TABLE delivery (sku VARCHAR(5), qty INT);

INSERT INTO delivery VALUES ('a', 1), ('z', 9), ('z', 9);
-- update 3

MERGE INTO stock s USING delivery d ON s.sku = d.sku
WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty
WHEN NOT MATCHED THEN INSERT (sku, qty) VALUES (d.sku, d.qty);
-- update 4

SELECT * FROM stock WHERE sku IN ('a', 'z') ORDER BY sku, qty;
SKU | QTY
a | 12
a | 12
z | 9
z | 9

# ALTER TABLE ... ADD [CONSTRAINT n] PRIMARY KEY (cols) re-keys a table without one on its columns, which become
# NOT NULL: the row id goes, and the table is as one made with that key. Repeated keys (23505) or NULLs (23502) in
# the rows fail it with nothing changed.
CREATE TABLE person (email VARCHAR(20), name VARCHAR(10), age INT);

INSERT INTO person VALUES ('a@x', 'Ann', 30), ('b@x', 'Bob', NULL), ('b@x', 'Bob', NULL);
-- update 3

ALTER TABLE person ADD PRIMARY KEY (email);
-- error 23505 EMAIL=b@x

SELECT COUNT(*) AS n, COUNT(DISTINCT person.mnemo$rowid) AS ids FROM person;
N | IDS
3 | 3

DELETE FROM person WHERE mnemo$rowid = (SELECT MAX(mnemo$rowid) FROM person);
-- update 1

INSERT INTO person (name) VALUES ('Nobody');
-- update 1

ALTER TABLE person ADD PRIMARY KEY (email);
-- error 23502 EMAIL

DELETE FROM person WHERE email IS NULL;
-- update 1

ALTER TABLE person ADD PRIMARY KEY (mnemo$rowid);
-- error 42000 MNEMO$ROWID

ALTER TABLE person ADD PRIMARY KEY (nope);
-- error 42S22

ALTER TABLE person ADD CONSTRAINT person_pk PRIMARY KEY (email);
-- update 0

SELECT * FROM person ORDER BY email;
EMAIL | NAME | AGE
a@x | Ann | 30
b@x | Bob | NULL

SELECT mnemo$rowid FROM person;
-- error 42S22

EXPLAIN PLAN FOR SELECT name FROM person WHERE email = 'a@x';
-- plan contains KEY_EQ

INSERT INTO person VALUES ('a@x', 'Again', 1);
-- error 23505

INSERT INTO person (name) VALUES ('Anon');
-- error 23502

UPSERT INTO person VALUES ('b@x', 'Bobby', 41);
-- update 1

SELECT name, age FROM person WHERE email = 'b@x';
NAME | AGE
Bobby | 41

ALTER TABLE person ADD PRIMARY KEY (name);
-- error 42P16 PERSON

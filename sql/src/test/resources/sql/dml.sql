# INSERT (multi-row, column lists, defaults, INSERT ... SELECT), UPDATE, DELETE, with their update counts.

CREATE TABLE emp (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL, dept INTEGER, salary DECIMAL(10,2) DEFAULT 1000.00);

INSERT INTO emp VALUES (1, 'ann', 10, 5000.00), (2, 'bob', 10, 4000.50), (3, 'cid', 20, 3000);
-- update 3

INSERT INTO emp (name, id) VALUES ('dan', 4);
-- update 1

SELECT * FROM emp ORDER BY id;
ID | NAME | DEPT | SALARY
1 | ann | 10 | 5000.00
2 | bob | 10 | 4000.50
3 | cid | 20 | 3000.00
4 | dan | NULL | 1000.00

UPDATE emp SET salary = salary * 2 WHERE dept = 10;
-- update 2

UPDATE emp SET dept = 30 WHERE id = 99;
-- update 0

UPDATE emp SET dept = 40;
-- update 4

SELECT id, dept, salary FROM emp ORDER BY id;
ID | DEPT | SALARY
1 | 40 | 10000.00
2 | 40 | 8001.00
3 | 40 | 3000.00
4 | 40 | 1000.00

# A key may move, even past another row's key within one statement.
UPDATE emp SET id = id + 1;
-- update 4

SELECT id, name FROM emp ORDER BY id;
ID | NAME
2 | ann
3 | bob
4 | cid
5 | dan

UPDATE emp SET id = 3 WHERE id = 2;
-- error 23505

DELETE FROM emp WHERE name = 'bob';
-- update 1

DELETE FROM emp WHERE name = 'nobody';
-- update 0

CREATE TABLE archive (id INTEGER PRIMARY KEY, name VARCHAR(20));

INSERT INTO archive SELECT id, name FROM emp WHERE id > 3;
-- update 2

INSERT INTO archive (id, name) SELECT id * 100, UPPER(name) FROM emp;
-- update 3

SELECT * FROM archive ORDER BY id;
ID | NAME
4 | cid
5 | dan
200 | ANN
400 | CID
500 | DAN

# INSERT ... SELECT from the table itself reads the rows as they were before the statement.
INSERT INTO archive SELECT id + 1000, name FROM archive;
-- update 5

SELECT COUNT(*) AS n FROM archive;
N
10

DELETE FROM archive;
-- update 10

SELECT COUNT(*) AS n FROM archive;
N
0

# Bag tables keep several rows per key; DELETE and UPDATE act on the matching rows only.
CREATE TABLE tag (item VARCHAR(10) NOT NULL, tag VARCHAR(10) NOT NULL, PRIMARY KEY (item)) WITH (kind = 'bag');

INSERT INTO tag VALUES ('a', 'red'), ('a', 'blue'), ('b', 'red');
-- update 3

SELECT * FROM tag WHERE item = 'a';
-- unordered
ITEM | TAG
a | red
a | blue

UPDATE tag SET tag = 'green' WHERE tag = 'red';
-- update 2

DELETE FROM tag WHERE item = 'a' AND tag = 'blue';
-- update 1

SELECT * FROM tag;
-- unordered
ITEM | TAG
a | green
b | green

# An update whose new rows equal old rows of the same key not yet updated keeps every row.
CREATE TABLE score (k INTEGER NOT NULL, v INTEGER, PRIMARY KEY (k)) WITH (kind = 'bag');

INSERT INTO score VALUES (1, 1), (1, 2), (1, 3), (2, 2);
-- update 4

UPDATE score SET v = v + 1;
-- update 4

SELECT * FROM score;
-- unordered
K | V
1 | 2
1 | 3
1 | 4
2 | 3

UPDATE score SET v = v - 1 WHERE k = 1;
-- update 3

SELECT v FROM score WHERE k = 1;
-- unordered
V
1
2
3

# A bag never holds two identical rows (Mnesia's bag): update counts are of the rows actually added, changed or
# removed. A row equal to one already stored, or to one earlier in the statement, is not added; an UPDATE that
# leaves a row as it was does not count it; rows that an UPDATE makes identical become one, each counted.
CREATE TABLE mark (k INTEGER NOT NULL, v INTEGER, PRIMARY KEY (k)) WITH (kind = 'bag');

INSERT INTO mark VALUES (1, 1), (1, 2), (1, 1);
-- update 2

INSERT INTO mark VALUES (1, 2), (1, 3);
-- update 1

INSERT INTO mark VALUES (1, 1);
-- update 0

UPSERT INTO mark VALUES (1, 3), (2, 3);
-- update 1

INSERT INTO mark SELECT k, v FROM mark;
-- update 0

UPDATE mark SET v = v * 1 WHERE k = 1;
-- update 0

UPDATE mark SET v = 1 WHERE k = 1;
-- update 2

SELECT * FROM mark;
-- unordered
K | V
1 | 1
2 | 3

DELETE FROM mark WHERE v = 1 OR v = 3;
-- update 2

# DEFAULT in a VALUES row takes the column's declared default (NULL where none is declared).
CREATE TABLE dflt (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 7, s VARCHAR(5) DEFAULT 'dft', z INTEGER);

INSERT INTO dflt VALUES (1, DEFAULT, DEFAULT, DEFAULT);
-- update 1

INSERT INTO dflt (id, n, s) VALUES (2, 5, DEFAULT), (3, DEFAULT, 'own');
-- update 2

INSERT INTO dflt (id) VALUES (4);
-- update 1

SELECT * FROM dflt ORDER BY id;
ID | N | S | Z
1 | 7 | dft | NULL
2 | 5 | dft | NULL
3 | 7 | own | NULL
4 | 7 | dft | NULL

# UPDATE ... SET col = DEFAULT sets the column's declared default (NULL where none is declared), also beside
# other assignments, in either case and with an alias; a NOT NULL column without a default refuses it.
UPDATE dflt SET n = 1, s = 'x', z = 2;
-- update 4

UPDATE dflt SET n = DEFAULT, z = z + 1 WHERE id = 1;
-- update 1

UPDATE dflt d SET s = default, z = DEFAULT WHERE d.id >= 3;
-- update 2

SELECT * FROM dflt ORDER BY id;
ID | N | S | Z
1 | 7 | x | 3
2 | 1 | x | 2
3 | 1 | dft | NULL
4 | 1 | dft | NULL

CREATE TABLE nodflt (id INTEGER PRIMARY KEY, m INTEGER NOT NULL);

INSERT INTO nodflt VALUES (1, 1);

UPDATE nodflt SET m = DEFAULT;
-- error 23502

UPDATE nodflt SET id = DEFAULT;
-- error 23502

# EXPLAIN PLAN FOR an INSERT, UPDATE, DELETE or MERGE shows the plan of the change without making it; SET col =
# DEFAULT is parsed there as in the statement itself.
EXPLAIN PLAN FOR UPDATE dflt SET n = DEFAULT, z = 9 WHERE id = 2;
-- plan contains MnemoTableModify(table=[[MNEMO, DFLT]], operation=[UPDATE]
-- plan contains KEY_EQ

EXPLAIN PLAN FOR UPDATE dflt SET z = z + 1;
-- plan contains operation=[UPDATE]

EXPLAIN PLAN FOR DELETE FROM dflt WHERE id >= 2;
-- plan contains operation=[DELETE]

EXPLAIN PLAN FOR INSERT INTO dflt VALUES (9, DEFAULT, 'e', 1), (10, 1, DEFAULT, 2);
-- plan contains operation=[INSERT]

EXPLAIN PLAN FOR MERGE INTO dflt t USING dflt s ON t.id = s.id WHEN MATCHED THEN UPDATE SET s = DEFAULT, z = 1;
-- plan contains operation=[MERGE]

EXPLAIN PLAN FOR UPDATE nodflt SET m = DEFAULT;
-- plan contains operation=[UPDATE]

SELECT * FROM dflt ORDER BY id;
ID | N | S | Z
1 | 7 | x | 3
2 | 1 | x | 2
3 | 1 | dft | NULL
4 | 1 | dft | NULL

# Unique values may pass between rows within one UPDATE: uniqueness is judged on the statement's result.
CREATE TABLE seat (id INTEGER PRIMARY KEY, seat INTEGER UNIQUE, note VARCHAR(5));

INSERT INTO seat VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c');
-- update 3

UPDATE seat SET seat = 3 - seat WHERE id < 3;
-- update 2

UPDATE seat SET seat = seat + 1;
-- update 3

UPDATE seat SET seat = 9;
-- error 23505

UPDATE seat SET seat = 4 WHERE id = 1;
-- error 23505

SELECT * FROM seat ORDER BY id;
ID | SEAT | NOTE
1 | 3 | a
2 | 2 | b
3 | 4 | c

# TRUNCATE TABLE deletes every row, as DELETE without WHERE does: in the transaction, foreign keys checked.
CREATE TABLE tr_parent (id INTEGER PRIMARY KEY);

CREATE TABLE tr_child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES tr_parent);

INSERT INTO tr_parent VALUES (1), (2), (3);
-- update 3

INSERT INTO tr_child VALUES (10, 1);
-- update 1

TRUNCATE TABLE tr_parent;
-- error 23503

TRUNCATE TABLE tr_child;
-- update 1

!autocommit off
TRUNCATE TABLE tr_parent;
-- update 3

SELECT COUNT(*) AS n FROM tr_parent;
N
0

!rollback
!autocommit on
SELECT COUNT(*) AS n FROM tr_parent;
N
3

TRUNCATE TABLE tr_parent;
-- update 3

SELECT COUNT(*) AS n FROM tr_parent;
N
0

TRUNCATE TABLE tr_nope;
-- error 42S02

# TABLE may be left out, as PostgreSQL and MySQL allow.
INSERT INTO tr_parent VALUES (4);
-- update 1

TRUNCATE tr_parent;
-- update 1

TRUNCATE TABLE tr_parent WHERE id = 1;
-- error 42601

# UPDATE t SET ... FROM source WHERE ... (PostgreSQL's form) changes each row of t that the WHERE pairs with a row of
# the source, setting it from that row; it runs as MERGE INTO t USING source ON where WHEN MATCHED THEN UPDATE SET.
CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL, note VARCHAR(10));

INSERT INTO stock VALUES (1, 10, NULL), (2, 20, NULL), (3, 30, NULL);

CREATE TABLE delivery (item INTEGER PRIMARY KEY, n INTEGER, who VARCHAR(10));

INSERT INTO delivery VALUES (1, 5, 'ann'), (3, 7, 'bob'), (9, 1, 'cy');

UPDATE stock SET qty = qty + d.n, note = d.who FROM delivery d WHERE stock.id = d.item;
-- update 2

SELECT * FROM stock ORDER BY id;
ID | QTY | NOTE
1 | 15 | ann
2 | 20 | NULL
3 | 37 | bob

# The target may have an alias, the source may be a query, and the WHERE may also test the target's own columns.
UPDATE stock AS s SET qty = 0 FROM (SELECT item FROM delivery WHERE n > 1) AS big WHERE s.id = big.item AND s.qty > 20;
-- update 1

SELECT id, qty FROM stock ORDER BY id;
ID | QTY
1 | 15
2 | 20
3 | 0

# Several tables in FROM are joined, as in PostgreSQL.
UPDATE stock SET note = 'twice' FROM delivery d, delivery e WHERE stock.id = d.item AND d.item = e.item AND e.n = 5;
-- update 1

SELECT id, note FROM stock WHERE id = 1;
ID | NOTE
1 | twice

# A parameter-free SET col = DEFAULT works as in a plain UPDATE.
UPDATE stock SET note = DEFAULT FROM delivery d WHERE stock.id = d.item AND d.who = 'bob';
-- update 1

SELECT id, note FROM stock WHERE id = 3;
ID | NOTE
3 | NULL

# A target row that several source rows pair with is ambiguous: 21000, as MERGE, and nothing changes.
UPDATE stock SET qty = d.n FROM delivery d WHERE stock.id = 1;
-- error 21000

SELECT id, qty FROM stock WHERE id = 1;
ID | QTY
1 | 15

# Without WHERE every row of the target pairs with every row of the source.
DELETE FROM delivery WHERE item <> 9;
-- update 2

UPDATE stock SET qty = d.n FROM delivery d;
-- update 3

SELECT id, qty FROM stock ORDER BY id;
ID | QTY
1 | 1
2 | 1
3 | 1

UPDATE stock SET qty = 2 FROM nosuch n WHERE stock.id = n.id;
-- error 42S02

UPDATE stock SET qty = d.nope FROM delivery d WHERE stock.id = d.item;
-- error 42S22

EXPLAIN PLAN FOR UPDATE stock SET qty = d.n FROM delivery d WHERE stock.id = d.item;
-- plan contains operation=[MERGE]

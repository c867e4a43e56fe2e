# CHECK constraints: declared on a column, on the table, or added by ALTER TABLE; a row violates one when its
# condition is FALSE (NULL passes), on every write, and the statement then changes nothing (23514).

CREATE TABLE item (
  id BIGINT PRIMARY KEY,
  price DECIMAL(8,2) CHECK (price > 0),
  low INTEGER,
  high INTEGER,
  status CHAR(1) CONSTRAINT item_status CHECK (status IN ('A', 'B')),
  CHECK (low < high),
  CONSTRAINT item_name_free CHECK (id < 1000)
);

SELECT constraint_name, check_clause FROM information_schema.check_constraints ORDER BY constraint_name;
CONSTRAINT_NAME | CHECK_CLAUSE
ITEM_CHECK | LOW < HIGH
ITEM_NAME_FREE | ID < 1000
ITEM_PRICE_CHECK | PRICE > 0
ITEM_STATUS | STATUS IN ('A', 'B')

SELECT constraint_name, table_name, constraint_type FROM information_schema.table_constraints
WHERE constraint_type = 'CHECK' ORDER BY constraint_name;
CONSTRAINT_NAME | TABLE_NAME | CONSTRAINT_TYPE
ITEM_CHECK | ITEM | CHECK
ITEM_NAME_FREE | ITEM | CHECK
ITEM_PRICE_CHECK | ITEM | CHECK
ITEM_STATUS | ITEM | CHECK

INSERT INTO item VALUES (1, 1.50, 1, 2, 'A');
-- update 1

# NULL is unknown, and passes.
INSERT INTO item VALUES (2, NULL, NULL, 5, NULL), (3, 2.00, NULL, NULL, 'B');
-- update 2

# One bad row of several fails the whole statement, naming the constraint, the table and the row's key.
INSERT INTO item VALUES (4, 1.00, 1, 2, 'A'), (5, 0, 1, 2, 'A');
-- error 23514 check constraint ITEM_PRICE_CHECK of table ITEM is violated by the row (ID)=(5)

INSERT INTO item VALUES (4, 1.00, 3, 2, 'A');
-- error 23514 ITEM_CHECK

INSERT INTO item VALUES (4, 1.00, 1, 2, 'C');
-- error 23514 ITEM_STATUS

INSERT INTO item VALUES (1000, 1.00, 1, 2, 'A');
-- error 23514 ITEM_NAME_FREE

SELECT id FROM item ORDER BY id;
ID
1
2
3

INSERT INTO item SELECT id + 10, price - 2, low, high, status FROM item WHERE id = 1;
-- error 23514 ITEM_PRICE_CHECK

UPSERT INTO item VALUES (1, -1, 1, 2, 'A');
-- error 23514 ITEM_PRICE_CHECK

UPSERT INTO item VALUES (1, 9.00, 1, 2, 'A');
-- update 1

UPDATE item SET low = high WHERE id = 1;
-- error 23514 ITEM_CHECK

UPDATE item SET low = 10 WHERE id = 2;
-- error 23514 ITEM_CHECK

UPDATE item SET price = price - 2;
-- error 23514 (ID)=(3)

UPDATE item SET price = price + 1;
-- update 3

SELECT id, price FROM item ORDER BY id;
ID | PRICE
1 | 10.00
2 | NULL
3 | 3.00

CREATE TABLE discount (item_id BIGINT PRIMARY KEY, cut DECIMAL(8,2));

INSERT INTO discount VALUES (1, 1.00), (3, 5.00);
-- update 2

UPDATE item SET price = price - d.cut FROM discount d WHERE item.id = d.item_id;
-- error 23514 ITEM_PRICE_CHECK

MERGE INTO item t USING discount d ON t.id = d.item_id
WHEN MATCHED THEN UPDATE SET price = t.price - d.cut;
-- error 23514 ITEM_PRICE_CHECK

MERGE INTO item t USING (VALUES (7, 0.00)) AS s (id, p) ON t.id = s.id
WHEN MATCHED THEN UPDATE SET price = s.p
WHEN NOT MATCHED THEN INSERT (id, price) VALUES (s.id, s.p);
-- error 23514 ITEM_PRICE_CHECK

MERGE INTO item t USING (VALUES (7, 0.50)) AS s (id, p) ON t.id = s.id
WHEN MATCHED THEN UPDATE SET price = s.p
WHEN NOT MATCHED THEN INSERT (id, price) VALUES (s.id, s.p);
-- update 1

SELECT id, price FROM item ORDER BY id;
ID | PRICE
1 | 10.00
2 | NULL
3 | 3.00
7 | 0.50

# In a transaction, a failing statement undoes its own writes only.
!autocommit off

UPDATE item SET price = 11.00 WHERE id = 1;
-- update 1

UPDATE item SET high = 0 WHERE id = 1;
-- error 23514 ITEM_CHECK

!commit

!autocommit on

SELECT id, price, high FROM item WHERE id = 1;
ID | PRICE | HIGH
1 | 11.00 | 2

# ALTER TABLE ... ADD checks every row already there; a row that violates it fails it and nothing changes.
ALTER TABLE item ADD CONSTRAINT cheap CHECK (price < 5);
-- error 23514 check constraint CHEAP of table ITEM is violated by the row (ID)=(1)

ALTER TABLE item ADD CHECK (price < 100);
-- ok

ALTER TABLE item ADD CONSTRAINT cheap CHECK (price < 50 OR status = 'B');
-- ok

SELECT constraint_name, check_clause FROM information_schema.check_constraints
WHERE constraint_name LIKE 'ITEM_PRICE%' OR constraint_name = 'CHEAP' ORDER BY constraint_name;
CONSTRAINT_NAME | CHECK_CLAUSE
CHEAP | PRICE < 50 OR STATUS = 'B'
ITEM_PRICE_CHECK | PRICE > 0
ITEM_PRICE_CHECK1 | PRICE < 100

INSERT INTO item VALUES (8, 60, 1, 2, 'A');
-- error 23514 CHEAP

ALTER TABLE item ADD CONSTRAINT cheap CHECK (price < 70);
-- error 42710 CHEAP

# What a check cannot hold is refused when it is declared.
ALTER TABLE item ADD CHECK (price > ?);
-- error 42000 parameters

ALTER TABLE item ADD CHECK (price > (SELECT MIN(cut) FROM discount));
-- error 0A000 subquer

ALTER TABLE item ADD CHECK (EXISTS (SELECT 1 FROM discount));
-- error 0A000 subquer

ALTER TABLE item ADD CHECK (SUM(price) > 0);
-- error 42000 aggregate

ALTER TABLE item ADD CHECK (price > RAND());
-- error 42000 deterministic

ALTER TABLE item ADD CHECK (CURRENT_TIMESTAMP > TIMESTAMP '2020-01-01 00:00:00');
-- error 42000 deterministic

CREATE SEQUENCE seq;

ALTER TABLE item ADD CHECK (id < NEXT VALUE FOR seq);
-- error 42000 deterministic

ALTER TABLE item ADD CHECK (price + 1);
-- error 42804 BOOLEAN

ALTER TABLE item ADD CHECK (price > DATE '2020-01-01');
-- error 42000 Cannot apply

ALTER TABLE item ADD CHECK (nope > 0);
-- error 42S22 NOPE

ALTER TABLE item ADD CHECK (discount.cut > 0);
-- error 42S02 check constraint ITEM_CHECK1 of table ITEM

CREATE TABLE bad (id INTEGER PRIMARY KEY CHECK (id > ?));
-- error 42000 parameters

CREATE TABLE bad (id INTEGER PRIMARY KEY CHECK (other > 0));
-- error 42S22 OTHER

# An error in a condition is reported where the statement has it.
CREATE TABLE bad (id INTEGER PRIMARY KEY CHECK (other > 0));
-- error 42S22 line 1, column 49 to line 1, column 53

CREATE TABLE bad (id INTEGER PRIMARY KEY, CONSTRAINT b CHECK (id > 0 AND other > 0));
-- error 42S22 line 1, column 74 to line 1, column 78

CREATE TABLE bad (
  id INTEGER PRIMARY KEY,
  CHECK (id > 0 AND other > 0)
);
-- error 42S22 line 3, column 21 to line 3, column 25

ALTER TABLE item ADD CHECK (price > 0 OR nope > 0);
-- error 42S22 line 1, column 42 to line 1, column 45

# IF NOT EXISTS leaves a table that is there as it is, whatever checks the statement declares.
CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY CHECK (nope > 0), CHECK (id + 1));
-- ok

SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'BAD';
N
0

# DROP CONSTRAINT drops a check; an unknown one fails (42704) unless IF EXISTS.
ALTER TABLE item DROP CONSTRAINT cheap;
-- ok

INSERT INTO item VALUES (8, 60, 1, 2, 'A');
-- update 1

ALTER TABLE item DROP CONSTRAINT cheap;
-- error 42704 CHEAP

ALTER TABLE item DROP CONSTRAINT IF EXISTS cheap;
-- ok

# A renamed column or table keeps its checks, in the new names.
ALTER TABLE item RENAME COLUMN low TO lowest;
-- ok

SELECT check_clause FROM information_schema.check_constraints WHERE constraint_name = 'ITEM_CHECK';
CHECK_CLAUSE
LOWEST < HIGH

UPDATE item SET lowest = 99 WHERE id = 1;
-- error 23514 ITEM_CHECK

ALTER TABLE item RENAME TO goods;
-- ok

UPDATE goods SET lowest = 99 WHERE id = 1;
-- error 23514 check constraint ITEM_CHECK of table GOODS

SELECT DISTINCT table_name FROM information_schema.table_constraints WHERE constraint_type = 'CHECK';
TABLE_NAME
GOODS

# A column a check uses cannot be dropped, nor its type changed, while the check is there.
ALTER TABLE goods DROP COLUMN high;
-- error 2BP01 check constraint ITEM_CHECK

ALTER TABLE goods ALTER COLUMN high SET DATA TYPE BIGINT;
-- error 0A000 ITEM_CHECK

ALTER TABLE goods ADD COLUMN note VARCHAR(10);
-- ok

ALTER TABLE goods DROP COLUMN note;
-- ok

ALTER TABLE goods DROP CONSTRAINT item_check;
-- ok

ALTER TABLE goods DROP COLUMN high;
-- ok

# A column added with a check: its default is checked against the rows there.
ALTER TABLE goods ADD COLUMN weight INTEGER DEFAULT 0 CHECK (weight > 0);
-- error 23514 GOODS_WEIGHT_CHECK

ALTER TABLE goods ADD COLUMN weight INTEGER DEFAULT 1 CHECK (weight > 0);
-- ok

INSERT INTO goods (id, price, weight) VALUES (20, 1.00, -1);
-- error 23514 GOODS_WEIGHT_CHECK

# DROP TABLE drops its checks; a new table of that name has none.
DROP TABLE goods;

SELECT COUNT(*) AS n FROM information_schema.check_constraints;
N
0

CREATE TABLE goods (id BIGINT PRIMARY KEY, price DECIMAL(8,2));

INSERT INTO goods VALUES (1, -5);
-- update 1

# A check over a CHAR compares as the column does; one that fails on an error (division by zero) fails the write.
CREATE TABLE code (id INTEGER PRIMARY KEY, c CHAR(3) CHECK (c <> 'ab'), d INTEGER CHECK (10 / d > 1));

INSERT INTO code VALUES (1, 'ab', 1);
-- error 23514 CODE_C_CHECK

INSERT INTO code VALUES (1, 'abc', 0);
-- error 22012

INSERT INTO code VALUES (1, 'abc', 2);
-- update 1

# Checked arithmetic and Mnemo's aliases work in a check as in a query; BETWEEN is kept as Calcite writes it.
CREATE TABLE sized (id INTEGER PRIMARY KEY, n INTEGER CHECK (n * 2 > 0), s SMALLINT CHECK (s BETWEEN 0 AND 2));

INSERT INTO sized VALUES (1, 2000000000, 1);
-- error 22003

INSERT INTO sized VALUES (1, 1, 3);
-- error 23514 SIZED_S_CHECK

SELECT check_clause FROM information_schema.check_constraints WHERE constraint_name = 'SIZED_S_CHECK';
CHECK_CLAUSE
S BETWEEN ASYMMETRIC 0 AND 2

ALTER TABLE sized ADD CHECK (CAST(NOW() AS DATE) > DATE '2020-01-01');
-- error 42000 deterministic

ALTER TABLE sized ADD CHECK (CHAR_LENGTH(USER) > 0);
-- error 42000 deterministic

# The child rows a foreign key's action changes (ON DELETE SET NULL, ON UPDATE CASCADE or SET NULL) are checked as
# the parent's change commits: one a check is FALSE for fails the parent's statement, naming the child's check, and
# nothing changes. CASCADE of a delete leaves no row to check.
CREATE TABLE cp (id INTEGER PRIMARY KEY);

CREATE TABLE cc (id INTEGER PRIMARY KEY, p INTEGER REFERENCES cp ON DELETE SET NULL ON UPDATE CASCADE
  CHECK (p IS NOT NULL), CONSTRAINT cc_small CHECK (p < 100));

CREATE TABLE cn (id INTEGER PRIMARY KEY, p INTEGER REFERENCES cp ON UPDATE SET NULL CONSTRAINT cn_set
  CHECK (p IS NOT NULL));

CREATE TABLE cd (id INTEGER PRIMARY KEY, p INTEGER REFERENCES cp ON DELETE CASCADE CHECK (p > 1));

INSERT INTO cp VALUES (1), (2), (3), (4);
-- update 4

INSERT INTO cc VALUES (10, 1), (20, 2);
-- update 2

INSERT INTO cn VALUES (30, 3);
-- update 1

INSERT INTO cd VALUES (40, 4);
-- update 1

DELETE FROM cp WHERE id = 1;
-- error 23514 check constraint CC_P_CHECK of table CC is violated by the row (ID)=(10)

UPDATE cp SET id = 100 WHERE id = 2;
-- error 23514 check constraint CC_SMALL of table CC is violated by the row (ID)=(20)

UPDATE cp SET id = 300 WHERE id = 3;
-- error 23514 CN_SET

SELECT (SELECT COUNT(*) FROM cp) AS parents, (SELECT SUM(p) FROM cc) AS cc, (SELECT SUM(p) FROM cn) AS cn;
PARENTS | CC | CN
4 | 3 | 3

UPDATE cp SET id = 50 WHERE id = 2;
-- update 1

DELETE FROM cp WHERE id = 50;
-- error 23514 CC_P_CHECK

DELETE FROM cc WHERE id = 20;
-- update 1

DELETE FROM cp WHERE id = 50;
-- update 1

SELECT id, p FROM cc ORDER BY id;
ID | P
10 | 1

DELETE FROM cp WHERE id = 4;
-- update 1

SELECT COUNT(*) AS n FROM cd;
N
0

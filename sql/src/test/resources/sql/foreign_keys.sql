# Foreign keys: declared in CREATE TABLE (table and column forms) or added by ALTER TABLE, enforced on every write;
# ON DELETE CASCADE and SET NULL; the errors of keys that cannot be declared, and of dropping what they reference.

CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(10), code CHAR(3) UNIQUE);

CREATE TABLE orders (
  id BIGINT PRIMARY KEY,
  customer_id BIGINT,
  note VARCHAR(10),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);

CREATE TABLE line (
  id BIGINT PRIMARY KEY,
  order_id BIGINT REFERENCES orders ON DELETE CASCADE,
  customer_code CHAR(3) REFERENCES customer (code) ON DELETE SET NULL ON UPDATE RESTRICT
);

INSERT INTO customer VALUES (1, 'ann', 'ANN'), (2, 'bob', 'BOB');
-- update 2

INSERT INTO orders VALUES (10, 1, 'a'), (11, 1, 'b'), (20, 2, 'c'), (30, NULL, 'walk-in');
-- update 4

# A child without its parent fails the whole statement; NULL references nothing.
INSERT INTO orders VALUES (40, 2, 'ok'), (41, 9, 'orphan');
-- error 23503 FK_ORDERS_CUSTOMER

SELECT id FROM orders ORDER BY id;
ID
10
11
20
30

UPDATE orders SET customer_id = 7 WHERE id = 10;
-- error 23503 (CUSTOMER_ID)=(7)

INSERT INTO line VALUES (100, 10, 'ANN'), (101, 10, NULL), (110, 11, 'BOB'), (200, 20, 'BOB');
-- update 4

INSERT INTO line VALUES (300, 10, 'XYZ');
-- error 23503 CUSTOMER_CODE

# A referenced parent stays while children reference it (NO ACTION); its other columns may change.
DELETE FROM customer WHERE id = 1;
-- error 23503 still referenced from table ORDERS

UPDATE customer SET id = 5 WHERE id = 1;
-- error 23503

UPDATE customer SET name = 'anna' WHERE id = 1;
-- update 1

UPDATE customer SET code = 'BBB' WHERE id = 2;
-- error 23503 update of table CUSTOMER

# In one transaction the parent and its child may come in either order.
!autocommit off

INSERT INTO orders VALUES (50, 3, 'early');
-- update 1

INSERT INTO customer VALUES (3, 'cy', 'CYY');
-- update 1

!commit

!autocommit on

SELECT o.id, c.name FROM orders o JOIN customer c ON o.customer_id = c.id WHERE o.id = 50;
ID | NAME
50 | cy

# CASCADE deletes the lines of a deleted order; SET NULL clears the code of a deleted customer's lines.
DELETE FROM orders WHERE id = 10;
-- update 1

SELECT id, order_id, customer_code FROM line ORDER BY id;
ID | ORDER_ID | CUSTOMER_CODE
110 | 11 | BOB
200 | 20 | BOB

DELETE FROM orders WHERE customer_id = 2;
-- update 1

DELETE FROM customer WHERE id = 2;
-- update 1

SELECT id, order_id, customer_code FROM line ORDER BY id;
ID | ORDER_ID | CUSTOMER_CODE
110 | 11 | NULL

SELECT id FROM customer ORDER BY id;
ID
1
3

# Keys that cannot be declared.
CREATE TABLE bad (id BIGINT PRIMARY KEY, c BIGINT REFERENCES nobody);
-- error 42S02

CREATE TABLE bad (id BIGINT PRIMARY KEY, n VARCHAR(10) REFERENCES customer (name));
-- error 42830

CREATE TABLE bad (id BIGINT PRIMARY KEY, c INTEGER REFERENCES customer);
-- error 42804

CREATE TABLE bad (id BIGINT PRIMARY KEY, c BIGINT, FOREIGN KEY (c, id) REFERENCES customer);
-- error 42830

CREATE TABLE bad (id BIGINT PRIMARY KEY, c BIGINT REFERENCES customer ON UPDATE SET DEFAULT);
-- error 0A000

CREATE TABLE bad (id BIGINT PRIMARY KEY, c BIGINT REFERENCES customer ON DELETE SET DEFAULT);
-- error 0A000

# A self-reference; names are made up when none is given.
CREATE TABLE emp (id INTEGER PRIMARY KEY, boss INTEGER, FOREIGN KEY (boss) REFERENCES emp ON DELETE CASCADE);

INSERT INTO emp VALUES (1, NULL), (2, 1), (3, 2), (4, 1);
-- update 4

DELETE FROM emp WHERE id = 2;
-- update 1

SELECT id FROM emp ORDER BY id;
ID
1
4

# ALTER TABLE ADD FOREIGN KEY checks the rows already there; DROP CONSTRAINT drops it by name.
CREATE TABLE pay (id BIGINT PRIMARY KEY, customer_id BIGINT);

INSERT INTO pay VALUES (1, 1), (2, 8);
-- update 2

ALTER TABLE pay ADD CONSTRAINT fk_pay FOREIGN KEY (customer_id) REFERENCES customer;
-- error 23503 (CUSTOMER_ID)=(8)

DELETE FROM pay WHERE id = 2;
-- update 1

ALTER TABLE pay ADD CONSTRAINT fk_pay FOREIGN KEY (customer_id) REFERENCES customer;

INSERT INTO pay VALUES (2, 8);
-- error 23503 FK_PAY

ALTER TABLE pay ADD CONSTRAINT fk_pay FOREIGN KEY (customer_id) REFERENCES customer;
-- error 42710

ALTER TABLE pay DROP CONSTRAINT fk_pay;

ALTER TABLE pay DROP CONSTRAINT fk_pay;
-- error 42704

ALTER TABLE pay DROP CONSTRAINT IF EXISTS fk_pay;

ALTER TABLE IF EXISTS nobody DROP CONSTRAINT IF EXISTS fk_pay;

INSERT INTO pay VALUES (2, 8);
-- update 1

ALTER TABLE pay ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
-- error 23503

# A column a foreign key compares keeps its type, on the parent's side and the child's; other columns change.
ALTER TABLE customer ALTER COLUMN code SET DATA TYPE CHAR(4);
-- error 0A000 of table LINE

ALTER TABLE orders ALTER COLUMN customer_id TYPE INTEGER;
-- error 0A000 FK_ORDERS_CUSTOMER

ALTER TABLE line ALTER customer_code TYPE VARCHAR(3);
-- error 0A000

INSERT INTO line VALUES (400, NULL, 'ABCD');
-- error 22001

ALTER TABLE customer ALTER COLUMN name TYPE VARCHAR(20);

UPDATE customer SET name = 'annabel-lee' WHERE id = 1;
-- update 1

# A referenced table or column cannot be dropped; renames keep the reference.
DROP TABLE customer;
-- error 2BP01 ORDERS

ALTER TABLE customer DROP COLUMN code;
-- error 2BP01

ALTER TABLE customer RENAME TO client;

INSERT INTO orders VALUES (60, 77, 'x');
-- error 23503 CLIENT

DROP TABLE line;

DROP TABLE orders;

DROP TABLE pay;

DROP TABLE client;

# A changed referenced key runs the foreign keys' ON UPDATE action, never ON DELETE: CASCADE gives the children the
# new key, SET NULL clears their reference, NO ACTION refuses while children reference the old key and allows the
# change once none do.
CREATE TABLE kp (id INT PRIMARY KEY, name VARCHAR(10));

CREATE TABLE kc (id INT PRIMARY KEY, pid INT REFERENCES kp (id) ON DELETE CASCADE ON UPDATE CASCADE);

CREATE TABLE kn (id INT PRIMARY KEY, pid INT REFERENCES kp (id) ON DELETE CASCADE ON UPDATE SET NULL);

INSERT INTO kp VALUES (1, 'a'), (2, 'b');
-- update 2

INSERT INTO kc VALUES (10, 1), (11, 2);
-- update 2

INSERT INTO kn VALUES (20, 1);
-- update 1

UPDATE kp SET id = id + 1;
-- update 2

SELECT kc.id, kp.name FROM kc JOIN kp ON kc.pid = kp.id ORDER BY kc.id;
ID | NAME
10 | a
11 | b

SELECT id, pid FROM kn;
ID | PID
20 | NULL

UPDATE kp SET name = 'z' WHERE id = 2;
-- update 1

SELECT pid FROM kc WHERE id = 10;
PID
2

SCRIPT NODATA TABLE kp, kc;
SCRIPT
CREATE TABLE "KP" ("ID" INTEGER NOT NULL, "NAME" VARCHAR(10), PRIMARY KEY ("ID")) WITH (kind = 'set', storage = 'ram')
CREATE TABLE "KC" ("ID" INTEGER NOT NULL, "PID" INTEGER, PRIMARY KEY ("ID")) WITH (kind = 'set', storage = 'ram')
ALTER TABLE "KC" ADD CONSTRAINT "KC_PID_FKEY" FOREIGN KEY ("PID") REFERENCES "KP" ("ID") ON DELETE CASCADE ON UPDATE CASCADE

DROP TABLE kc;

DROP TABLE kn;

CREATE TABLE kr (id INT PRIMARY KEY, pid INT REFERENCES kp (id) ON DELETE CASCADE);

INSERT INTO kr VALUES (20, 2);
-- update 1

UPDATE kp SET id = 5 WHERE id = 2;
-- error 23503 KR_PID_FKEY

UPDATE kp SET id = 6 WHERE id = 3;
-- update 1

SELECT id FROM kp ORDER BY id;
ID
2
6

DROP TABLE kr;

CREATE TABLE knn (id INT PRIMARY KEY, pid INT NOT NULL REFERENCES kp (id) ON UPDATE SET NULL);

INSERT INTO knn VALUES (30, 6);
-- update 1

UPDATE kp SET id = 7 WHERE id = 6;
-- error 23502 PID

DROP TABLE knn;

DROP TABLE kp;

# A self-reference and a referenced UNIQUE column: every row follows its own parent, even where values pass between
# rows in one statement.
CREATE TABLE node (id INT PRIMARY KEY, up INT REFERENCES node (id) ON UPDATE CASCADE);

INSERT INTO node VALUES (1, NULL), (2, 1), (3, 2);
-- update 3

UPDATE node SET id = id * 10;
-- update 3

SELECT id, up FROM node ORDER BY id;
ID | UP
10 | NULL
20 | 10
30 | 20

CREATE TABLE cc (id INT PRIMARY KEY, code CHAR(2) UNIQUE);

CREATE TABLE town (id INT PRIMARY KEY, code CHAR(2) REFERENCES cc (code) ON UPDATE CASCADE);

INSERT INTO cc VALUES (1, 'NO'), (2, 'SE');
-- update 2

INSERT INTO town VALUES (1, 'NO'), (2, 'SE'), (3, NULL);
-- update 3

UPDATE cc SET code = CASE code WHEN 'NO' THEN 'SE' ELSE 'NO' END;
-- update 2

SELECT id, code FROM town ORDER BY id;
ID | CODE
1 | SE
2 | NO
3 | NULL

DROP TABLE town;

DROP TABLE cc;

DROP TABLE node;

# The actions run on the transaction's net change: a parent it inserts and then gives another key takes along the
# children it inserted under the old key (CASCADE), or clears them (SET NULL); NO ACTION fails the commit (23503).
CREATE TABLE np (id INT PRIMARY KEY);

CREATE TABLE nc (id INT PRIMARY KEY, pid INT REFERENCES np (id) ON UPDATE CASCADE);

CREATE TABLE nn (id INT PRIMARY KEY, pid INT REFERENCES np (id) ON UPDATE SET NULL);

!autocommit off

INSERT INTO np VALUES (1);
-- update 1

INSERT INTO nc VALUES (10, 1);
-- update 1

INSERT INTO nn VALUES (20, 1);
-- update 1

UPDATE np SET id = 2 WHERE id = 1;
-- update 1

COMMIT;

!autocommit on

SELECT id, pid FROM nc;
ID | PID
10 | 2

SELECT id, pid FROM nn;
ID | PID
20 | NULL

CREATE TABLE nr (id INT PRIMARY KEY, pid INT REFERENCES np (id));

!autocommit off

INSERT INTO np VALUES (3);
-- update 1

INSERT INTO nr VALUES (30, 3);
-- update 1

UPDATE np SET id = 4 WHERE id = 3;
-- update 1

COMMIT;
-- error 23503 NR_PID_FKEY

!autocommit on

SELECT COUNT(*) AS n FROM nr;
N
0

SELECT id FROM np;
ID
2

DROP TABLE nr;

DROP TABLE nn;

DROP TABLE nc;

DROP TABLE np;

# DROP TABLE ... CASCADE drops the foreign keys of other tables that reference the table (not those tables, nor their
# rows), and the views that read it; RESTRICT, the default, refuses and names them all.
CREATE TABLE dept (id INT PRIMARY KEY, name VARCHAR(10));

CREATE TABLE staff (id INT PRIMARY KEY, dept INT REFERENCES dept, boss INT REFERENCES staff);

CREATE TABLE desk (id INT PRIMARY KEY, dept INT, CONSTRAINT desk_of FOREIGN KEY (dept) REFERENCES dept (id));

CREATE VIEW dept_names AS SELECT name FROM dept;

INSERT INTO dept VALUES (1, 'one');

INSERT INTO staff VALUES (10, 1, NULL), (11, 1, 10);

INSERT INTO desk VALUES (100, 1);

DROP TABLE dept;
-- error 2BP01 cannot drop table DEPT: view DEPT_NAMES reads it, foreign key DESK_OF of table DESK references it, foreign key STAFF_DEPT_FKEY of table STAFF references it

DROP TABLE dept RESTRICT;
-- error 2BP01 CASCADE

SELECT COUNT(*) AS n FROM dept;
N
1

DROP TABLE dept CASCADE;

SELECT * FROM dept;
-- error 42S02

SELECT * FROM dept_names;
-- error 42S02

SELECT id, dept, boss FROM staff ORDER BY id;
ID | DEPT | BOSS
10 | 1 | NULL
11 | 1 | 10

# The children keep their rows and their other foreign keys, and no longer check the dropped ones.
INSERT INTO staff VALUES (12, 99, 10);
-- update 1

INSERT INTO staff VALUES (13, 1, 77);
-- error 23503 STAFF_BOSS_FKEY

INSERT INTO desk VALUES (101, 99);
-- update 1

SELECT constraint_name FROM information_schema.referential_constraints
WHERE constraint_name LIKE 'STAFF%' OR constraint_name LIKE 'DESK%';
CONSTRAINT_NAME
STAFF_BOSS_FKEY

# A table that references only itself drops with or without CASCADE.
DROP TABLE staff;

DROP TABLE desk;

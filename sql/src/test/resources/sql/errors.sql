# Each error class with its SQLState.

CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(3) NOT NULL);

INSERT INTO t VALUES (1, 'a');

SELEC * FROM t;
-- error 42601 line 1, column 1: unexpected "SELEC"; did you mean SELECT?

SELECT * FROM t WHERE;
-- error 42601 syntax error at line 1

SELECT *
FROM t
WHERE id = = 1;
-- error 42601 line 3

SELECT * FROM nowhere;
-- error 42S02

SELECT nothing FROM t;
-- error 42S22

INSERT INTO t (id, nothing) VALUES (2, 'x');
-- error 42S22

UPDATE t SET nothing = 1;
-- error 42S22

INSERT INTO t VALUES (1, 'b');
-- error 23505

INSERT INTO t VALUES (2, NULL);
-- error 23502

INSERT INTO t (id) VALUES (2);
-- error 23502

UPDATE t SET name = NULL;
-- error 23502

INSERT INTO t VALUES (2, 'abcd');
-- error 22001

SELECT NO_SUCH_FUNCTION(id) FROM t;
-- error 42000

SELECT id FROM t WHERE name = 1 + 'x';
-- error 22018

INSERT INTO t VALUES (8, 'x', 'extra');
-- error 42000 3 values

SELECT CAST('x' AS DATE);
-- error 22007

SELECT CAST('x' AS DATE);
-- error 22007

SELECT CAST('noon' AS TIMESTAMP);
-- error 22007

SELECT CAST('2020-13-45' AS DATE);
-- error 22007

SELECT CAST('2020-02-30 10:00:00' AS TIMESTAMP);
-- error 22007

# A field out of its range is an invalid datetime, not one that rolls over into the next hour or day: in a CAST,
# a literal, a text written to a column or compared with one.
SELECT CAST('25:00' AS TIME);
-- error 22007 HOUR

SELECT CAST('12:61:00' AS TIME);
-- error 22007 MINUTE

SELECT CAST('12:30:60' AS TIME);
-- error 22007 SECOND

SELECT CAST('noon' AS TIME);
-- error 22007

SELECT TIME '25:00:00';
-- error 22007

SELECT DATE '2023-02-30';
-- error 22007

SELECT TIMESTAMP '2023-02-30 10:00:00';
-- error 22007

SELECT TIMESTAMP '2023-01-01 24:00:00';
-- error 22007

SELECT CAST('2023-02-30' AS DATE);
-- error 22007

SELECT CAST('2023-01-01 10:60:00' AS TIMESTAMP);
-- error 22007

CREATE TABLE clock (id INTEGER PRIMARY KEY, tm TIME);

INSERT INTO clock VALUES (1, '25:00');
-- error 22007

INSERT INTO clock VALUES (1, '23:59:59.5'), (2, ' 7:05 ');
-- update 2

SELECT id FROM clock WHERE tm = '31:00';
-- error 22007

SELECT id, tm, CAST('00:00' AS TIME) AS midnight, CAST('23:59:59' AS TIME) AS last FROM clock ORDER BY id;
ID | TM | MIDNIGHT | LAST
1 | 23:59:59.5 | 00:00:00 | 23:59:59
2 | 07:05:00 | 00:00:00 | 23:59:59

# Integer arithmetic past its type's range is an error, not a wrapped value; the failed UPDATE changes nothing.
SELECT 2147483647 + 1;
-- error 22003

CREATE TABLE big (id INTEGER PRIMARY KEY, b BIGINT, i INTEGER, s SMALLINT);

INSERT INTO big VALUES (1, 9223372036854775807, -2147483648, 32767), (2, 10, 20, 30);
-- update 2

UPDATE big SET b = b * 2;
-- error 22003

SELECT b FROM big ORDER BY id;
B
9223372036854775807
10

SELECT -i FROM big WHERE id = 1;
-- error 22003

SELECT i - 1 FROM big WHERE id = 1;
-- error 22003

SELECT s + s FROM big WHERE id = 1;
-- error 22003

SELECT i / -1 FROM big WHERE id = 1;
-- error 22003

SELECT b - 1, i + 1, s - 1, b / 3, i / 2 FROM big WHERE id = 1;
EXPR$0 | EXPR$1 | EXPR$2 | EXPR$3 | EXPR$4
9223372036854775806 | -2147483647 | 32766 | 3074457345618258602 | -1073741824

SELECT i * 2 FROM big WHERE id = 1;
-- error 22003

# A scalar subquery that gives more than one row is a cardinality violation (21000), wherever it stands.
SELECT (SELECT b FROM big) AS x;
-- error 21000 more than one row

SELECT id FROM t WHERE id = (SELECT id FROM big);
-- error 21000

SELECT id, (SELECT b FROM big AS o WHERE o.id >= big.id - 1) AS x FROM big;
-- error 21000

UPDATE t SET name = 'zz' WHERE id = (SELECT id FROM big);
-- error 21000

SELECT (SELECT b FROM big WHERE id = 2) AS single, (SELECT b FROM big WHERE id = 3) AS missing;
SINGLE | MISSING
10 | NULL

# A failed statement changes nothing.
INSERT INTO t VALUES (5, 'ok'), (6, 'also'), (7, 'no!!');
-- error 22001

SELECT * FROM t;
ID | NAME
1 | a

# Less common query features: those Mnemo runs give their rows, those it cannot run fail with 0A000 and a message
# naming the feature, never with an internal error (XX000).

CREATE TABLE tick (id INTEGER PRIMARY KEY, sym VARCHAR(10), price INTEGER) WITH (kind = 'ordered_set');

INSERT INTO tick VALUES (1, 'a', 10), (2, 'a', 8), (3, 'a', 6), (4, 'a', 9), (5, 'b', 5), (6, 'b', 7);

CREATE TABLE emp (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL, dept INTEGER, salary INTEGER, hired DATE);

INSERT INTO emp VALUES (1, 'ann', 10, 500, DATE '2020-01-01'), (2, 'bob', 10, 400, DATE '2020-03-01'), (3, 'cid', 20, 300, DATE '2021-01-01'), (4, 'dan', NULL, 200, DATE '2021-06-01');

CREATE TABLE ev (id INTEGER PRIMARY KEY, ts TIMESTAMP, v INTEGER);

INSERT INTO ev VALUES (1, TIMESTAMP '2020-01-01 00:00:00', 1), (2, TIMESTAMP '2020-01-01 00:30:00', 2), (3, TIMESTAMP '2020-01-01 02:00:00', 4);

# Row pattern recognition: Calcite's code for it fails to compile or to translate quantifiers and navigation.
SELECT * FROM tick MATCH_RECOGNIZE (PARTITION BY sym ORDER BY id MEASURES FIRST(DOWN.price) AS top PATTERN (DOWN+ UP+) DEFINE DOWN AS DOWN.price < PREV(DOWN.price), UP AS UP.price > PREV(UP.price)) AS m;
-- error 0A000 MATCH_RECOGNIZE

SELECT * FROM tick MATCH_RECOGNIZE (ORDER BY id MEASURES A.id AS aid PATTERN (A B) DEFINE A AS A.price > 5, B AS B.price < A.price) AS m;
-- error 0A000 MATCH_RECOGNIZE

SELECT * FROM emp MATCH_RECOGNIZE (ORDER BY id ALL ROWS PER MATCH PATTERN (A) DEFINE A AS TRUE);
-- error 0A000 MATCH_RECOGNIZE

CREATE VIEW patterns AS SELECT * FROM tick MATCH_RECOGNIZE (ORDER BY id MEASURES A.id AS aid PATTERN (A) DEFINE A AS A.price > 5) AS m;
-- error 0A000 MATCH_RECOGNIZE

# What neighbouring rows are compared for, window functions do.
SELECT id, price, CASE WHEN price < LAG(price) OVER (PARTITION BY sym ORDER BY id) THEN 'down' ELSE 'not down' END AS move FROM tick ORDER BY id;
ID | PRICE | MOVE
1 | 10 | not down
2 | 8 | down
3 | 6 | down
4 | 9 | not down
5 | 5 | not down
6 | 7 | not down

# RANGE frames: numeric offsets and intervals over a TIMESTAMP, ascending, are computed; a descending ORDER BY (every
# value came out NULL) and an INTERVAL over a DATE (taken as milliseconds against days: every earlier row counted)
# are refused.
SELECT id, SUM(salary) OVER (ORDER BY salary RANGE BETWEEN 100 PRECEDING AND 100 FOLLOWING) AS near FROM emp ORDER BY id;
ID | NEAR
1 | 900
2 | 1200
3 | 900
4 | 500

SELECT id, SUM(v) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS in_hour FROM ev ORDER BY id;
ID | IN_HOUR
1 | 1
2 | 3
3 | 4

SELECT id, COUNT(*) OVER (ORDER BY CAST(hired AS TIMESTAMP) RANGE INTERVAL '90' DAY PRECEDING) AS n FROM emp ORDER BY id;
ID | N
1 | 1
2 | 2
3 | 1
4 | 1

SELECT id, SUM(salary) OVER (ORDER BY hired RANGE BETWEEN INTERVAL '90' DAY PRECEDING AND CURRENT ROW) FROM emp;
-- error 0A000 INTERVAL offset over a DATE

SELECT id, SUM(salary) OVER (ORDER BY hired RANGE BETWEEN CURRENT ROW AND INTERVAL '90' DAY FOLLOWING) FROM emp;
-- error 0A000 INTERVAL offset over a DATE

SELECT id, SUM(salary) OVER (ORDER BY salary DESC RANGE BETWEEN 100 PRECEDING AND CURRENT ROW) FROM emp;
-- error 0A000 descending

SELECT id, SUM(salary) OVER w FROM emp WINDOW w AS (ORDER BY salary DESC NULLS LAST RANGE 100 PRECEDING);
-- error 0A000 descending

# Over a DECIMAL, or with an offset of a fraction, the frame's code did not compile.
SELECT id, SUM(salary) OVER (ORDER BY CAST(salary AS DECIMAL(10, 0)) RANGE 100 PRECEDING) FROM emp;
-- error 0A000 DECIMAL

SELECT id, SUM(salary) OVER (ORDER BY CAST(salary AS DOUBLE) RANGE BETWEEN 100.5 PRECEDING AND CURRENT ROW) FROM emp;
-- error 0A000 fraction

SELECT id, SUM(salary) OVER (ORDER BY CAST(salary AS DOUBLE) RANGE 100 PRECEDING) AS below FROM emp ORDER BY id;
ID | BELOW
1 | 900
2 | 700
3 | 500
4 | 200

# EXCLUDE CURRENT ROW, GROUP and TIES gave wrong sums; IGNORE NULLS failed to run.
SELECT id, SUM(salary) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) FROM emp;
-- error 0A000 EXCLUDE

SELECT id, SUM(salary) OVER (ORDER BY dept RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP) FROM emp;
-- error 0A000 EXCLUDE

SELECT id, SUM(salary) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE NO OTHERS) AS total FROM emp ORDER BY id;
ID | TOTAL
1 | 1400
2 | 1400
3 | 1400
4 | 1400

SELECT id, FIRST_VALUE(dept) IGNORE NULLS OVER (ORDER BY id DESC) FROM emp;
-- error 0A000 IGNORE NULLS

SELECT id, LAG(dept) IGNORE NULLS OVER (ORDER BY id) FROM emp;
-- error 0A000 IGNORE NULLS

SELECT id, SUM(salary) OVER (ORDER BY salary DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair FROM emp ORDER BY id;
ID | PAIR
1 | 500
2 | 900
3 | 700
4 | 500

SELECT id, SUM(salary) OVER (ORDER BY hired DESC RANGE UNBOUNDED PRECEDING) AS since FROM emp ORDER BY id;
ID | SINCE
1 | 1400
2 | 900
3 | 500
4 | 200

# Time windows: the TUMBLE and HOP table functions run (their columns named in the alias, since Mnemo's names are
# upper case and theirs lower); the grouped forms and SESSION do not.
SELECT ws, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR)) AS w (id, ts, v, ws, we) GROUP BY ws ORDER BY ws;
WS | N
2020-01-01 00:00:00 | 2
2020-01-01 02:00:00 | 1

SELECT COUNT(*) AS n FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '2' HOUR));
N
6

SELECT TUMBLE_START(ts, INTERVAL '1' HOUR), COUNT(*) FROM ev GROUP BY TUMBLE(ts, INTERVAL '1' HOUR);
-- error 0A000 TUMBLE

SELECT COUNT(*) FROM ev GROUP BY HOP(ts, INTERVAL '1' HOUR, INTERVAL '2' HOUR);
-- error 0A000 HOP

SELECT * FROM TABLE(SESSION(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR));
-- error 0A000 SESSION

# Sampling: BERNOULLI runs, SYSTEM does not.
SELECT COUNT(*) AS n FROM emp TABLESAMPLE BERNOULLI(100);
N
4

SELECT COUNT(*) FROM emp TABLESAMPLE SYSTEM(50);
-- error 0A000 TABLESAMPLE SYSTEM

# UNNEST of an array of rows gives rows of several columns; of several arrays, which Calcite would pair each element
# of one with each of the others rather than by position, it is refused.
SELECT x, y FROM UNNEST(ARRAY[1, 2], ARRAY['a', 'b']) AS t (x, y);
-- error 0A000 UNNEST of several arrays

SELECT * FROM UNNEST(ARRAY[ROW(1, 'a'), ROW(2, 'b')]) AS t (n, s) ORDER BY n;
N | S
1 | a
2 | b

SELECT u.x, u.o FROM UNNEST(ARRAY[30, 10, 20]) WITH ORDINALITY AS u (x, o) ORDER BY u.x;
X | O
10 | 2
20 | 3
30 | 1

# A JSON path that finds nothing, with ERROR ON ERROR, is a data error.
SELECT JSON_VALUE('{"a": 1}', 'strict $.b' ERROR ON ERROR);
-- error 22035

SELECT JSON_QUERY('{"a": 1}', 'strict $.b' ERROR ON ERROR);
-- error 22035

SELECT JSON_VALUE('{"a": 1}', 'strict $.b' NULL ON ERROR) AS v;
V
NULL

# A value that is not one of the RETURNING type is an error too: NULL by default or with NULL ON ERROR, the default
# with DEFAULT ON ERROR, 22018 with ERROR ON ERROR (it failed inside Calcite's code with XX000). A number or a text
# of one is cast as CAST would.
SELECT JSON_VALUE('{"a": "x"}', '$.a' RETURNING INTEGER) AS v;
V
NULL

SELECT JSON_VALUE('{"a": "x"}', '$.a' RETURNING INTEGER NULL ON ERROR) AS v;
V
NULL

SELECT JSON_VALUE('{"a": "x"}', '$.a' RETURNING INTEGER DEFAULT 0 ON ERROR) AS v;
V
0

SELECT JSON_VALUE('{"a": "x"}', '$.a' RETURNING INTEGER ERROR ON ERROR);
-- error 22018

SELECT JSON_VALUE('{"a": true}', '$.a' RETURNING DOUBLE ERROR ON ERROR);
-- error 22018

SELECT JSON_VALUE('{"a": 123456789012}', '$.a' RETURNING INTEGER ERROR ON ERROR);
-- error 22003

SELECT JSON_VALUE('{"a": "2020-02-30"}', '$.a' RETURNING DATE DEFAULT DATE '2000-01-01' ON ERROR) AS v;
V
2000-01-01

SELECT JSON_VALUE('{"a": "x"}', '$.a' RETURNING DECIMAL(5, 2) NULL ON ERROR) AS v;
V
NULL

SELECT JSON_VALUE(d, '$.a' RETURNING INTEGER DEFAULT -1 ON ERROR) AS i, JSON_VALUE(d, '$.a' RETURNING DOUBLE) AS f, JSON_VALUE(d, '$.a' RETURNING DECIMAL(6, 2)) AS n, JSON_VALUE(d, '$.a' RETURNING BOOLEAN) AS b FROM (VALUES ('{"a": 7}'), ('{"a": "7"}'), ('{"a": 7.5}'), ('{"a": true}'), ('{"a": "x"}')) AS t (d);
I | F | N | B
7 | 7.0 | 7.00 | NULL
7 | 7.0 | 7.00 | NULL
8 | 7.5 | 7.50 | NULL
-1 | NULL | NULL | true
-1 | NULL | NULL | NULL

SELECT JSON_VALUE('{"a": "2020-01-02"}', '$.a' RETURNING DATE) AS d, JSON_VALUE('{"a": "12:30:00"}', '$.a' RETURNING TIME) AS t, JSON_VALUE('{"a": "2020-01-02 12:30:00"}', '$.a' RETURNING TIMESTAMP) AS ts;
D | T | TS
2020-01-02 | 12:30:00 | 2020-01-02 12:30:00

# The rest of the less common shapes run.
SELECT d, x.n FROM (VALUES (10), (20)) AS d (d), LATERAL (SELECT COUNT(*) AS n FROM emp e WHERE e.dept = d.d) x ORDER BY d;
D | N
10 | 2
20 | 1

SELECT dept, name, SUM(salary) AS total FROM emp GROUP BY ROLLUP (dept, name) ORDER BY dept NULLS LAST, name NULLS LAST;
DEPT | NAME | TOTAL
10 | ann | 500
10 | bob | 400
10 | NULL | 900
20 | cid | 300
20 | NULL | 300
NULL | dan | 200
NULL | NULL | 200
NULL | NULL | 1400

WITH RECURSIVE n (x) AS (VALUES (1) UNION ALL SELECT x + 1 FROM n WHERE x < 5) SELECT SUM(x) AS s FROM n;
S
15

SELECT * FROM (SELECT dept, salary FROM emp) PIVOT (SUM(salary) FOR dept IN (10 AS d10, 20 AS d20));
D10 | D20
900 | 300

SELECT dept FROM emp INTERSECT ALL SELECT dept FROM emp WHERE id <> 2 ORDER BY 1;
DEPT
10
20
NULL

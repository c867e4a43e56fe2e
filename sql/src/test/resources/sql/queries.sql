# Projections, filters, joins, aggregates, ORDER BY, LIMIT/OFFSET, subqueries, set operations.

CREATE TABLE dept (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL);

CREATE TABLE emp (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL, dept INTEGER, salary INTEGER) WITH (kind = 'ordered_set');

INSERT INTO dept VALUES (10, 'sales'), (20, 'ops'), (30, 'empty');

INSERT INTO emp VALUES (1, 'ann', 10, 500), (2, 'bob', 10, 400), (3, 'cid', 20, 300), (4, 'dan', NULL, 200), (5, 'eve', 20, 600);

SELECT name, salary * 2 AS double_pay, salary + 0.5 AS half FROM emp WHERE salary >= 400 ORDER BY name;
NAME | DOUBLE_PAY | HALF
ann | 1000 | 500.5
bob | 800 | 400.5
eve | 1200 | 600.5

SELECT e.name, d.name AS dept FROM emp e JOIN dept d ON e.dept = d.id ORDER BY e.id;
NAME | DEPT
ann | sales
bob | sales
cid | ops
eve | ops

SELECT e.name, d.name AS dept FROM emp e LEFT JOIN dept d ON e.dept = d.id WHERE e.id IN (3, 4) ORDER BY e.id;
NAME | DEPT
cid | ops
dan | NULL

SELECT d.name, COUNT(e.id) AS n, SUM(e.salary) AS total, MIN(e.salary) AS lo, MAX(e.salary) AS hi, AVG(e.salary) AS mean
FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.name ORDER BY d.name;
NAME | N | TOTAL | LO | HI | MEAN
empty | 0 | NULL | NULL | NULL | NULL
ops | 2 | 900 | 300 | 600 | 450
sales | 2 | 900 | 400 | 500 | 450

SELECT dept, COUNT(*) AS n FROM emp GROUP BY dept HAVING COUNT(*) > 1 ORDER BY dept;
DEPT | N
10 | 2
20 | 2

SELECT id FROM emp ORDER BY salary DESC LIMIT 2;
ID
5
1

SELECT id FROM emp ORDER BY id LIMIT 2 OFFSET 1;
ID
2
3

SELECT id FROM emp ORDER BY id OFFSET 3 ROWS FETCH NEXT 5 ROWS ONLY;
ID
4
5

# A row count is an unsigned literal or a parameter (a negative parameter fails with 2201W or 2201X, see the JDBC
# contract): a negative literal is a syntax error.
SELECT id FROM emp ORDER BY id LIMIT -1;
-- error 42601

SELECT id FROM emp ORDER BY id OFFSET -1 ROWS;
-- error 42601

SELECT id FROM emp ORDER BY id FETCH FIRST -1 ROWS ONLY;
-- error 42601

SELECT id FROM emp ORDER BY id LIMIT 0;
ID

SELECT name FROM emp WHERE salary > (SELECT AVG(salary) FROM emp) ORDER BY name;
NAME
ann
eve

SELECT name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.id) ORDER BY name;
NAME
ops
sales

SELECT name FROM dept WHERE id NOT IN (SELECT dept FROM emp WHERE dept IS NOT NULL);
NAME
empty

SELECT e.name, (SELECT d.name FROM dept d WHERE d.id = e.dept) AS dname FROM emp e WHERE e.id <= 2 ORDER BY e.id;
NAME | DNAME
ann | sales
bob | sales

SELECT x.dept, x.total FROM (SELECT dept, SUM(salary) AS total FROM emp GROUP BY dept) x WHERE x.total > 500 ORDER BY x.dept;
DEPT | TOTAL
10 | 900
20 | 900

SELECT name FROM emp WHERE dept = 10 UNION SELECT name FROM dept ORDER BY 1;
NAME
ann
bob
empty
ops
sales

SELECT id FROM emp WHERE id < 3 UNION ALL SELECT id FROM emp WHERE id < 2 ORDER BY id;
ID
1
1
2

SELECT CASE WHEN salary > 400 THEN 'high' ELSE 'low' END AS band, COUNT(*) AS n FROM emp GROUP BY CASE WHEN salary > 400 THEN 'high' ELSE 'low' END ORDER BY band;
BAND | N
high | 2
low | 3

SELECT name FROM emp WHERE name LIKE '%a%' ORDER BY name;
NAME
ann
dan

SELECT UPPER(name) AS u, CHAR_LENGTH(name) AS len, SUBSTRING(name FROM 1 FOR 2) AS pre FROM emp WHERE id = 1;
U | LEN | PRE
ANN | 3 | an

SELECT DISTINCT dept FROM emp WHERE dept IS NOT NULL ORDER BY dept;
DEPT
10
20

SELECT COUNT(DISTINCT dept) AS n FROM emp;
N
2

SELECT name, RANK() OVER (ORDER BY salary DESC) AS r FROM emp WHERE dept = 10 ORDER BY r;
NAME | R
ann | 1
bob | 2

# PERCENT_RANK and CUME_DIST, which Calcite's Enumerable convention has no code for, as window functions.
SELECT name, PERCENT_RANK() OVER (ORDER BY salary) AS pr, CUME_DIST() OVER (ORDER BY salary) AS cd FROM emp ORDER BY salary;
NAME | PR | CD
dan | 0.0 | 0.2
cid | 0.25 | 0.4
bob | 0.5 | 0.6
ann | 0.75 | 0.8
eve | 1.0 | 1.0

SELECT name, PERCENT_RANK() OVER w AS pr, CUME_DIST() OVER w AS cd FROM emp WHERE dept IS NOT NULL
WINDOW w AS (PARTITION BY dept ORDER BY salary DESC) ORDER BY id;
NAME | PR | CD
ann | 0.0 | 0.5
bob | 1.0 | 1.0
cid | 1.0 | 1.0
eve | 0.0 | 0.5

# Ties share a rank; a partition of one row has PERCENT_RANK 0.
SELECT id, PERCENT_RANK() OVER (PARTITION BY dept ORDER BY dept) AS pr, CUME_DIST() OVER (PARTITION BY dept ORDER BY dept) AS cd
FROM emp ORDER BY id;
ID | PR | CD
1 | 0.0 | 1.0
2 | 0.0 | 1.0
3 | 0.0 | 1.0
4 | 0.0 | 1.0
5 | 0.0 | 1.0

# NTH_VALUE reads the frame, not the partition: before the frame has n rows it is NULL.
SELECT id, NTH_VALUE(name, 2) OVER (ORDER BY id) AS nth,
  NTH_VALUE(name, 2) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS in_pair FROM emp ORDER BY id;
ID | NTH | IN_PAIR
1 | NULL | NULL
2 | bob | bob
3 | bob | cid
4 | bob | dan
5 | bob | eve

SELECT * FROM (VALUES (1, 'x'), (2, 'y')) AS t(a, b) ORDER BY a DESC;
A | B
2 | y
1 | x

SELECT 1 + 1 AS two, 'a' || 'b' AS ab;
TWO | AB
2 | ab

# Rows of constants: each column is an order of its own, and the plan must not ask for all of them at once.
SELECT 1 AS a, 2 AS b;
A | B
1 | 2

VALUES (1, 'a'), (2, 'b');
-- unordered
EXPR$0 | EXPR$1
1 | a
2 | b

SELECT * FROM (VALUES (1, 'x')) AS t(a, b);
A | B
1 | x

INSERT INTO emp (id, name, dept) SELECT * FROM (VALUES (90, 'val', 7), (91, 'ues', 7)) AS v(i, n, d);
-- update 2

DELETE FROM emp WHERE id >= 90;
-- update 2

EXPLAIN PLAN FOR SELECT name FROM emp WHERE id = 3;
-- plan contains MnemoTableScan
-- plan contains KEY_EQ

# Key and index conditions become direct lookups in the scan (the filter stays above it, so results are
# exact); the plan shows which access was chosen.

CREATE TABLE o (a INTEGER NOT NULL, b INTEGER NOT NULL, c VARCHAR(10), d INTEGER, PRIMARY KEY (a, b)) WITH (kind = 'ordered_set');

CREATE INDEX o_c ON o (c) USING HASH;

CREATE INDEX o_d ON o (d);

CREATE TABLE h (id BIGINT PRIMARY KEY, v VARCHAR(10) UNIQUE);

INSERT INTO o VALUES (1, 1, 'x', 10), (1, 2, 'y', 20), (1, 3, 'x', 30), (2, 1, 'z', 40), (2, 2, NULL, 50), (3, 1, 'x', NULL);

INSERT INTO h VALUES (1, 'one'), (2, 'two'), (3, 'three');

EXPLAIN PLAN FOR SELECT * FROM o WHERE a = 1 AND b = 2;
-- plan contains KEY_EQ

SELECT c FROM o WHERE a = 1 AND b = 2;
C
y

EXPLAIN PLAN FOR SELECT * FROM o WHERE a = 1;
-- plan contains KEY_RANGE =[1]

SELECT b FROM o WHERE a = 1 ORDER BY b;
B
1
2
3

EXPLAIN PLAN FOR SELECT * FROM o WHERE a = 1 AND b > 1 AND b <= 3;
-- plan contains KEY_RANGE =[1] > 1 <= 3

SELECT b FROM o WHERE a = 1 AND b > 1 AND b <= 3;
B
2
3

SELECT a, b FROM o WHERE a >= 2;
A | B
2 | 1
2 | 2
3 | 1

SELECT a, b FROM o WHERE a > 1 AND a < 3;
A | B
2 | 1
2 | 2

EXPLAIN PLAN FOR SELECT * FROM o WHERE c = 'x';
-- plan contains INDEX_EQ O_C

SELECT a, b FROM o WHERE c = 'x';
-- unordered
A | B
1 | 1
1 | 3
3 | 1

EXPLAIN PLAN FOR SELECT * FROM o WHERE d BETWEEN 15 AND 45;
-- plan contains INDEX_RANGE O_D

SELECT d FROM o WHERE d BETWEEN 15 AND 45 ORDER BY d;
D
20
30
40

SELECT d FROM o WHERE d > 35 ORDER BY d;
D
40
50

EXPLAIN PLAN FOR SELECT * FROM h WHERE id IN (1, 3, 5);
-- plan contains KEY_IN

SELECT v FROM h WHERE id IN (1, 3, 5, 3) ORDER BY id;
V
one
three

# From 20 items on, an IN list is a join with its values, which the plan holds as data.
EXPLAIN PLAN FOR SELECT * FROM h WHERE id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49);
-- plan contains MnemoValues

SELECT v FROM h WHERE id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49, 3) ORDER BY id;
V
one
three

EXPLAIN PLAN FOR SELECT * FROM h WHERE v = 'two';
-- plan contains INDEX_EQ H_V_UNIQUE

SELECT id FROM h WHERE v = 'two';
ID
2

# Comparisons with values of other types still find exactly the rows SQL says.
SELECT id FROM h WHERE id = 2.0;
ID
2

SELECT id FROM h WHERE id = 2.5;
ID

SELECT v FROM h WHERE id = 99999999999;
V

SELECT a, b FROM o WHERE a = 1 AND b > 1.5 ORDER BY b;
A | B
1 | 2
1 | 3

# An ordered_set scan is in key order: ORDER BY on the key needs no sort.
EXPLAIN PLAN FOR SELECT * FROM o ORDER BY a, b;
-- plan contains MnemoTableScan
-- plan lacks Sort

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE a > 1 ORDER BY a, b;
-- plan contains KEY_RANGE
-- plan lacks Sort

# Lookups and index scans do not read in key order: ORDER BY sorts what they return.
EXPLAIN PLAN FOR SELECT a, b FROM o WHERE d > 15 ORDER BY a, b;
-- plan contains INDEX_RANGE
-- plan contains Sort

SELECT a, b FROM o WHERE d > 15 ORDER BY a, b;
A | B
1 | 2
1 | 3
2 | 1
2 | 2

SELECT a, b FROM o WHERE d > 15 ORDER BY a DESC, b DESC LIMIT 2;
A | B
2 | 2
2 | 1

SELECT a, b FROM o WHERE c = 'x' ORDER BY a DESC, b DESC;
A | B
3 | 1
1 | 3
1 | 1

SELECT a, b FROM o ORDER BY a, b;
A | B
1 | 1
1 | 2
1 | 3
2 | 1
2 | 2
3 | 1

SELECT a, b FROM o ORDER BY a DESC, b DESC LIMIT 2;
A | B
3 | 1
2 | 2

# Joins on keys.
SELECT x.a, x.b, y.v FROM o x JOIN h y ON y.id = x.a WHERE x.b = 1 ORDER BY x.a;
A | B | V
1 | 1 | one
2 | 1 | two
3 | 1 | three

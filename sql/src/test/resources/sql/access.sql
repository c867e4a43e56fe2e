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

# From 20 items on, Calcite makes an IN list a join with its values; on a key it becomes key lookups, no join.
EXPLAIN PLAN FOR SELECT * FROM h WHERE id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49);
-- plan lacks MnemoValues

SELECT v FROM h WHERE id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49, 3) ORDER BY id;
V
one
three

# The values of such a list are looked up by key, not matched against the whole table.
EXPLAIN PLAN FOR SELECT * FROM h WHERE id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49);
-- plan contains access=[KEY_IN IN 25 [1, 3, 5, 7, 9,

EXPLAIN PLAN FOR SELECT * FROM h WHERE id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49);
-- plan lacks MnemoTableScan(table=[[MNEMO, H]])

# Also beside other conditions, and with values of another numeric type than the key's (cast, then looked up).
EXPLAIN PLAN FOR SELECT v FROM h WHERE id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49) AND v <> 'x';
-- plan contains KEY_IN

EXPLAIN PLAN FOR SELECT v FROM h WHERE id IN (1.0, 3.0, 5.0, 7.0, 9.0, 11.0, 13.0, 15.0, 17.0, 19.0, 21.0, 23.0, 25.0, 27.0, 29.0, 31.0, 33.0, 35.0, 37.0, 39.0, 41.0, 43.0, 45.0, 47.0, 49.0);
-- plan contains KEY_IN

SELECT v FROM h WHERE id IN (1.0, 3.0, 5.0, 7.0, 9.0, 11.0, 13.0, 15.0, 17.0, 19.0, 21.0, 23.0, 25.0, 27.0, 29.0, 31.0, 33.0, 35.0, 37.0, 39.0, 41.0, 43.0, 45.0, 47.0, 49.0, 2.5) ORDER BY id;
V
one
three

SELECT v FROM h WHERE id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49, NULL, 1, 2) AND v <> 'three' ORDER BY id;
V
one
two

SELECT v FROM h WHERE id IN (2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
V
two

SELECT v FROM h WHERE id IN (3e0, 1e0, 3e0, 5e0, 7e0, 9e0, 11e0, 13e0, 15e0, 17e0, 19e0, 21e0, 23e0, 25e0, 27e0, 29e0, 31e0, 33e0, 35e0, 37e0, 39e0, 41e0, 43e0, 45e0, 47e0, 49e0) ORDER BY id;
V
one
three

SELECT v FROM h WHERE id NOT IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49) ORDER BY id;
V
two

SELECT v FROM h WHERE id NOT IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49, NULL) ORDER BY id;
V

# A list of rows on a composite key is looked up by key too, short (an OR of equalities) or long (a join).
EXPLAIN PLAN FOR SELECT * FROM o WHERE (a, b) IN ((1, 2), (3, 1), (9, 9));
-- plan contains KEY_IN IN 3 [[1, 2], [3, 1], [9, 9]]

SELECT a, b, c FROM o WHERE (a, b) IN ((1, 2), (3, 1), (9, 9), (1, 2), (2, NULL)) ORDER BY a, b;
A | B | C
1 | 2 | y
3 | 1 | x

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE (a, b) IN ((1, 2), (3, 1), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9), (10, 10), (11, 11), (12, 12), (13, 13), (14, 14), (15, 15), (16, 16), (17, 17), (18, 18), (19, 19), (20, 20), (21, 21), (22, 22), (23, 23));
-- plan contains KEY_IN IN 21 [[1, 2], [3, 1], [5, 5],
-- plan lacks MnemoTableScan(table=[[MNEMO, O]])

SELECT a, b, d FROM o WHERE (a, b) IN ((1, 2), (3, 1), (2, NULL), (1, 2), (NULL, 1), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9), (10, 10), (11, 11), (12, 12), (13, 13), (14, 14), (15, 15), (16, 16), (17, 17), (18, 18), (19, 19), (20, 20), (21, 21), (22, 22), (23, 23)) ORDER BY a, b;
A | B | D
1 | 2 | 20
3 | 1 | NULL

# An IN list on the columns of a secondary index, hash or ordered, is index lookups (INDEX_IN).
EXPLAIN PLAN FOR SELECT a, b FROM o WHERE c IN ('x', 'z', 'q');
-- plan contains INDEX_IN O_C IN 3 [q, x, z]

SELECT a, b FROM o WHERE c IN ('x', 'z', 'q', 'x', NULL) ORDER BY a, b;
A | B
1 | 1
1 | 3
2 | 1
3 | 1

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE d IN (20, 50, 60);
-- plan contains INDEX_IN O_D IN 3 [20, 50, 60]

SELECT a, b FROM o WHERE d IN (20, 50, 60, 20.0, 50.5) ORDER BY a, b;
A | B
1 | 2
2 | 2

EXPLAIN PLAN FOR SELECT id FROM h WHERE v IN ('one', 'three', 'nine');
-- plan contains INDEX_IN H_V_UNIQUE IN 3

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE d IN (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210);
-- plan contains INDEX_IN O_D IN 21 [10, 20, 30,
-- plan lacks MnemoTableScan(table=[[MNEMO, O]])

SELECT a, b FROM o WHERE d IN (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 20, NULL, 35.5) ORDER BY a, b;
A | B
1 | 1
1 | 2
1 | 3
2 | 1
2 | 2

SELECT a, b FROM o WHERE c IN ('x', 'y', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12', 'c13', 'c14', 'c15', 'c16', 'c17', 'c18', 'c19', 'c20', 'c21', 'x', NULL) ORDER BY a, b;
A | B
1 | 1
1 | 2
1 | 3
3 | 1

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE c IN ('x', 'y', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12', 'c13', 'c14', 'c15', 'c16', 'c17', 'c18', 'c19', 'c20', 'c21');
-- plan contains INDEX_IN O_C IN 21

SELECT a, b FROM o WHERE d NOT IN (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210) ORDER BY a, b;
A | B

SELECT a, b FROM o WHERE c NOT IN ('x', 'y', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12', 'c13', 'c14', 'c15', 'c16', 'c17', 'c18', 'c19', 'c20', 'c21') ORDER BY a, b;
A | B
2 | 1

# On an ordered_set's composite key a list on its leading column reads, per value, the range of keys starting
# with it (KEY_IN of prefixes), short or long; the rows are those a full scan finds.
EXPLAIN PLAN FOR SELECT a, b FROM o WHERE a IN (1, 3, 5);
-- plan contains KEY_IN IN 3 [1, 3, 5]
-- plan lacks MnemoTableScan(table=[[MNEMO, O]])

SELECT a, b, c FROM o WHERE a IN (3, 1, 5, 1, NULL) ORDER BY a, b;
A | B | C
1 | 1 | x
1 | 2 | y
1 | 3 | x
3 | 1 | x

EXPLAIN PLAN FOR SELECT a, b, c FROM o WHERE ABS(a) IN (3, 1, 5) ORDER BY a, b;
-- plan contains MnemoTableScan(table=[[MNEMO, O]])

SELECT a, b, c FROM o WHERE ABS(a) IN (3, 1, 5) ORDER BY a, b;
A | B | C
1 | 1 | x
1 | 2 | y
1 | 3 | x
3 | 1 | x

SELECT a, b FROM o WHERE a IN (1, 2, 7) AND b > 1 ORDER BY a, b;
A | B
1 | 2
1 | 3
2 | 2

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE a IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49);
-- plan contains KEY_IN IN 25 [1, 3, 5, 7, 9,
-- plan lacks MnemoTableScan(table=[[MNEMO, O]])

SELECT a, b FROM o WHERE a IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49) ORDER BY a, b;
A | B
1 | 1
1 | 2
1 | 3
3 | 1

SELECT a, b FROM o WHERE ABS(a) IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49) ORDER BY a, b;
A | B
1 | 1
1 | 2
1 | 3
3 | 1

# An equality on the leading column is one key range, which is chosen over lookups of the next column.
EXPLAIN PLAN FOR SELECT a, b FROM o WHERE a = 1 AND b IN (2, 3);
-- plan contains KEY_RANGE =[1]

SELECT a, b FROM o WHERE (a, b) IN ((1, 2), (3, 1), (9, 9), (1, 2), (2, 9), (5, 5), (6, 6), (7, 7), (8, 8), (10, 10), (11, 11), (12, 12), (13, 13), (14, 14), (15, 15), (16, 16), (17, 17), (18, 18), (19, 19), (20, 20), (21, 21)) ORDER BY a, b;
A | B
1 | 2
3 | 1

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

# Without ORDER BY no order is asked for: lookups and index scans of an ordered_set are not sorted.
EXPLAIN PLAN FOR SELECT a, b FROM o WHERE c = 'x';
-- plan contains INDEX_EQ O_C
-- plan lacks Sort

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE c IN ('x', 'z', 'q');
-- plan contains INDEX_IN O_C
-- plan lacks Sort

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE d IN (20, 50, 60);
-- plan contains INDEX_IN O_D
-- plan lacks Sort

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE d > 15;
-- plan contains INDEX_RANGE O_D
-- plan lacks Sort

EXPLAIN PLAN FOR SELECT c FROM o WHERE (a, b) IN ((1, 2), (3, 1), (9, 9));
-- plan contains KEY_IN
-- plan lacks Sort

EXPLAIN PLAN FOR SELECT a, b FROM o WHERE d IN (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210);
-- plan contains INDEX_IN O_D IN 21
-- plan lacks Sort

EXPLAIN PLAN FOR UPDATE o SET d = d + 1 WHERE c = 'x';
-- plan contains INDEX_EQ O_C
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

# A join from few rows onto a table's whole primary key reads that table by key lookups, not whole. A LEFT join
# keeps the rows that find no match, and a NULL finds none.
CREATE TABLE lk (id INTEGER PRIMARY KEY, v VARCHAR(10));

INSERT INTO lk VALUES (10, 't10'), (20, 't20'), (30, 't30'), (40, 't40'), (50, 't50'), (60, 't60'), (70, 't70'), (80, 't80'), (90, 't90'), (100, 't100'), (110, 't110'), (120, 't120'), (130, 't130'), (140, 't140'), (150, 't150'), (160, 't160'), (170, 't170'), (180, 't180'), (190, 't190'), (200, 't200'), (210, 't210'), (220, 't220'), (230, 't230'), (240, 't240'), (250, 't250'), (260, 't260'), (270, 't270'), (280, 't280'), (290, 't290'), (300, 't300');

CREATE TABLE lo (id BIGINT PRIMARY KEY, pid BIGINT) WITH (kind = 'ordered_set');

INSERT INTO lo VALUES (1, 20), (2, 25), (3, NULL), (4, 300);

EXPLAIN PLAN FOR SELECT o.id, k.v FROM lo o LEFT JOIN lk k ON k.id = o.pid WHERE o.id <= 3;
-- plan contains MnemoLookupJoin(table=[[MNEMO, LK]], joinType=[left], lookup=[KEY ID=$1])
-- plan lacks MnemoTableScan(table=[[MNEMO, LK]])

SELECT o.id, k.v FROM lo o LEFT JOIN lk k ON k.id = o.pid WHERE o.id <= 3 ORDER BY o.id;
ID | V
1 | t20
2 | NULL
3 | NULL

SELECT o.id, k.v FROM lo o JOIN lk k ON k.id = o.pid WHERE o.id >= 2 ORDER BY o.id;
ID | V
4 | t300

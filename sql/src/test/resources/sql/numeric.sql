# Numbers are right or the statement fails: no total, absolute value or rounding wraps or cuts silently.

# SUM of TINYINT, SMALLINT and INTEGER is a BIGINT, so it may pass the range of its column's type. A total past
# BIGINT is an error (22003), never a wrapped value, however the rows come; AVG, which plans as SUM and COUNT,
# and window aggregates alike.
CREATE TABLE n (id INTEGER PRIMARY KEY, b BIGINT, i INTEGER, s SMALLINT, g INTEGER);

INSERT INTO n VALUES (1, 9223372036854775807, 2147483647, 32767, 1), (2, 9223372036854775807, 2147483647, 32767, 1),
  (3, -9223372036854775807, -2147483647, -32767, 2);
-- update 3

SELECT SUM(b) FROM n WHERE g = 1;
-- error 22003 SUM out of range: the total 18446744073709551614 is not a BIGINT

SELECT AVG(b) FROM n WHERE g = 1;
-- error 22003

SELECT g, SUM(b) AS total FROM n GROUP BY g;
-- error 22003

SELECT id, SUM(b) OVER (ORDER BY id) AS so_far FROM n;
-- error 22003

SELECT SUM(i) AS si, SUM(s) AS ss, AVG(i) AS ai, AVG(s) AS sa, SUM(DISTINCT b) AS sdb FROM n WHERE g = 1;
SI | SS | AI | SA | SDB
4294967294 | 65534 | 2147483647 | 32767 | 9223372036854775807

SELECT g, SUM(i) AS si, AVG(i) AS ai FROM n GROUP BY g;
-- unordered
G | SI | AI
1 | 4294967294 | 2147483647
2 | -2147483647 | -2147483647

SELECT id, SUM(i) OVER (ORDER BY id) AS so_far, AVG(i) OVER (ORDER BY id) AS mean FROM n;
ID | SO_FAR | MEAN
1 | 2147483647 | 2147483647
2 | 4294967294 | 2147483647
3 | 2147483647 | 715827882

# The total is exact whatever the order of the rows: passing the range on the way is no error.
INSERT INTO n VALUES (4, -9223372036854775807, 0, 0, 3);
-- update 1

SELECT SUM(b) AS total FROM n;
TOTAL
0

SELECT SUM(b) AS total, AVG(b) AS mean FROM n WHERE g <> 2;
TOTAL | MEAN
9223372036854775807 | 3074457345618258602

SELECT SUM(b) AS nothing FROM n WHERE id > 9;
NOTHING
NULL

# ABS and unary minus of the smallest value of an integer type are past its range: an error, not that value.
CREATE TABLE lo (id INTEGER PRIMARY KEY, b BIGINT, i INTEGER, s SMALLINT);

INSERT INTO lo VALUES (1, -9223372036854775808, -2147483648, -32768), (2, -5, -6, -7), (3, NULL, NULL, NULL);
-- update 3

SELECT ABS(b) FROM lo WHERE id = 1;
-- error 22003 ABS(-9223372036854775808) is out of range for BIGINT

SELECT ABS(i) FROM lo WHERE id = 1;
-- error 22003 ABS(-2147483648) is out of range for INTEGER

SELECT ABS(s) FROM lo WHERE id = 1;
-- error 22003 ABS(-32768) is out of range for SMALLINT

SELECT ABS(-9223372036854775808);
-- error 22003

SELECT ABS(CAST(-2147483648 AS INTEGER));
-- error 22003

SELECT -b FROM lo WHERE id = 1;
-- error 22003

SELECT -s FROM lo WHERE id = 1;
-- error 22003

SELECT id, ABS(b) AS ab, ABS(i) AS ai, ABS(s) AS x, -b AS nb, ABS(-9223372036854775807) AS top FROM lo WHERE id > 1;
ID | AB | AI | X | NB | TOP
2 | 5 | 6 | 7 | 5 | 9223372036854775807
3 | NULL | NULL | NULL | NULL | 9223372036854775807

SELECT ABS(-1.50) AS d, ABS(CAST(-2.5 AS DOUBLE)) AS f, ABS(b + 1) AS shifted FROM lo WHERE id = 1;
D | F | SHIFTED
1.50 | 2.5 | 9223372036854775807

# A DECIMAL value with more fractional digits than its type is rounded half up (away from zero at the half), the
# same whether it is a literal, a parameter or a CAST, and whether it is written or only read; one too large for
# the precision after rounding is an error (22003). Comparisons use the value as given.
CREATE TABLE dm (id INTEGER PRIMARY KEY, m DECIMAL(5,2));

INSERT INTO dm VALUES (1, 1.235), (2, 1.245), (3, -1.235), (4, 1.234), (5, 999.994);
-- update 5

SELECT id, m FROM dm ORDER BY id;
ID | M
1 | 1.24
2 | 1.25
3 | -1.24
4 | 1.23
5 | 999.99

INSERT INTO dm VALUES (6, 999.995);
-- error 22003

UPDATE dm SET m = 2.345 WHERE id = 4;
-- update 1

INSERT INTO dm SELECT 7, m / 3 FROM dm WHERE id = 2;
-- update 1

SELECT id, m FROM dm WHERE id IN (4, 7) ORDER BY id;
ID | M
4 | 2.35
7 | 0.42

SELECT CAST(1.235 AS DECIMAL(5,2)) AS a, CAST(-1.235 AS DECIMAL(5,2)) AS b, CAST(m AS DECIMAL(4,1)) AS c,
  CAST(m * 3 AS DECIMAL(5,1)) AS d, CAST(CAST(2.5 AS DOUBLE) AS DECIMAL(3,0)) AS e FROM dm WHERE id = 2;
A | B | C | D | E
1.24 | -1.24 | 1.3 | 3.8 | 3

SELECT CAST(999.995 AS DECIMAL(5,2));
-- error 22003

SELECT CAST(12345.6 AS DECIMAL(5,2));
-- error 22003

SELECT id FROM dm WHERE m = 1.245;
ID

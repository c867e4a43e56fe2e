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

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

# A DOUBLE or REAL cast to an integer type rounds half up (away from zero at the half), as a DECIMAL does, whether
# the cast is written or comes from storing the value in an integer column. A value past the type's range after
# rounding is an error (22003), and so are NaN and the infinities, which no integer type holds.
CREATE TABLE fl (id INTEGER PRIMARY KEY, d DOUBLE, r REAL, i INTEGER, s SMALLINT, b BIGINT);

INSERT INTO fl (id, d, r) VALUES (1, 12.7e0, 12.5e0), (2, -12.5e0, -2.5e0), (3, 12.4e0, 0.5e0), (4, 1e300, NULL);
-- update 4

SELECT id, CAST(d AS INTEGER) AS di, CAST(d AS SMALLINT) AS ds, CAST(d AS BIGINT) AS db, CAST(r AS INTEGER) AS ri,
  CAST(r AS BIGINT) AS rb FROM fl WHERE id < 4 ORDER BY id;
ID | DI | DS | DB | RI | RB
1 | 13 | 13 | 13 | 13 | 13
2 | -13 | -13 | -13 | -3 | -3
3 | 12 | 12 | 12 | 1 | 1

SELECT CAST(12.7e0 AS INTEGER) AS a, CAST(-12.5e0 AS INTEGER) AS b, CAST(12.7 AS INTEGER) AS c,
  CAST(-12.5 AS INTEGER) AS d, CAST(2.5e0 AS SMALLINT) AS e, CAST(-0.5e0 AS BIGINT) AS f;
A | B | C | D | E | F
13 | -13 | 13 | -13 | 3 | -1

INSERT INTO fl (id, i, s, b) SELECT 10 + id, d, r, d FROM fl WHERE id < 4;
-- update 3

INSERT INTO fl (id, i, s) VALUES (20, 2.5e0, -0.5e0);
-- update 1

UPDATE fl SET b = r * 3 WHERE id = 1;
-- update 1

SELECT id, i, s, b FROM fl WHERE id > 10 OR id = 1 ORDER BY id;
ID | I | S | B
1 | NULL | NULL | 38
11 | 13 | 13 | 13
12 | -13 | -3 | -13
13 | 12 | 1 | 12
20 | 3 | -1 | NULL

SELECT CAST(d AS INTEGER) FROM fl WHERE id = 4;
-- error 22003 out of range for INTEGER

SELECT CAST(2147483647.5e0 AS INTEGER);
-- error 22003

SELECT CAST(-2147483648.4e0 AS INTEGER) AS lowest, CAST(32766.5e0 AS SMALLINT) AS top;
LOWEST | TOP
-2147483648 | 32767

SELECT CAST(32767.5e0 AS SMALLINT);
-- error 22003

SELECT CAST(9.2233720368547758e18 AS BIGINT);
-- error 22003

SELECT CAST(CAST('NaN' AS DOUBLE) AS INTEGER);
-- error 22003

SELECT CAST(CAST('-Infinity' AS DOUBLE) AS BIGINT);
-- error 22003

INSERT INTO fl (id, i) VALUES (21, 2147483647.5e0);
-- error 22003

UPDATE fl SET s = d WHERE id = 4;
-- error 22003

# A DOUBLE too large for a REAL is out of range (22003), whether cast, inserted, set or selected into the column: it
# never becomes an infinity. The infinities and NaN are REAL values too, and stay what they are.
CREATE TABLE re (id INTEGER PRIMARY KEY, r REAL, d DOUBLE);

INSERT INTO re VALUES (1, 1e300, NULL);
-- error 22003 out of range for REAL

INSERT INTO re (id, r) VALUES (1, 1.5e0), (2, -1e300);
-- error 22003

SELECT CAST(1e300 AS REAL);
-- error 22003

INSERT INTO re VALUES (1, 3.4e38, 1e300), (2, -1.5e0, -1e300);
-- update 2

UPDATE re SET r = d WHERE id = 1;
-- error 22003

UPDATE re SET r = 1e300 WHERE id = 2;
-- error 22003

UPDATE re SET r = r * 1e10 WHERE id = 1;
-- error 22003

SELECT CAST(d AS REAL) FROM re WHERE id = 2;
-- error 22003

INSERT INTO re (id, r) SELECT 3, d FROM re WHERE id = 1;
-- error 22003

SELECT id, r FROM re ORDER BY id;
ID | R
1 | 3.4E38
2 | -1.5

SELECT CAST(CAST('-Infinity' AS DOUBLE) AS REAL) AS inf, CAST(d / 1e270 AS REAL) AS fits FROM re WHERE id = 1;
INF | FITS
-Infinity | 1.0E30

# A number too large for a DOUBLE is out of range (22003), whether a literal, or a text cast, inserted, set or
# compared: it never becomes an infinity. A text that names an infinity or NaN stays what it says.
CREATE TABLE dd (id INTEGER PRIMARY KEY, d DOUBLE, r REAL);

INSERT INTO dd VALUES (1, 1e400, 0);
-- error 22003 out of range

SELECT -1e400;
-- error 22003

INSERT INTO dd VALUES (1, CAST('1e400' AS DOUBLE), 0);
-- error 22003 out of range for DOUBLE

INSERT INTO dd VALUES (1, '-1e400', 0);
-- error 22003

INSERT INTO dd (id, r) VALUES (1, '1e39');
-- error 22003 out of range for REAL

SELECT CAST(' 1e400 ' AS DOUBLE);
-- error 22003

INSERT INTO dd VALUES (1, 1e308, 3e38), (2, -1e308, -3e38), (4, 2.5e0, 1.5e0);
-- update 3

INSERT INTO dd VALUES (3, 'Infinity', CAST('-Infinity' AS REAL));
-- update 1

SELECT id FROM dd WHERE d = '1e400';
-- error 22003

UPDATE dd SET d = '1e999' WHERE id = 4;
-- error 22003

SELECT id, d, r FROM dd WHERE d > CAST('1e308' AS DOUBLE) OR d < -1e307 ORDER BY id;
ID | D | R
2 | -1.0E308 | -3.0E38
3 | Infinity | -Infinity

# Arithmetic on DOUBLE and REAL is checked as integer arithmetic is: a result past the type's range, from operands
# that are finite, fails with 22003 rather than becoming an infinity, and a division by zero fails with 22012.
# An operand that is an infinity or NaN gives what IEEE gives; a result too small rounds toward zero.
SELECT 1e308 * 10;
-- error 22003 out of range for DOUBLE

SELECT d * 10 FROM dd WHERE id = 1;
-- error 22003

SELECT d + d FROM dd WHERE id = 1;
-- error 22003

SELECT d - 1e308 FROM dd WHERE id = 2;
-- error 22003

SELECT d / 1e-10 FROM dd WHERE id = 2;
-- error 22003

SELECT r * r FROM dd WHERE id = 1;
-- error 22003 out of range for REAL

SELECT r + r FROM dd WHERE id = 2;
-- error 22003

SELECT r * 10 FROM dd WHERE id = 1;
-- error 22003

UPDATE dd SET d = d * 2 WHERE id = 1;
-- error 22003

SELECT d / 0 FROM dd WHERE id = 4;
-- error 22012

SELECT 0e0 / 0e0;
-- error 22012

SELECT r / 0e0 FROM dd WHERE id = 4;
-- error 22012

SELECT d * 2 AS twice, d - 1e308 AS less, r * 2 AS rtwice, d * 1e-300 AS tiny FROM dd WHERE id = 3;
TWICE | LESS | RTWICE | TINY
Infinity | Infinity | -Infinity | Infinity

SELECT d * 1e-300 * 1e-300 AS underflow, r * 2 AS r2, d + r AS mixed, d / 2 AS half FROM dd WHERE id = 4;
UNDERFLOW | R2 | MIXED | HALF
0.0 | 3.0 | 4.0 | 1.25

# SUM and AVG of DOUBLE fail with 22003 when their running total overflows, as do window sums; a total that is
# an infinity because a value is one stays one.
INSERT INTO dd VALUES (5, 1e308, 1e0);
-- update 1

SELECT SUM(d) FROM dd WHERE id IN (1, 5);
-- error 22003

SELECT AVG(d) FROM dd WHERE id IN (1, 5);
-- error 22003

SELECT id, SUM(d) OVER (ORDER BY id) AS so_far FROM dd WHERE id IN (1, 5);
-- error 22003

SELECT SUM(d) AS s, AVG(d) AS a FROM dd WHERE id IN (1, 3);
S | A
Infinity | Infinity

SELECT SUM(d) AS s, AVG(d) AS a FROM dd WHERE id IN (2, 4);
S | A
-1.0E308 | -5.0E307

# Exact literals and NULLs in one VALUES column written to DOUBLE: each row stores the literal's value.
# (With timestamps of two precisions beside them, the rows stay Calcite's VALUES rather than Mnemo's data.)
CREATE TABLE dv (id INTEGER PRIMARY KEY, d DOUBLE, f FLOAT, ts TIMESTAMP);

INSERT INTO dv VALUES (1, 2.5, 1, NULL), (2, NULL, NULL, NULL), (3, 7, 0.125, NULL);
-- update 3

INSERT INTO dv VALUES (4, 2.5, -1, TIMESTAMP '2026-03-04 05:06:07.250'), (5, NULL, 3, TIMESTAMP '2026-03-04 05:06:07');
-- update 2

SELECT id, d, f, ts FROM dv ORDER BY id;
ID | D | F | TS
1 | 2.5 | 1.0 | NULL
2 | NULL | NULL | NULL
3 | 7.0 | 0.125 | NULL
4 | 2.5 | -1.0 | 2026-03-04 05:06:07.25
5 | NULL | 3.0 | 2026-03-04 05:06:07

# An exact literal of more digits than a DECIMAL holds (19) is out of range, wherever it is written.
SELECT 12345678901234567890;
-- error 22003 12345678901234567890

INSERT INTO dv VALUES (6, 12345678901234567890, 1, NULL);
-- error 22003

SELECT COUNT(*) AS n FROM dv;
N
5

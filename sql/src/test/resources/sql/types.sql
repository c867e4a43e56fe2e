# Every column type round-trips; literals and expressions are coerced to column types, and out-of-range or
# too-long values are refused.

CREATE TABLE v (
  id INTEGER PRIMARY KEY, b BIGINT, i INTEGER, s SMALLINT, d DOUBLE, r REAL, m DECIMAL(8,3), f BOOLEAN,
  vc VARCHAR(5), c CHAR(4), bin VARBINARY(4), dt DATE, tm TIME, ts TIMESTAMP
);

INSERT INTO v VALUES (1, 9000000000, 2147483647, 32767, 1.5, 2.25, 12345.678, TRUE, 'hello', 'ab', X'CAFE',
  DATE '2024-02-29', TIME '23:59:58', TIMESTAMP '2024-02-29 12:34:56.789');
-- update 1

SELECT * FROM v;
ID | B | I | S | D | R | M | F | VC | C | BIN | DT | TM | TS
1 | 9000000000 | 2147483647 | 32767 | 1.5 | 2.25 | 12345.678 | true | hello | ab   | cafe | 2024-02-29 | 23:59:58 | 2024-02-29 12:34:56.789

# Narrower values widen silently; exact values convert.
INSERT INTO v (id, b, s, d, m) VALUES (2, 7, 3, 4, 1.5);
-- update 1

SELECT b, s, d, m FROM v WHERE id = 2;
B | S | D | M
7 | 3 | 4.0 | 1.500

# A DECIMAL cast to an integer type rounds half up, as it does to a DECIMAL of smaller scale.
SELECT b + i AS bi, m * 2 AS m2, d / 2 AS half, CAST(m AS INTEGER) AS mi, CAST('42' AS INTEGER) + 1 AS parsed FROM v WHERE id = 1;
BI | M2 | HALF | MI | PARSED
11147483647 | 24691.356 | 0.75 | 12346 | 43

SELECT dt + INTERVAL '1' DAY AS next_day, EXTRACT(YEAR FROM ts) AS y, CAST(ts AS DATE) AS d FROM v WHERE id = 1;
NEXT_DAY | Y | D
2024-03-01 | 2024 | 2024-02-29

SELECT id FROM v WHERE dt = DATE '2024-02-29' AND ts > TIMESTAMP '2024-01-01 00:00:00' AND f;
ID
1

SELECT id FROM v WHERE vc = 'hello' AND c = 'ab' AND bin = X'CAFE';
ID
1

SELECT CAST(i AS BIGINT) + 1 AS wide FROM v WHERE id = 1;
WIDE
2147483648

# Out of range, too long, not a number.
INSERT INTO v (id, s) VALUES (3, 40000);
-- error 22003

INSERT INTO v (id, vc) VALUES (3, 'toolong');
-- error 22001

INSERT INTO v (id, bin) VALUES (3, X'0102030405');
-- error 22001

UPDATE v SET vc = 'way too long' WHERE id = 1;
-- error 22001

INSERT INTO v (id, m) VALUES (3, 123456.5);
-- error 22003

SELECT CAST('abc' AS INTEGER) FROM v;
-- error 22018

SELECT 1 / 0 FROM v WHERE id = 1;
-- error 22012

INSERT INTO v (id, f) VALUES (3, 'maybe');
-- error 22018

SELECT COUNT(*) AS n FROM v;
N
2

# CHAR(n) pads, and refuses longer values, literal or computed at run time, whichever way they are written.
INSERT INTO v (id, c) VALUES (4, 'abcd');
-- update 1

INSERT INTO v (id, c) VALUES (5, 'abcde');
-- error 22001

INSERT INTO v (id, c) VALUES (5, 'ab'), (6, 'abcdef');
-- error 22001

INSERT INTO v (id, c) VALUES (5, CAST('abcdef' AS CHAR(6)));
-- error 22001

UPSERT INTO v (id, c) VALUES (4, 'abcde');
-- error 22001

UPDATE v SET c = 'abcde' WHERE id = 4;
-- error 22001

INSERT INTO v (id, c) SELECT 5, 'abcde' FROM v WHERE id = 4;
-- error 22001

MERGE INTO v USING v AS s ON v.id = s.id WHEN MATCHED THEN UPDATE SET c = 'abcde';
-- error 22001

SELECT id, c FROM v WHERE id >= 4;
ID | C
4 | abcd

SELECT CAST('abcdef' AS CHAR(4)) AS cut FROM v WHERE id = 4;
CUT
abcd

UPDATE v SET c = vc WHERE id = 1;
-- error 22001

INSERT INTO v (id, c) SELECT 5, vc FROM v WHERE id = 1;
-- error 22001

UPDATE v SET c = 'xy' WHERE id = 4;
-- update 1

SELECT id, c, CHAR_LENGTH(c) AS len FROM v WHERE c = 'xy';
ID | C | LEN
4 | xy   | 4

# FLOAT(p) is REAL for p up to 24 and DOUBLE for 25 to 53 (2^24 + 1 needs 25 bits); other p are refused.
CREATE TABLE floats (id INTEGER PRIMARY KEY, f1 FLOAT(1), f24 FLOAT(24), f25 FLOAT(25), f53 FLOAT(53));

INSERT INTO floats VALUES (1, 16777217, 16777217, 16777217, 16777217);
-- update 1

SELECT CAST(f1 AS BIGINT) AS f1, CAST(f24 AS BIGINT) AS f24, CAST(f25 AS BIGINT) AS f25,
  CAST(f53 AS BIGINT) AS f53, CAST(CAST(16777217 AS FLOAT(10)) AS BIGINT) AS cast10 FROM floats;
F1 | F24 | F25 | F53 | CAST10
16777216 | 16777216 | 16777217 | 16777217 | 16777216

CREATE TABLE bad (id INTEGER PRIMARY KEY, f FLOAT(54));
-- error 42000 FLOAT precision must be 1 to 53

CREATE TABLE bad (id INTEGER PRIMARY KEY, f FLOAT(0));
-- error 42000 FLOAT precision must be 1 to 53

# A text becomes bytes as UTF-8: in a CAST, and written to a VARBINARY column, whose length counts those bytes.
SELECT OCTET_LENGTH(CAST('Zoë' AS VARBINARY(10))) AS n, CAST('Zoë' AS VARBINARY(10)) AS b,
  CAST('日本' AS VARBINARY(10)) AS j, CHAR_LENGTH('日本') AS chars FROM v WHERE id = 4;
N | B | J | CHARS
4 | 5a6fc3ab | e697a5e69cac | 2

CREATE TABLE bytes (id INTEGER PRIMARY KEY, b VARBINARY(4), s VARCHAR(4), d VARBINARY(4) DEFAULT 'ë');

INSERT INTO bytes (id, b, s) VALUES (1, 'Zoë', 'Zoë');
-- update 1

INSERT INTO bytes (id, b, s) VALUES (2, CAST('Zoë' AS VARBINARY(4)), '日本');
-- update 1

UPDATE bytes SET b = s WHERE id = 2;
-- error 22001

INSERT INTO bytes (id, b) VALUES (3, 'Zoëy');
-- error 22001

SELECT id, b, OCTET_LENGTH(b) AS n, CAST(s AS VARBINARY(8)) AS sb, s, d FROM bytes ORDER BY id;
ID | B | N | SB | S | D
1 | 5a6fc3ab | 4 | 5a6fc3ab | Zoë | c3ab
2 | 5a6fc3ab | 4 | e697a5e69cac | 日本 | c3ab

# A text compared with a VARBINARY is its UTF-8 bytes, the bytes it becomes when written there or cast to
# VARBINARY, wherever it is compared: a filter, a key or index lookup, an IN list, another column, a MERGE's ON.
CREATE TABLE bin (k VARBINARY(8) PRIMARY KEY, u VARBINARY(8) UNIQUE, b VARBINARY(8), t VARCHAR(8));

INSERT INTO bin VALUES ('abc', 'abc', 'abc', 'abc');
-- update 1

INSERT INTO bin VALUES (X'616263FF', X'02', X'00', '616263');
-- update 1

INSERT INTO bin VALUES ('Zoë', 'Zoë', 'Zoë', 'Zoë'), ('x', 'x', 'x', 'x'), ('yy', 'yy', 'yy', 'yy');
-- update 3

# Binary and text values in one column of a VALUES have no common type.
INSERT INTO bin VALUES ('z', 'z', 'z', 'z'), (X'00', X'00', X'00', '00');
-- error 42000 compatible types

SELECT t FROM bin WHERE b = 'abc';
T
abc

SELECT t FROM bin WHERE b = '616263' OR b = 'ABC';
T

SELECT t FROM bin WHERE k = 'abc';
T
abc

EXPLAIN PLAN FOR SELECT t FROM bin WHERE k = 'abc';
-- plan contains KEY_EQ

SELECT t FROM bin WHERE u = 'Zoë';
T
Zoë

EXPLAIN PLAN FOR SELECT t FROM bin WHERE u = 'Zoë';
-- plan contains INDEX_EQ

SELECT t FROM bin WHERE b IN ('abc', 'Zoë', 'none') ORDER BY t;
T
Zoë
abc

SELECT t FROM bin WHERE k IN ('abc', 'Zoë', 'none') ORDER BY t;
T
Zoë
abc

SELECT t FROM bin WHERE b = t ORDER BY t;
T
Zoë
abc
x
yy

SELECT t FROM bin WHERE b <> 'abc' ORDER BY t;
T
616263
Zoë
x
yy

SELECT k, u, b FROM bin WHERE t IN ('x', 'yy') ORDER BY t;
K | U | B
78 | 78 | 78
7979 | 7979 | 7979

MERGE INTO bin USING (VALUES ('abc', 'merged'), ('new', 'added')) AS s (x, y) ON bin.k = s.x
  WHEN MATCHED THEN UPDATE SET t = s.y WHEN NOT MATCHED THEN INSERT (k, t) VALUES (s.x, s.y);
-- update 2

SELECT k, t FROM bin WHERE k IN ('abc', 'new') ORDER BY t;
K | T
6e6577 | added
616263 | merged

# A CHAR(n) value compared with a VARCHAR is its text without the spaces that pad it, as in PostgreSQL, in every
# way a comparison runs: a filter, a key or index lookup, an IN list, a join, a subquery, a MERGE's ON.
CREATE TABLE fixed (c CHAR(5) PRIMARY KEY, d CHAR(5), v VARCHAR(5), n INTEGER);

CREATE INDEX fixed_d ON fixed (d);

INSERT INTO fixed VALUES ('ab', 'ab', 'ab', 1), ('cd', 'cd', 'cd ', 2);
-- update 2

CREATE TABLE var (v VARCHAR(5) PRIMARY KEY, n INTEGER);

INSERT INTO var VALUES ('ab', 10), ('cd', 20), ('cd  ', 30);
-- update 3

SELECT n FROM fixed WHERE c = v;
N
1

SELECT n FROM fixed WHERE c = CAST('ab' AS VARCHAR(5));
N
1

EXPLAIN PLAN FOR SELECT n FROM fixed WHERE c = CAST('ab' AS VARCHAR(5));
-- plan contains KEY_EQ

SELECT n FROM fixed WHERE d = CAST('cd' AS VARCHAR(5));
N
2

EXPLAIN PLAN FOR SELECT n FROM fixed WHERE d = CAST('cd' AS VARCHAR(5));
-- plan contains INDEX_EQ

SELECT n FROM fixed WHERE c IN (CAST('ab' AS VARCHAR(5)), CAST('cd' AS VARCHAR(5)), CAST('x' AS VARCHAR(5))) ORDER BY n;
N
1
2

SELECT f.n AS fn, var.n AS vn FROM fixed f JOIN var ON f.c = var.v ORDER BY f.n;
FN | VN
1 | 10
2 | 20

SELECT n FROM var WHERE v IN (SELECT d FROM fixed) ORDER BY n;
N
10
20

MERGE INTO fixed USING var ON fixed.c = var.v WHEN MATCHED THEN UPDATE SET n = var.n;
-- update 2

SELECT c, n FROM fixed ORDER BY n;
C | N
ab    | 10
cd    | 20

# Text literals of different lengths in one CASE, COALESCE, UNION or VALUES column are VARCHAR, not CHAR padded to
# the longest, as in PostgreSQL, MySQL and H2: a VARCHAR column they are written to keeps them as written.
CREATE TABLE ragged (id INTEGER PRIMARY KEY, s VARCHAR(10));

INSERT INTO ragged SELECT 1, CASE WHEN 1 = 1 THEN 'ab' ELSE 'abcd' END;
-- update 1

INSERT INTO ragged SELECT * FROM (VALUES (2, 'x'), (3, 'xyz'));
-- update 2

INSERT INTO ragged SELECT 4, COALESCE(NULL, 'c', 'cde');
-- update 1

SELECT id, s || '|' AS shown, CHAR_LENGTH(s) AS len FROM ragged ORDER BY id;
ID | SHOWN | LEN
1 | ab| | 2
2 | x| | 1
3 | xyz| | 3
4 | c| | 1

SELECT id FROM ragged WHERE s IN ('ab', 'x', 'c') ORDER BY id;
ID
1
2
4

SELECT CASE WHEN id = 1 THEN 'one' ELSE 'other' END || '|' AS word FROM ragged WHERE id < 3 ORDER BY id;
WORD
one|
other|

SELECT 'a' || '|' AS v UNION ALL SELECT 'bcd' || '|' ORDER BY 1;
V
a|
bcd|

SELECT x || '|' AS v FROM (SELECT 'a' AS x UNION SELECT 'bcd') ORDER BY 1;
V
a|
bcd|

# TINYINT keeps its declared type: -128 to 127 (22003 past them, by any write), TINYINT in metadata and dumps.
CREATE TABLE tiny (id TINYINT PRIMARY KEY, t TINYINT NOT NULL DEFAULT 7, s SMALLINT);

INSERT INTO tiny VALUES (127, -128, 1000), (-128, 0, 0);
-- update 2

INSERT INTO tiny (id) VALUES (1);
-- update 1

INSERT INTO tiny VALUES (128, 0, 0);
-- error 22003

INSERT INTO tiny VALUES (2, -129, 0);
-- error 22003

UPDATE tiny SET t = t + 121 WHERE id = 1;
-- error 22003

UPDATE tiny SET t = s WHERE id = 127;
-- error 22003

UPDATE tiny SET t = t - 1 WHERE id = 127;
-- error 22003

UPDATE tiny SET t = -t - 1 WHERE id = 1;
-- update 1

SELECT id, t, s, t + 1 AS t1, CAST(s AS TINYINT) AS c FROM tiny WHERE id IN (1, -128) ORDER BY id;
ID | T | S | T1 | C
-128 | 0 | 0 | 1 | 0
1 | -8 | NULL | -7 | NULL

SELECT id FROM tiny WHERE id = 127;
ID
127

SELECT SUM(t) AS total FROM tiny;
TOTAL
-136

SELECT data_type, numeric_precision FROM information_schema.columns WHERE table_name = 'TINY' ORDER BY ordinal_position;
DATA_TYPE | NUMERIC_PRECISION
TINYINT | 3
TINYINT | 3
SMALLINT | 5

SCRIPT NODATA TABLE tiny;
SCRIPT
CREATE TABLE "TINY" ("ID" TINYINT NOT NULL, "T" TINYINT NOT NULL DEFAULT 7, "S" SMALLINT, PRIMARY KEY ("ID")) WITH (kind = 'set', storage = 'ram')

ALTER TABLE tiny ALTER COLUMN s SET DATA TYPE TINYINT;
-- error 22003

UPDATE tiny SET s = 5 WHERE id = 127;
-- update 1

ALTER TABLE tiny ALTER COLUMN s SET DATA TYPE TINYINT;

DESCRIBE tiny s;
COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | IS_NULLABLE | COLUMN_DEFAULT
S | TINYINT | NULL | 3 | 0 | YES | NULL

# A DECIMAL that rounds past the range of an integer type fails too, rather than wrapping round to its other end.
UPDATE tiny SET t = 127.6 WHERE id = 1;
-- error 22003

UPDATE tiny SET t = -128.5 WHERE id = 1;
-- error 22003

SELECT CAST(127.6 AS TINYINT) AS c;
-- error 22003

SELECT CAST(32767.5 AS SMALLINT) AS c;
-- error 22003

SELECT CAST(2147483647.5 AS INTEGER) AS c;
-- error 22003

UPDATE tiny SET t = 126.5 WHERE id = 1;
-- update 1

SELECT CAST(CAST(t AS DECIMAL(4, 1)) + 0.6 AS TINYINT) AS c FROM tiny WHERE id = 1;
-- error 22003

SELECT t, CAST(-127.6 AS TINYINT) AS c, CAST(32766.5 AS SMALLINT) AS d FROM tiny WHERE id = 1;
T | C | D
127 | -128 | 32767

CREATE TABLE tiny_id (id TINYINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
-- error 42000 BIGINT, INTEGER or SMALLINT

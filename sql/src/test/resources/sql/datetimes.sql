# TIME(p) and TIMESTAMP(p) keep p fractional digits (0 to 3; plain TIME and TIMESTAMP keep 3). Every value written
# is rounded half up to them, whatever writes it; a TIMESTAMP carries into the next second or day, and a TIME past
# 23:59:59 is the last time its precision holds. Comparisons stay exact: a value is not rounded to be compared.

CREATE TABLE e (
  id INTEGER PRIMARY KEY, t0 TIME(0), t1 TIME(1), t3 TIME, s0 TIMESTAMP(0), s2 TIMESTAMP(2),
  s3 TIMESTAMP DEFAULT TIMESTAMP '2024-02-29 12:00:00.125', d0 TIMESTAMP(0) DEFAULT TIMESTAMP '2024-02-29 12:00:00.5'
);

INSERT INTO e (id, t0, t1, t3, s0, s2) VALUES (1, TIME '10:00:00.5', TIME '10:00:00.25', TIME '10:00:00.125',
  TIMESTAMP '2024-12-31 23:59:59.5', TIMESTAMP '2024-12-31 23:59:59.994');
-- update 1

SELECT id, s0, s2, s3, d0 FROM e;
ID | S0 | S2 | S3 | D0
1 | 2025-01-01 00:00:00 | 2024-12-31 23:59:59.99 | 2024-02-29 12:00:00.125 | 2024-02-29 12:00:01

SELECT id FROM e WHERE t0 = TIME '10:00:01' AND t1 = TIME '10:00:00.3' AND t3 = TIME '10:00:00.125';
ID
1

# A TIME shows its fraction of a second, as a TIMESTAMP does.
SELECT t0, t1, t3 FROM e;
T0 | T1 | T3
10:00:01 | 10:00:00.3 | 10:00:00.125

# Text, and a TIME rounding past the end of the day.
INSERT INTO e (id, t0, t1, s0, s2) VALUES (2, '23:59:59.5', '23:59:59.96', '2024-02-29 10:00:00.499', '2024-02-29 10:00:00.005');
-- update 1

SELECT id, s0, s2 FROM e WHERE id = 2 AND t0 = TIME '23:59:59' AND t1 = TIME '23:59:59.9';
ID | S0 | S2
2 | 2024-02-29 10:00:00 | 2024-02-29 10:00:00.01

# UPDATE, INSERT ... SELECT, UPSERT and MERGE round what they write, from columns of more digits too.
UPDATE e SET t0 = t3, s0 = s3, s2 = s3 WHERE id = 1;
-- update 1

SELECT id, s0, s2 FROM e WHERE id = 1 AND t0 = TIME '10:00:00';
ID | S0 | S2
1 | 2024-02-29 12:00:00 | 2024-02-29 12:00:00.13

INSERT INTO e (id, t1, s0) SELECT id + 10, t3, s2 FROM e WHERE id = 2;
-- update 1

SELECT id, s0 FROM e WHERE id = 12 AND t1 IS NULL;
ID | S0
12 | 2024-02-29 10:00:00

UPSERT INTO e (id, s0, s2) VALUES (12, TIMESTAMP '2024-02-29 10:00:00.7', TIMESTAMP '2024-02-29 10:00:00.715');
-- update 1

SELECT id, s0, s2 FROM e WHERE id = 12;
ID | S0 | S2
12 | 2024-02-29 10:00:01 | 2024-02-29 10:00:00.72

CREATE TABLE src (id INTEGER PRIMARY KEY, s TIMESTAMP);

INSERT INTO src VALUES (12, TIMESTAMP '2024-02-29 08:00:00.5'), (13, TIMESTAMP '2024-02-29 08:00:00.499');
-- update 2

MERGE INTO e USING src ON e.id = src.id WHEN MATCHED THEN UPDATE SET s0 = src.s
  WHEN NOT MATCHED THEN INSERT (id, s0) VALUES (src.id, src.s);
-- update 2

SELECT id, s0 FROM e WHERE id >= 12 ORDER BY id;
ID | S0
12 | 2024-02-29 08:00:01
13 | 2024-02-29 08:00:00

# An added column's default is rounded, for the rows already there too.
ALTER TABLE e ADD COLUMN late TIMESTAMP(1) DEFAULT TIMESTAMP '2024-02-29 12:00:00.96';

SELECT DISTINCT late FROM e;
LATE
2024-02-29 12:00:01

# A cast to fewer digits rounds half up, for constants and values read alike (Calcite's own cut the digits of a
# constant and kept those of any other value).
SELECT CAST(TIMESTAMP '2024-12-31 23:59:59.96' AS TIMESTAMP(1)) AS a, CAST(s3 AS TIMESTAMP(0)) AS b,
  CAST(s3 AS TIMESTAMP(2)) AS c, CAST(s3 AS TIMESTAMP) AS d, CAST('2024-02-29 12:00:00.45' AS TIMESTAMP(1)) AS e
  FROM e WHERE id = 1;
A | B | C | D | E
2025-01-01 00:00:00 | 2024-02-29 12:00:00 | 2024-02-29 12:00:00.13 | 2024-02-29 12:00:00.125 | 2024-02-29 12:00:00.5

SELECT id FROM e WHERE id = 1 AND CAST(t3 AS TIME(2)) = TIME '10:00:00.13' AND CAST('10:00:00.66' AS TIME(1)) = TIME '10:00:00.7'
  AND CAST(TIME '10:00:00.5' AS TIME(0)) = TIME '10:00:01' AND CAST(s2 AS TIME(0)) = TIME '12:00:00';
ID
1

# Keys: a literal with more digits than the key compares exactly, and finds no row; a range finds the rows after it.
CREATE TABLE k (ts TIMESTAMP(0) PRIMARY KEY, v INTEGER) WITH (kind = 'ordered_set');

INSERT INTO k VALUES (TIMESTAMP '2024-01-01 00:00:00.6', 1), (TIMESTAMP '2024-01-01 00:00:02.2', 2);
-- update 2

SELECT ts, v FROM k;
TS | V
2024-01-01 00:00:01 | 1
2024-01-01 00:00:02 | 2

SELECT v FROM k WHERE ts = TIMESTAMP '2024-01-01 00:00:00.6';
V

SELECT v FROM k WHERE ts = TIMESTAMP '2024-01-01 00:00:01';
V
1

SELECT v FROM k WHERE ts > TIMESTAMP '2024-01-01 00:00:00.6';
V
1
2

SELECT v FROM k WHERE ts >= TIMESTAMP '2024-01-01 00:00:01.4' AND ts <= TIMESTAMP '2024-01-01 00:00:02.4';
V
2

EXPLAIN PLAN FOR SELECT v FROM k WHERE ts > TIMESTAMP '2024-01-01 00:00:00.6';
-- plan contains KEY_RANGE

# A precision past milliseconds is refused, rather than its digits being dropped.
CREATE TABLE fine (id INTEGER PRIMARY KEY, t TIME(4));
-- error 0A000 TIME(4)

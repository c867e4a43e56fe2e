# Functions beyond the SQL standard, with PostgreSQL's semantics (see LibraryFunctions), and their errors.

CREATE TABLE p (id INTEGER PRIMARY KEY, name VARCHAR(20), born DATE, seen TIMESTAMP, ok BOOLEAN, x DOUBLE, n BIGINT);

INSERT INTO p VALUES (1, 'ann', DATE '2026-03-04', TIMESTAMP '2026-03-04 05:06:07.250', TRUE, 2.5, 3), (2, 'Bob', DATE '2025-12-31', TIMESTAMP '2025-12-31 23:59:59', FALSE, -1, 0), (3, NULL, NULL, NULL, NULL, NULL, NULL);
-- update 3

# Strings. CONCAT and CONCAT_WS skip NULLs, as in PostgreSQL; || gives NULL.
SELECT id, CONCAT(name, '-', id) AS c, CONCAT_WS(',', name, 'x', NULL) AS ws, name || '-' AS bars FROM p ORDER BY id;
ID | C | WS | BARS
1 | ann-1 | ann,x | ann-
2 | Bob-2 | Bob,x | Bob-
3 | -3 | x | NULL

SELECT id, LENGTH(name) AS len, LEFT(name, 2) AS l, RIGHT(name, 2) AS r, SUBSTR(name, 2) AS s2, SUBSTR(name, 2, 1) AS s21, REVERSE(name) AS rev FROM p ORDER BY id;
ID | LEN | L | R | S2 | S21 | REV
1 | 3 | an | nn | nn | n | nna
2 | 3 | Bo | ob | ob | o | boB
3 | NULL | NULL | NULL | NULL | NULL | NULL

SELECT id, STRPOS(name, 'n') AS sp, INSTR(name, 'b') AS ins, STARTS_WITH(name, 'a') AS sw, ENDS_WITH(name, 'b') AS ew FROM p ORDER BY id;
ID | SP | INS | SW | EW
1 | 2 | 0 | true | false
2 | 0 | 3 | false | true
3 | NULL | NULL | NULL | NULL

SELECT REPEAT('ab', 3) AS r, '[' || SPACE(2) || ']' AS s, LPAD('7', 3, '0') AS lp, RPAD('ab', 5, 'xy') AS rp, LPAD('abcdef', 3) AS cut, RPAD('a', 3) = 'a  ' AS blank;
R | S | LP | RP | CUT | BLANK
ababab | [  ] | 007 | abxyx | abc | true

SELECT REPEAT('ab', 0) = '' AS zero_count, REPEAT('ab', -2) = '' AS negative, LPAD('ab', 0) = '' AS zero_len, LPAD('ab', 5, '') AS nofill, REPEAT(name, 2) AS twice FROM p WHERE id = 1;
ZERO_COUNT | NEGATIVE | ZERO_LEN | NOFILL | TWICE
true | true | true | ab | annann

SELECT LTRIM('  a ') = 'a ' AS lt, RTRIM(' a  ') = ' a' AS rt, SPLIT_PART('a,b,c', ',', 2) AS part, TRANSLATE('ann', 'an', 'AN') AS tr, CHR(65) AS ch;
LT | RT | PART | TR | CH
true | true | b | ANN | A

SELECT MD5('ann') AS md5, SHA1('ann') AS sha1, SOUNDEX('Robert') AS sx, TO_BASE64(CAST('hi' AS VARBINARY(4))) AS b64, FROM_BASE64('aGk=') AS raw;
MD5 | SHA1 | SX | B64 | RAW
7e0d7f8a5d96c24ffcc840f31bce72b2 | 744cb9a9fb3d5583744ea3ece9b4d819d90bdee2 | R163 | aGk= | 6869

SELECT SHA256('ann') AS h;
H
49915e0d7d4b402e3017d010bc1c0e83cac6c797d6c16e66340fe3268693a6a1

SELECT id FROM p WHERE name ILIKE 'A%' OR name ILIKE '%OB';
-- unordered
ID
1
2

SELECT id FROM p WHERE name NOT ILIKE 'a%';
ID
2

SELECT id, REGEXP_REPLACE(name, '[aeiou]', '_') AS first_vowel, REGEXP_REPLACE(name, '[AEIOU]', '_', 'gi') AS all_vowels, REGEXP_LIKE(name, '^[a-z]+$') AS lower_only FROM p ORDER BY id;
ID | FIRST_VOWEL | ALL_VOWELS | LOWER_ONLY
1 | _nn | _nn | true
2 | B_b | B_b | false
3 | NULL | NULL | NULL

SELECT REGEXP_REPLACE('banana', 'a', '_') AS first_only, REGEXP_REPLACE('banana', 'A', '_', 'gi') AS all_of_them;
FIRST_ONLY | ALL_OF_THEM
b_nana | b_n_n_

# Choosing among values: GREATEST and LEAST skip NULLs (NULL only if all are), as in PostgreSQL.
SELECT id, GREATEST(x, NULL, 1) AS g, LEAST(x, NULL) AS l, NVL(name, '?') AS nv, IFNULL(name, '?') AS ifn, NVL2(name, 'y', 'n') AS nv2 FROM p ORDER BY id;
ID | G | L | NV | IFN | NV2
1 | 2.5 | 2.5 | ann | ann | y
2 | 1.0 | -1.0 | Bob | Bob | y
3 | 1.0 | NULL | ? | ? | n

# Dates and numbers.
SELECT id, DATE_PART('year', born) AS y, DATE_PART('dow', born) AS dow, TO_CHAR(seen, 'YYYY-MM-DD HH24:MI') AS t, TO_CHAR(born, 'Mon DD, YYYY') AS d FROM p ORDER BY id;
ID | Y | DOW | T | D
1 | 2026 | 4 | 2026-03-04 05:06 | Mar 04, 2026
2 | 2025 | 4 | 2025-12-31 23:59 | Dec 31, 2025
3 | NULL | NULL | NULL | NULL

SELECT TO_DATE('2026-01-02', 'YYYY-MM-DD') AS d, LOG2(8) AS l2, COSH(0) AS ch, SINH(0) AS sh, TANH(0) AS th;
D | L2 | CH | SH | TH
2026-01-02 | 3.0 | 1.0 | 0.0 | 0.0

# Aggregates.
SELECT STRING_AGG(name, ',' ORDER BY id) AS s, GROUP_CONCAT(name ORDER BY name) AS g, BOOL_AND(ok) AS every_ok, BOOL_OR(ok) AS some_ok FROM p;
S | G | EVERY_OK | SOME_OK
ann,Bob | Bob,ann | false | true

SELECT ok, STRING_AGG(name, '+') AS names FROM p WHERE ok IS NOT NULL GROUP BY ok ORDER BY ok;
OK | NAMES
false | Bob
true | ann

# As window functions: over a partition, and running in the partition's order.
SELECT id, STRING_AGG(name, '+') OVER (PARTITION BY n IS NULL ORDER BY id) AS s, GROUP_CONCAT(name) OVER (PARTITION BY n IS NULL ORDER BY id) AS g, BOOL_AND(ok) OVER (PARTITION BY n IS NULL ORDER BY id) AS a, BOOL_OR(ok) OVER (PARTITION BY n IS NULL ORDER BY id) AS o FROM p ORDER BY id;
ID | S | G | A | O
1 | ann | ann | true | true
2 | ann+Bob | ann,Bob | false | true
3 | NULL | NULL | NULL | NULL

SELECT id, CHAR_LENGTH(STRING_AGG(name, ', ') OVER (PARTITION BY n IS NULL)) AS len, CHAR_LENGTH(GROUP_CONCAT(name) OVER ()) AS all_len FROM p ORDER BY id;
ID | LEN | ALL_LEN
1 | 8 | 7
2 | 8 | 7
3 | NULL | 7

SELECT id, GROUP_CONCAT(name SEPARATOR '; ') OVER (PARTITION BY n IS NULL ORDER BY id) AS g FROM p ORDER BY id;
ID | G
1 | ann
2 | ann; Bob
3 | NULL

SELECT STRING_AGG(name, ',' ORDER BY id) OVER (PARTITION BY ok) FROM p;
-- error 0A000 STRING_AGG with an ORDER BY inside is not supported as a window function

# In writes: the functions run where the statement runs and the results are what gets stored.
UPDATE p SET name = CONCAT(UPPER(LEFT(name, 1)), SUBSTR(name, 2), '!') WHERE name ILIKE 'a%';
-- update 1

INSERT INTO p (id, name) SELECT id + 10, LPAD(CAST(id AS VARCHAR(3)), 4, '0') FROM p WHERE id < 3;
-- update 2

SELECT id, name FROM p WHERE id IN (1, 11, 12) ORDER BY id;
ID | NAME
1 | Ann!
11 | 0001
12 | 0002

DELETE FROM p WHERE STARTS_WITH(name, '000');
-- update 2

# Errors: a string longer than any value may be, a pattern that is not one, a text that does not match its format.
SELECT REPEAT('x', 2000000000);
-- error 54000 REPEAT would make a string of 2000000000 characters

SELECT LENGTH(REPEAT(name, 100000000)) FROM p;
-- error 54000

SELECT LPAD('a', 20000000, '*');
-- error 54000 LPAD

SELECT SPACE(2147483647);
-- error 54000 SPACE

SELECT REGEXP_LIKE(name, '(') FROM p;
-- error 2201B

SELECT TO_DATE('soon', 'YYYY-MM-DD');
-- error 22007

SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) FROM p;
-- error 0A000

SELECT CONCAT_WS(',') FROM p;
-- error 42000

SELECT DECODE('aGk=', 'base64');
-- error 42000

# The failed statements changed nothing.
SELECT COUNT(*) AS n FROM p;
N
3

# NOW() is CURRENT_TIMESTAMP, as in PostgreSQL, MySQL and H2: the same time in a statement, and its type.
SELECT NOW() = CURRENT_TIMESTAMP AS same, NOW() IS NOT NULL AS known, CAST(NOW() AS DATE) = CURRENT_DATE AS today;
SAME | KNOWN | TODAY
true | true | true

UPDATE p SET seen = NOW() WHERE id = 3;
-- update 1

SELECT COUNT(*) AS n FROM p WHERE seen <= NOW() AND seen > NOW() - INTERVAL '1' HOUR;
N
1

SELECT NOW(1);
-- error 42000

# RANDOM() is PostgreSQL's name for RAND(): a DOUBLE from 0 up to 1.
SELECT RANDOM() >= 0 AND RANDOM() < 1 AS in_range;
IN_RANGE
true

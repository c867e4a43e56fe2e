# SQL's three-valued logic and NULL in keys, aggregates, joins, ordering and DML.

CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b VARCHAR(5));

INSERT INTO t VALUES (1, 1, 'x'), (2, NULL, 'y'), (3, 3, NULL), (4, NULL, NULL);

SELECT id FROM t WHERE a = NULL;
ID

SELECT id FROM t WHERE a <> 1 ORDER BY id;
ID
3

SELECT id FROM t WHERE a IS NULL ORDER BY id;
ID
2
4

SELECT id FROM t WHERE NOT (a = 1) ORDER BY id;
ID
3

SELECT id FROM t WHERE a IS DISTINCT FROM 1 ORDER BY id;
ID
2
3
4

SELECT id FROM t WHERE a IN (1, NULL) ORDER BY id;
ID
1

SELECT id FROM t WHERE a NOT IN (1, NULL);
ID

SELECT COUNT(*) AS all_rows, COUNT(a) AS non_null, SUM(a) AS s, AVG(a) AS m, MAX(b) AS mx FROM t;
ALL_ROWS | NON_NULL | S | M | MX
4 | 2 | 4 | 2 | y

SELECT a + 1 AS p, b || '!' AS q, COALESCE(a, -1) AS c, NULLIF(a, 1) AS n FROM t ORDER BY id;
P | Q | C | N
2 | x! | 1 | NULL
NULL | y! | -1 | NULL
4 | NULL | 3 | 3
NULL | NULL | -1 | NULL

SELECT (a > 0) AND (b IS NULL) AS x, (a > 0) OR (b IS NULL) AS y FROM t ORDER BY id;
X | Y
false | true
false | NULL
true | true
NULL | true

# NULLs sort high: last ascending, first descending.
SELECT id, a FROM t ORDER BY a, id;
ID | A
1 | 1
3 | 3
2 | NULL
4 | NULL

SELECT id FROM t ORDER BY a DESC NULLS LAST, id;
ID
3
1
2
4

SELECT a, COUNT(*) AS n FROM t GROUP BY a ORDER BY a;
A | N
1 | 1
3 | 1
NULL | 2

SELECT x.id FROM t x JOIN t y ON x.a = y.a ORDER BY x.id;
ID
1
3

SELECT SUM(a) AS s FROM t WHERE id > 100;
S
NULL

# A key column is never NULL; a NULL key value matches nothing.
INSERT INTO t VALUES (NULL, 1, 'z');
-- error 23502

SELECT id FROM t WHERE id = CAST(NULL AS INTEGER);
ID

UPDATE t SET b = NULL WHERE b = 'x';
-- update 1

SELECT COUNT(*) AS n FROM t WHERE b IS NULL;
N
3

DELETE FROM t WHERE a = NULL;
-- update 0

# UNIQUE allows any number of NULLs.
CREATE TABLE u (id INTEGER PRIMARY KEY, code VARCHAR(5) UNIQUE);

INSERT INTO u VALUES (1, NULL), (2, NULL), (3, 'a');
-- update 3

INSERT INTO u VALUES (4, 'a');
-- error 23505

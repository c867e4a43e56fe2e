# UPSERT replaces the row with the same key or inserts; MERGE updates matching rows and inserts the others.

CREATE TABLE kv (k VARCHAR(10) PRIMARY KEY, v INTEGER, note VARCHAR(10) DEFAULT 'new');

INSERT INTO kv VALUES ('a', 1, 'first');

UPSERT INTO kv VALUES ('a', 2, 'second'), ('b', 3, 'third');
-- update 2

UPSERT INTO kv (k, v) VALUES ('c', 4);
-- update 1

SELECT * FROM kv ORDER BY k;
K | V | NOTE
a | 2 | second
b | 3 | third
c | 4 | new

CREATE TABLE src (k VARCHAR(10) PRIMARY KEY, v INTEGER);

INSERT INTO src VALUES ('a', 10), ('d', 40);

MERGE INTO kv t USING src s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET v = s.v, note = 'merged'
WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v);
-- update 2

SELECT * FROM kv ORDER BY k;
K | V | NOTE
a | 10 | merged
b | 3 | third
c | 4 | new
d | 40 | new

INSERT INTO src VALUES ('b', 99);

MERGE INTO kv t USING src s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET v = t.v + s.v;
-- update 3

SELECT k, v FROM kv ORDER BY k;
K | V
a | 20
b | 102
c | 4
d | 80

DELETE FROM src;

INSERT INTO src VALUES ('e', 5), ('a', 1);

# Without WHEN MATCHED, a MERGE inserts the source rows that match no target row, and counts only those.
MERGE INTO kv t USING src s ON t.k = s.k
WHEN NOT MATCHED THEN INSERT (k, v, note) VALUES (s.k, s.v, 'only');
-- update 1

MERGE INTO kv t USING src s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET note = 'again'
WHEN NOT MATCHED THEN INSERT (k, v, note) VALUES (s.k, s.v, 'only');
-- update 2

EXPLAIN PLAN FOR MERGE INTO kv t USING src s ON t.k = s.k
WHEN NOT MATCHED THEN INSERT (k, v, note) VALUES (s.k, s.v, 'only');
-- plan contains operation=[INSERT]

SELECT k, v, note FROM kv WHERE k IN ('a', 'e') ORDER BY k;
K | V | NOTE
a | 20 | again
e | 5 | again

SELECT COUNT(*) AS n FROM kv;
N
5

# A source may be a query; ON compares the CHAR(1) k of the source with the VARCHAR(10) key through a cast.
MERGE INTO kv t USING (SELECT 'b' AS k, 99 AS v FROM (VALUES (0))) s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET v = t.v + s.v;
-- update 1

# WHEN MATCHED THEN UPDATE SET col = DEFAULT sets the column's declared default (NULL where none is declared), as
# UPDATE does; a key column without a default refuses it.
INSERT INTO src VALUES ('f', 6);
-- update 1

MERGE INTO kv t USING src s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET v = s.v * 10, note = DEFAULT
WHEN NOT MATCHED THEN INSERT (k, v, note) VALUES (s.k, s.v, 'ins');
-- update 3

SELECT * FROM kv ORDER BY k;
K | V | NOTE
a | 10 | new
b | 201 | third
c | 4 | new
d | 80 | new
e | 50 | new
f | 6 | ins

MERGE INTO kv AS t USING src AS s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET v = default;
-- update 3

SELECT k, v, note FROM kv WHERE v IS NULL ORDER BY k;
K | V | NOTE
a | NULL | new
e | NULL | new
f | NULL | ins

MERGE INTO kv t USING src s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET k = DEFAULT;
-- error 23502

# ON may compare any columns or expressions, not only the key. One source row may match several target rows (each
# changes once); a target row matched by several source rows is SQL's cardinality violation, and nothing changes.
CREATE TABLE grp (id INTEGER PRIMARY KEY, g BIGINT, v VARCHAR(10));

INSERT INTO grp VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 20, 'c');

CREATE TABLE gsrc (id INTEGER PRIMARY KEY, g INTEGER, v VARCHAR(10));

INSERT INTO gsrc VALUES (1, 20, 'twenty'), (2, 30, 'thirty');

MERGE INTO grp t USING gsrc s ON t.g = s.g
WHEN MATCHED THEN UPDATE SET v = s.v
WHEN NOT MATCHED THEN INSERT VALUES (s.g, s.g, s.v);
-- update 3

MERGE INTO grp t USING (VALUES (1, 'one')) AS s (a, b) ON t.g = s.a * 10
WHEN MATCHED THEN UPDATE SET v = s.b;
-- update 1

MERGE INTO grp t USING (VALUES (11, 'eleven'), (40, 'forty')) AS s (a, b) ON t.g + 1 = s.a
WHEN MATCHED THEN UPDATE SET v = s.b
WHEN NOT MATCHED THEN INSERT (id, g, v) VALUES (s.a, s.a, s.b);
-- update 2

SELECT * FROM grp ORDER BY id;
ID | G | V
1 | 10 | eleven
2 | 20 | twenty
3 | 20 | twenty
30 | 30 | thirty
40 | 40 | forty

INSERT INTO gsrc VALUES (3, 10, 'ten');

MERGE INTO grp t USING gsrc s ON t.g = s.g + 10 OR t.id = s.id
WHEN MATCHED THEN UPDATE SET v = s.v;
-- error 21000 cardinality violation

MERGE INTO grp t USING (VALUES (10, 'x'), (10, 'y')) AS s (a, b) ON t.g = s.a
WHEN MATCHED THEN UPDATE SET v = s.b
WHEN NOT MATCHED THEN INSERT VALUES (s.a, s.a, s.b);
-- error 21000 cardinality violation

SELECT * FROM grp ORDER BY id;
ID | G | V
1 | 10 | eleven
2 | 20 | twenty
3 | 20 | twenty
30 | 30 | thirty
40 | 40 | forty

# In a bag, where rows share keys, a target row is its values.
CREATE TABLE gbag (id INTEGER PRIMARY KEY, v VARCHAR(10)) WITH (kind = 'bag');

INSERT INTO gbag VALUES (1, 'a'), (1, 'b');

MERGE INTO gbag t USING (VALUES (1, 'x')) AS s (a, b) ON t.id = s.a WHEN MATCHED THEN UPDATE SET v = s.b || t.v;
-- update 2

MERGE INTO gbag t USING (VALUES (1, 'x'), (1, 'y')) AS s (a, b) ON t.id = s.a
WHEN MATCHED THEN UPDATE SET v = s.b;
-- error 21000

SELECT * FROM gbag ORDER BY v;
ID | V
1 | xa
1 | xb

# A source query's columns are what the query gives, in the ON condition, the SET and the INSERT alike, however
# they are computed; a source row that draws from a sequence draws once.
CREATE TABLE qsrc (id INTEGER PRIMARY KEY, name VARCHAR(10));

INSERT INTO qsrc VALUES (1, 'one'), (2, 'two');

CREATE TABLE qdst (id INTEGER PRIMARY KEY, name VARCHAR(10), note VARCHAR(10));

INSERT INTO qdst VALUES (102, 'old', 'kept');

MERGE INTO qdst t USING (SELECT id + 100 AS id, name FROM qsrc) AS s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET name = s.name
WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name);
-- update 2

MERGE INTO qdst t USING (SELECT name, id FROM qsrc) AS s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET name = s.name
WHEN NOT MATCHED THEN INSERT (id, note) VALUES (s.id, s.name);
-- update 2

MERGE INTO qdst t USING (VALUES (200 + 1, 'v')) AS s (id, name) ON t.id = s.id
WHEN MATCHED THEN UPDATE SET name = s.name
WHEN NOT MATCHED THEN INSERT (id, name, note) VALUES (s.id, s.name, s.name);
-- update 1

SELECT * FROM qdst ORDER BY id;
ID | NAME | NOTE
1 | NULL | one
2 | NULL | two
101 | one | NULL
102 | two | kept
201 | v | v

# A value of the source's columns is computed from the row the source gives.
MERGE INTO qdst t USING (SELECT id + 300 AS id, name FROM qsrc) AS s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET name = s.name
WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id * 2, UPPER(s.name) || s.id);
-- update 2

SELECT * FROM qdst WHERE id > 300 ORDER BY id;
ID | NAME | NOTE
602 | ONE301 | NULL
604 | TWO302 | NULL

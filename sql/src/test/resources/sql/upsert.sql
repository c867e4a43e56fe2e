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

MERGE INTO kv t USING src s ON t.k = s.k
WHEN NOT MATCHED THEN INSERT (k, v, note) VALUES (s.k, s.v, 'only');
-- error 0A000 WHEN MATCHED

MERGE INTO kv t USING src s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET note = 'again'
WHEN NOT MATCHED THEN INSERT (k, v, note) VALUES (s.k, s.v, 'only');
-- update 2

SELECT k, v, note FROM kv WHERE k IN ('a', 'e') ORDER BY k;
K | V | NOTE
a | 20 | again
e | 5 | only

SELECT COUNT(*) AS n FROM kv;
N
5

# Some sources are laid out differently by Calcite; Mnemo refuses them rather than guess.
MERGE INTO kv t USING (SELECT 'b' AS k, 99 AS v FROM (VALUES (0))) s ON t.k = s.k
WHEN MATCHED THEN UPDATE SET v = t.v + s.v;
-- error 0A000

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
b | 102 | third
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

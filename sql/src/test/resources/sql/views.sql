# Views: CREATE [OR REPLACE] VIEW [IF NOT EXISTS] v [(cols)] AS query, DROP VIEW [IF EXISTS] v [CASCADE | RESTRICT].

CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL, price DECIMAL(8,2), qty INTEGER)
WITH (kind = 'ordered_set');

INSERT INTO item VALUES (1, 'apple', 0.50, 10), (2, 'pear', 0.75, 0), (3, 'plum', 1.20, 4);
-- update 3

CREATE VIEW in_stock AS SELECT id, name, price * qty AS worth FROM item WHERE qty > 0;
-- update 0

SELECT * FROM in_stock ORDER BY id;
ID | NAME | WORTH
1 | apple | 5.00
3 | plum | 4.80

# A view reads the table as it is now.
UPDATE item SET qty = 1 WHERE id = 2;
-- update 1

SELECT name FROM in_stock WHERE worth < 1 ORDER BY name;
NAME
pear

# Columns named by a column list; views over views; joins of a view with a table.
CREATE VIEW cheap (item_id, label) AS SELECT id, UPPER(name) FROM in_stock WHERE worth < 5;

SELECT c.item_id, c.label, i.qty FROM cheap c JOIN item i ON i.id = c.item_id ORDER BY c.item_id;
ITEM_ID | LABEL | QTY
2 | PEAR | 1
3 | PLUM | 4

SELECT COUNT(*) AS n FROM cheap;
N
2

CREATE VIEW names_only (a, b) AS SELECT name FROM item;
-- error 42000 names 2 columns, but its query gives 1

CREATE VIEW twice AS SELECT id, name AS id FROM item;
-- error 42000 two columns of one name

# A view's column may take the name of a table's hidden row id: only that of a table without a primary key is
# hidden, and a view's is a column its query or column list named, which SELECT * shows.
CREATE VIEW rowid_named AS SELECT id, name AS mnemo$rowid FROM item;
-- update 0

CREATE VIEW rowid_listed (a, mnemo$rowid) AS SELECT id, name FROM item;
-- update 0

SELECT * FROM rowid_named WHERE id = 1;
ID | MNEMO$ROWID
1 | apple

SELECT * FROM rowid_listed WHERE a = 3;
A | MNEMO$ROWID
3 | plum

DROP VIEW rowid_named;
-- update 0

DROP VIEW rowid_listed;
-- update 0

SELECT COUNT(*) AS n FROM information_schema.views WHERE table_name LIKE 'ROWID%';
N
0

# The query is validated as a query is.
CREATE VIEW broken AS SELECT id FROM missing;
-- error 42S02

CREATE VIEW broken AS SELECT nope FROM item;
-- error 42S22

CREATE VIEW broken AS SELEC id FROM item;
-- error 42601 did you mean SELECT?

SELECT * FROM broken;
-- error 42S02

CREATE VIEW broken AS SELECT id FROM item WHERE id = ?;
-- error 42000 cannot have parameters

# A query of constants, and one with an ORDER BY on a column it does not give.
CREATE VIEW pair (a, b) AS VALUES (1, 'x'), (2, 'y');

SELECT b FROM pair WHERE a = 2;
B
y

CREATE VIEW by_price AS SELECT name FROM item ORDER BY price DESC;

SELECT name FROM by_price ORDER BY name;
NAME
apple
pear
plum

EXPLAIN PLAN FOR SELECT name FROM in_stock WHERE id = 3;
-- plan contains KEY_EQ

# One namespace for tables, sequences and views.
CREATE VIEW item AS SELECT 1 AS x;
-- error 42S01 a table has that name

CREATE TABLE in_stock (id BIGINT PRIMARY KEY);
-- error 42S01 a view has that name

CREATE SEQUENCE in_stock;
-- error 42S01 a view has that name

CREATE SEQUENCE counter;

CREATE VIEW counter AS SELECT 1 AS x;
-- error 42S01 a sequence has that name

CREATE VIEW in_stock AS SELECT 1 AS x;
-- error 42S01 already exists

CREATE VIEW IF NOT EXISTS in_stock AS SELECT 1 AS x;
-- update 0

SELECT COUNT(*) AS n FROM in_stock;
N
3

CREATE VIEW mnemo$mine AS SELECT 1 AS x;
-- error 42000 reserved

# Views are read-only.
INSERT INTO in_stock (id, name, worth) VALUES (9, 'fig', 1);
-- error 0A000 views are read-only

UPSERT INTO in_stock (id, name, worth) VALUES (9, 'fig', 1);
-- error 0A000 views are read-only

UPDATE in_stock SET name = 'x';
-- error 0A000 views are read-only

DELETE FROM in_stock WHERE id = 1;
-- error 0A000 views are read-only

MERGE INTO in_stock t USING item s ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name;
-- error 0A000 views are read-only

EXPLAIN PLAN FOR DELETE FROM in_stock;
-- error 0A000 views are read-only

# CREATE OR REPLACE: the next run of a statement reads the new definition (its cached plan is not reused).
SELECT label FROM cheap ORDER BY label;
LABEL
PEAR
PLUM

CREATE OR REPLACE VIEW cheap (item_id, label) AS SELECT id, name FROM item WHERE price < 1;

SELECT label FROM cheap ORDER BY label;
LABEL
apple
pear

CREATE OR REPLACE VIEW cheap (label) AS SELECT name FROM item WHERE id = 3;

SELECT label FROM cheap ORDER BY label;
LABEL
plum

SELECT item_id FROM cheap;
-- error 42S22

CREATE OR REPLACE VIEW cheap AS SELECT * FROM cheap;
-- error 42000 refers to itself

# A column added to a table does not change a SELECT * view; a column it reads dropped makes it unreadable.
CREATE VIEW everything AS SELECT * FROM item;

ALTER TABLE item ADD COLUMN colour VARCHAR(10) DEFAULT 'green';

SELECT * FROM everything WHERE id = 1;
ID | NAME | PRICE | QTY
1 | apple | 0.50 | 10

ALTER TABLE item DROP COLUMN qty;

SELECT * FROM everything WHERE id = 1;
-- error 42S22 view EVERYTHING cannot be read

SELECT * FROM in_stock;
-- error 42S22 view IN_STOCK cannot be read

CREATE OR REPLACE VIEW everything AS SELECT * FROM item;

SELECT * FROM everything WHERE id = 1;
ID | NAME | PRICE | COLOUR
1 | apple | 0.50 | green

# DROP VIEW; a view whose table is gone fails with the unknown table.
DROP VIEW in_stock;

SELECT * FROM in_stock;
-- error 42S02

DROP VIEW in_stock;
-- error 42S02 view IN_STOCK does not exist

DROP VIEW IF EXISTS in_stock;
-- update 0

# DROP TABLE (RESTRICT, the default) refuses while views read the table, naming them; CASCADE drops them with it.
DROP TABLE item;
-- error 2BP01 view CHEAP reads it, view EVERYTHING reads it

DROP TABLE item RESTRICT;
-- error 2BP01 CASCADE

SELECT COUNT(*) AS n FROM everything;
N
3

CREATE VIEW pricey AS SELECT name FROM (SELECT * FROM item) AS i WHERE price > 1;

CREATE VIEW on_view AS SELECT label FROM cheap UNION SELECT name FROM pricey;

CREATE VIEW on_on_view AS SELECT COUNT(*) AS n FROM on_view;

CREATE TABLE other (id BIGINT PRIMARY KEY);

CREATE VIEW elsewhere AS SELECT id FROM other WHERE id IN (SELECT id FROM other);

# DROP VIEW likewise: a view that other views read, directly or through others, goes only with CASCADE.
DROP VIEW on_view;
-- error 2BP01 view ON_ON_VIEW reads it

DROP VIEW on_view RESTRICT;
-- error 2BP01 ON_ON_VIEW

DROP VIEW on_on_view RESTRICT;

CREATE VIEW on_on_view AS SELECT COUNT(*) AS n FROM on_view;

DROP VIEW on_view CASCADE;

SELECT * FROM on_on_view;
-- error 42S02

DROP TABLE item CASCADE;

SELECT * FROM everything;
-- error 42S02

SELECT label FROM cheap;
-- error 42S02

SELECT * FROM pricey;
-- error 42S02

DROP VIEW everything;
-- error 42S02

SELECT COUNT(*) AS n FROM elsewhere;
N
0

DROP TABLE other CASCADE;

DROP VIEW IF EXISTS nothing CASCADE;
-- update 0

DROP TABLE IF EXISTS nothing CASCADE;
-- update 0

DROP TABLE nothing CASCADE;
-- error 42S02

CREATE TABLE everything (id BIGINT PRIMARY KEY);

CREATE VIEW shadow AS SELECT id FROM everything;

ALTER TABLE everything RENAME TO shadow;
-- error 42S01 a view has that name

SELECT COUNT(*) AS n FROM shadow;
N
0

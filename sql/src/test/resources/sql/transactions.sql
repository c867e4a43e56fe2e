# With auto-commit off, statements share a transaction: they see their own writes, other connections do not
# until commit, and rollback discards them. A failed statement undoes only its own writes.

CREATE TABLE acct (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL);

INSERT INTO acct VALUES (1, 100), (2, 100);

!autocommit off

UPDATE acct SET balance = balance - 30 WHERE id = 1;
-- update 1

UPDATE acct SET balance = balance + 30 WHERE id = 2;
-- update 1

SELECT id, balance FROM acct ORDER BY id;
ID | BALANCE
1 | 70
2 | 130

!connection other

SELECT id, balance FROM acct ORDER BY id;
ID | BALANCE
1 | 100
2 | 100

!connection main

!commit

!connection other

SELECT SUM(balance) AS total, MIN(balance) AS lo FROM acct;
TOTAL | LO
200 | 70

!connection main

INSERT INTO acct VALUES (3, 5);
-- update 1

SELECT COUNT(*) AS n FROM acct;
N
3

!rollback

SELECT COUNT(*) AS n FROM acct;
N
2

INSERT INTO acct VALUES (4, 1);
-- update 1

INSERT INTO acct VALUES (5, 1), (1, 1);
-- error 23505

SELECT id FROM acct ORDER BY id;
ID
1
2
4

# A scalar subquery of more than one row fails that statement only; the transaction goes on.
UPDATE acct SET balance = (SELECT balance FROM acct) WHERE id = 4;
-- error 21000

SELECT id, balance FROM acct WHERE id = 4;
ID | BALANCE
4 | 1

COMMIT;

ROLLBACK;

SELECT id FROM acct ORDER BY id;
ID
1
2
4

!autocommit on

INSERT INTO acct VALUES (6, 1);

!connection other

SELECT COUNT(*) AS n FROM acct;
N
4

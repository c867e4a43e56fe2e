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

# SAVEPOINT, ROLLBACK TO SAVEPOINT and RELEASE SAVEPOINT written as statements, as consoles and scripts write them.
!autocommit on
CREATE TABLE sp (id INTEGER PRIMARY KEY);

SAVEPOINT outside;
-- error 25000

!autocommit off
INSERT INTO sp VALUES (1);
-- update 1

SAVEPOINT a;
-- update 0

INSERT INTO sp VALUES (2);
-- update 1

SAVEPOINT b;

INSERT INTO sp VALUES (3);
-- update 1

ROLLBACK TO SAVEPOINT b;

SELECT id FROM sp ORDER BY id;
ID
1
2

ROLLBACK WORK TO a;

SELECT id FROM sp ORDER BY id;
ID
1

# Rolling back to a savepoint drops those set after it; it stays itself, to roll back to again.
ROLLBACK TO SAVEPOINT b;
-- error 3B001 B

INSERT INTO sp VALUES (4);
-- update 1

ROLLBACK TO a;

SELECT id FROM sp ORDER BY id;
ID
1

SAVEPOINT c;

RELEASE SAVEPOINT c;

ROLLBACK TO c;
-- error 3B001

RELEASE nope;
-- error 3B001

INSERT INTO sp VALUES (5);
-- update 1

COMMIT;

SELECT id FROM sp ORDER BY id;
ID
1
5

# A transaction's end forgets its savepoints.
ROLLBACK TO a;
-- error 3B001

SAVEPOINT d;

INSERT INTO sp VALUES (6);
-- update 1

ROLLBACK;

ROLLBACK TO d;
-- error 3B001

SELECT id FROM sp ORDER BY id;
ID
1
5

!autocommit on

/* db: the one door to the database engine. Every other store file speaks
 * SQL through these helpers, so SQL reads like SQL and engine differences
 * stay here.
 *
 * SQL conventions (portable between engines):
 *   - parameters are written $1, $2 ... and bound by number;
 *   - inserts end with "RETURNING id" and read the id as a row;
 *   - times are ISO 8601 text computed in C (lib/timeutil.h), never SQL
 *     time functions.
 *
 * Connections: one per thread (db_thread()), each with its own cache of
 * prepared statements keyed by the address of the SQL text, so statements
 * are prepared once per connection. Pass string literals to db_prepare(). */
#ifndef ALLIANCE_DB_H
#define ALLIANCE_DB_H
#include <stdbool.h>

typedef struct Db Db;
typedef struct DbStmt DbStmt;

typedef enum {
    DB_OK = 0,
    DB_ROW,         /* db_step: a row is ready */
    DB_DONE,        /* db_step: no more rows */
    DB_CONSTRAINT,  /* unique, foreign key or check violated */
    DB_ERROR,
} DbStatus;

/* Where the data lives, set once at start: a SQLite file ("alliance.db",
 * "sqlite:file") or "postgresql://user@host:port/dbname". */
void db_configure(const char *url);
const char *db_url(void);
/* Opens a new connection to url; NULL on failure with a message in err
 * (static or caller-provided buffer of 256 bytes). Applies pragmas. */
Db *db_open(const char *url, char err[256]);
void db_close(Db *db);
/* "sqlite" or "postgresql". */
const char *db_engine_name(Db *db);
/* This thread's connection, opened on first use from db_configure()'s url.
 * NULL when the database cannot be opened. Closed by db_thread_close(). */
Db *db_thread(void);
void db_thread_close(void);

DbStatus db_exec(Db *db, const char *sql);          /* one or more statements, no parameters */
/* Like db_exec for migration text written in SQLite's dialect, rewritten
 * for the engine in use (INTEGER PRIMARY KEY becomes an identity column). */
DbStatus db_exec_migration(Db *db, const char *sql);
DbStmt *db_prepare(Db *db, const char *sql);        /* cached; reset and unbound; NULL on error */
/* A statement built at run time (not cached): for tools such as the copy
 * between engines. Free it with db_finalize(). */
DbStmt *db_prepare_once(Db *db, const char *sql);
void db_finalize(DbStmt *st);
int db_col_count(DbStmt *st);        /* after the first step on PostgreSQL */
const char *db_col_name(DbStmt *st, int col);
/* After rows were inserted with explicit ids, makes the engine generate
 * ids after the largest one. */
DbStatus db_sync_ids(Db *db, const char *table);
/* Holds (lock) or releases the lock that lets one process at a time
 * migrate the schema, e.g. several servers starting together. */
DbStatus db_lock_schema(Db *db, bool lock);
/* Backups (SQLite only; false from db_can_backup on PostgreSQL, whose
 * pg_dump does it). db_backup copies the live database into path through
 * SQLite's online backup API: one consistent snapshot, writers go on. */
bool db_can_backup(Db *db);
DbStatus db_backup(Db *db, const char *path, char err[256]);
/* Outside a transaction: the SQLite file takes in its write-ahead log and
 * the log is emptied, so no older copy of a page survives there (after an
 * erasure). DB_OK at once on PostgreSQL. */
DbStatus db_checkpoint(Db *db);
/* An advisory lock on a SQLite file that says who uses it: serve holds it
 * shared for its lifetime, restore exclusive. Returns a descriptor to keep
 * open (closing it releases the lock), -1 when another process holds it in
 * a conflicting mode (errno EWOULDBLOCK) or on error, and -2 for urls that
 * are not SQLite files (nothing to hold). */
int db_file_hold(const char *url, bool exclusive);
void db_bind_int(DbStmt *st, int idx, long long v);
void db_bind_text(DbStmt *st, int idx, const char *v);  /* NULL binds SQL NULL */
void db_bind_null(DbStmt *st, int idx);
DbStatus db_step(DbStmt *st);
long long db_col_int(DbStmt *st, int col);
const char *db_col_text(DbStmt *st, int col);       /* NULL for SQL NULL; valid until next step */
bool db_col_is_null(DbStmt *st, int col);
/* Runs a prepared statement that returns no row (or ignores rows). */
DbStatus db_run(DbStmt *st);
/* Resets every statement left mid-iteration, e.g. before a commit. */
void db_reset_all(Db *db);
int db_changes(Db *db);                              /* rows changed by the last statement */
const char *db_errmsg(Db *db);

/* Transactions: a write transaction takes the write lock at once, so two
 * writers never both read and then both write (BEGIN IMMEDIATE on SQLite). */
DbStatus db_begin_write(Db *db);
DbStatus db_begin_read(Db *db);
DbStatus db_commit(Db *db);
void db_rollback(Db *db);
bool db_in_transaction(Db *db);

/* Changes: how servers sharing one database learn of each other's writes.
 * A write transaction that appends to a log read "by id" calls
 * db_order_commits first: until it ends, every other caller waits, so ids
 * become visible in increasing order and a reader that remembers the last
 * id it saw misses nothing. db_notify_changes wakes, on commit, every
 * connection that called db_listen_changes; db_wait_changes waits for such
 * a wake-up: 1 woken, 0 timed out, -1 the connection is broken. */
DbStatus db_order_commits(Db *db);
DbStatus db_notify_changes(Db *db);
DbStatus db_listen_changes(Db *db);
int db_wait_changes(Db *db, int timeout_ms);

#endif

/* db_pg: the PostgreSQL engine behind db.h (see db_engine.h), on libpq.
 *
 * Statements are prepared once per connection under the name "s<slot>"
 * and executed with text parameters; a result is fetched whole and
 * stepped through row by row. Write transactions run at READ COMMITTED:
 * every update in the store is guarded by its version (UPDATE ... WHERE
 * version = $n) or a unique constraint, and PostgreSQL's row locks make a
 * second writer re-check that guard after the first commits, so two edits
 * never silently overwrite each other. Read-only requests see one
 * snapshot (REPEATABLE READ). */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "../lib/buf.h"
#include "db_engine.h"

enum { MAX_PARAMS = 32 };

typedef struct {
    PGconn *pg;
    int changes;
} PgConn;

typedef struct {
    PgConn *conn;
    char name[16];
    int nparams;
    char *values[MAX_PARAMS];
    PGresult *res;
    int row, nrows;
} PgStmt;

static DbStatus map_result(PGresult *res) {
    switch (PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK: return DB_OK;
    default: {
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        if (state && strncmp(state, "23", 2) == 0) return DB_CONSTRAINT;
        fprintf(stderr, "alliance: sql: %s", PQresultErrorMessage(res));
        return DB_ERROR;
    }
    }
}

static void notice_quiet(void *arg, const char *msg) {
    (void)arg;
    (void)msg; /* "relation already exists, skipping" and the like */
}

static void *pg_open(const char *url, char err[256]) {
    PgConn *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->pg = PQconnectdb(url);
    if (PQstatus(c->pg) != CONNECTION_OK) {
        snprintf(err, 256, "cannot connect to PostgreSQL: %s", PQerrorMessage(c->pg));
        PQfinish(c->pg);
        free(c);
        return NULL;
    }
    PQsetNoticeProcessor(c->pg, notice_quiet, NULL);
    PGresult *r = PQexec(c->pg, "SET TIME ZONE 'UTC'");
    PQclear(r);
    return c;
}

static bool pg_alive(void *conn) { return PQstatus(((PgConn *)conn)->pg) == CONNECTION_OK; }

static void pg_close(void *conn) {
    PgConn *c = conn;
    PQfinish(c->pg);
    free(c);
}

static DbStatus pg_exec(void *conn, const char *sql) {
    PgConn *c = conn;
    PGresult *r = PQexec(c->pg, sql);
    DbStatus s = map_result(r);
    PQclear(r);
    return s;
}

/* Highest $n in the text: the number of parameters to send. */
static int count_params(const char *sql) {
    int max = 0;
    for (const char *p = sql; *p; p++)
        if (*p == '$' && isdigit((unsigned char)p[1])) {
            int n = atoi(p + 1);
            if (n > max) max = n;
        }
    return max;
}

static void *pg_prepare(void *conn, const char *sql, int slot) {
    PgConn *c = conn;
    int n = count_params(sql);
    if (n > MAX_PARAMS) return NULL;
    PgStmt *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->conn = c;
    st->nparams = n;
    snprintf(st->name, sizeof st->name, "s%d", slot);
    PGresult *r = PQprepare(c->pg, st->name, sql, 0, NULL);
    DbStatus s = map_result(r);
    PQclear(r);
    if (s != DB_OK) {
        free(st);
        return NULL;
    }
    return st;
}

static void clear_result(PgStmt *st) {
    PQclear(st->res);
    st->res = NULL;
    st->row = st->nrows = 0;
}

static void pg_reset(void *stmt) {
    PgStmt *st = stmt;
    clear_result(st);
    for (int i = 0; i < st->nparams; i++) {
        free(st->values[i]);
        st->values[i] = NULL;
    }
}

static void pg_finalize(void *conn, void *stmt) {
    PgStmt *st = stmt;
    pg_reset(st);
    if (conn) { /* a closing session forgets its statements by itself */
        char sql[40];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
        PQclear(PQexec(((PgConn *)conn)->pg, sql));
    }
    free(st);
}

static void set_param(PgStmt *st, int idx, char *v) {
    if (idx < 1 || idx > st->nparams) {
        free(v);
        return;
    }
    free(st->values[idx - 1]);
    st->values[idx - 1] = v;
}

static void pg_bind_int(void *stmt, int idx, long long v) {
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", v);
    set_param(stmt, idx, strdup(buf));
}

static void pg_bind_text(void *stmt, int idx, const char *v) { set_param(stmt, idx, v ? strdup(v) : NULL); }

static DbStatus pg_step(void *stmt) {
    PgStmt *st = stmt;
    if (!st->res) {
        st->res = PQexecPrepared(st->conn->pg, st->name, st->nparams, (const char *const *)st->values, NULL, NULL, 0);
        DbStatus s = map_result(st->res);
        if (s != DB_OK) {
            clear_result(st);
            return s;
        }
        st->nrows = PQresultStatus(st->res) == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
        const char *changed = PQcmdTuples(st->res);
        st->conn->changes = changed && *changed ? atoi(changed) : 0;
        st->row = 0;
    }
    if (st->row < st->nrows) {
        st->row++;
        return DB_ROW;
    }
    clear_result(st); /* like SQLite: the next step runs the statement again */
    return DB_DONE;
}

static long long pg_col_int(void *stmt, int col) {
    PgStmt *st = stmt;
    return st->res ? atoll(PQgetvalue(st->res, st->row - 1, col)) : 0;
}
static const char *pg_col_text(void *stmt, int col) {
    PgStmt *st = stmt;
    if (!st->res || PQgetisnull(st->res, st->row - 1, col)) return NULL;
    return PQgetvalue(st->res, st->row - 1, col);
}
static bool pg_col_is_null(void *stmt, int col) {
    PgStmt *st = stmt;
    return !st->res || PQgetisnull(st->res, st->row - 1, col);
}
static int pg_col_count(void *stmt) {
    PgStmt *st = stmt;
    return st->res ? PQnfields(st->res) : 0;
}
static const char *pg_col_name(void *stmt, int col) {
    PgStmt *st = stmt;
    return st->res ? PQfname(st->res, col) : NULL;
}
static int pg_changes(void *conn) { return ((PgConn *)conn)->changes; }
static const char *pg_errmsg(void *conn) { return PQerrorMessage(((PgConn *)conn)->pg); }
static void pg_reset_all(void *conn) { (void)conn; /* results are fetched whole: nothing holds a lock */ }
static DbStatus pg_begin_write(void *conn) { return pg_exec(conn, "BEGIN"); }
static DbStatus pg_begin_read(void *conn) {
    return pg_exec(conn, "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}
static bool pg_in_transaction(void *conn) { return PQtransactionStatus(((PgConn *)conn)->pg) != PQTRANS_IDLE; }

/* Whole-word replacement of type names in migration text. */
static char *pg_dialect(const char *sql) {
    static const struct {
        const char *from, *to;
    } words[] = {
        {"INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {"INTEGER", "BIGINT"},
    };
    Buf b = BUF_INIT;
    for (const char *p = sql; *p;) {
        bool done = false;
        bool boundary = p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        for (size_t i = 0; boundary && !done && i < sizeof words / sizeof words[0]; i++) {
            size_t n = strlen(words[i].from);
            if (strncmp(p, words[i].from, n) == 0 && !(isalnum((unsigned char)p[n]) || p[n] == '_')) {
                buf_puts(&b, words[i].to);
                p += n;
                done = true;
            }
        }
        if (!done) buf_append(&b, p++, 1);
    }
    return buf_take(&b);
}

static DbStatus pg_sync_ids(void *conn, const char *table) {
    PgConn *c = conn;
    const char *params[1] = {table};
    char sql[200];
    /* table names come from the store's own list, never from input */
    snprintf(sql, sizeof sql,
             "SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM %s), false)", table);
    PGresult *r = PQexecParams(c->pg, sql, 1, NULL, params, NULL, NULL, 0);
    DbStatus s = map_result(r);
    PQclear(r);
    return s;
}

/* A session-level advisory lock; the key is arbitrary but fixed ("ALLI"). */
static DbStatus pg_lock_schema(void *conn, bool lock) {
    return pg_exec(conn, lock ? "SELECT pg_advisory_lock(1095519305)" : "SELECT pg_advisory_unlock(1095519305)");
}

/* A transaction-level advisory lock ("ALLJ"), released by COMMIT/ROLLBACK
 * after the commit is visible, so the next holder's ids come after. */
static DbStatus pg_order_commits(void *conn) { return pg_exec(conn, "SELECT pg_advisory_xact_lock(1095519306)"); }
static DbStatus pg_notify_changes(void *conn) { return pg_exec(conn, "NOTIFY alliance_changes"); }
static DbStatus pg_listen_changes(void *conn) { return pg_exec(conn, "LISTEN alliance_changes"); }

static int pg_wait_changes(void *conn, int timeout_ms) {
    PGconn *pg = ((PgConn *)conn)->pg;
    int woken = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (!PQconsumeInput(pg)) return -1;
        PGnotify *n;
        while ((n = PQnotifies(pg))) {
            woken = 1;
            PQfreemem(n);
        }
        if (woken || pass == 1) break;
        int fd = PQsocket(pg);
        if (fd < 0) return -1;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, timeout_ms);
        if (r < 0 && errno != EINTR) return -1;
        if (r <= 0) break;
    }
    return woken;
}

const DbEngine DB_POSTGRES = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .alive = pg_alive,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .col_is_null = pg_col_is_null,
    .changes = pg_changes,
    .errmsg = pg_errmsg,
    .reset_all = pg_reset_all,
    .begin_write = pg_begin_write,
    .begin_read = pg_begin_read,
    .in_transaction = pg_in_transaction,
    .dialect = pg_dialect,
    .sync_ids = pg_sync_ids,
    .lock_schema = pg_lock_schema,
    .order_commits = pg_order_commits,
    .notify_changes = pg_notify_changes,
    .listen_changes = pg_listen_changes,
    .wait_changes = pg_wait_changes,
};

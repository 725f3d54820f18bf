/* db_sqlite: the SQLite engine behind db.h.
 * WAL with synchronous=FULL: an acknowledged write survives a power loss
 * (NORMAL may lose the last commits). busy_timeout lets writers queue. */
#include "db.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "../lib/buf.h"

enum { STMT_CACHE = 256 };

struct DbStmt {
    sqlite3_stmt *st;
    const char *key; /* address of the SQL literal */
};

struct Db {
    sqlite3 *h;
    DbStmt cache[STMT_CACHE];
};

static char *g_url;
/* A key with a destructor rather than _Thread_local, so that a worker
 * thread's connection is closed when the server stops its threads. */
static pthread_key_t t_key;
static pthread_once_t t_once = PTHREAD_ONCE_INIT;
static void thread_db_free(void *db) { db_close(db); }
static void make_key(void) { pthread_key_create(&t_key, thread_db_free); }

void db_configure(const char *url) {
    free(g_url);
    g_url = strdup(url);
}

const char *db_url(void) { return g_url ? g_url : "alliance.db"; }

static const char *sqlite_path(const char *url) {
    if (strncmp(url, "sqlite:", 7) == 0) return url + 7;
    return url;
}

Db *db_open(const char *url, char err[256]) {
    Db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, 256, "out of memory");
        return NULL;
    }
    int rc = sqlite3_open_v2(sqlite_path(url), &db->h,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, 256, "cannot open %s: %s", url, db->h ? sqlite3_errmsg(db->h) : "?");
        sqlite3_close(db->h);
        free(db);
        return NULL;
    }
    sqlite3_busy_timeout(db->h, 10000);
    sqlite3_extended_result_codes(db->h, 1);
    if (db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;") != DB_OK) {
        snprintf(err, 256, "cannot configure %s: %s", url, sqlite3_errmsg(db->h));
        db_close(db);
        return NULL;
    }
    return db;
}

void db_close(Db *db) {
    if (!db) return;
    for (int i = 0; i < STMT_CACHE; i++) sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->h);
    free(db);
}

Db *db_thread(void) {
    pthread_once(&t_once, make_key);
    Db *db = pthread_getspecific(t_key);
    if (!db) {
        char err[256];
        db = db_open(db_url(), err);
        if (!db) fprintf(stderr, "alliance: %s\n", err);
        pthread_setspecific(t_key, db);
    }
    return db;
}

void db_thread_close(void) {
    pthread_once(&t_once, make_key);
    db_close(pthread_getspecific(t_key));
    pthread_setspecific(t_key, NULL);
}

static DbStatus map_rc(int rc) {
    switch (rc & 0xff) {
    case SQLITE_OK: return DB_OK;
    case SQLITE_ROW: return DB_ROW;
    case SQLITE_DONE: return DB_DONE;
    case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
    default: return DB_ERROR;
    }
}

DbStatus db_exec(Db *db, const char *sql) {
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) fprintf(stderr, "alliance: sql: %s\n", msg ? msg : sqlite3_errmsg(db->h));
    sqlite3_free(msg);
    return map_rc(rc);
}

/* "$1" -> "?1": SQLite numbers "?NNN" parameters by their digits, which
 * keeps $n meaning the same thing as on PostgreSQL whatever the order. */
static char *translate_params(const char *sql) {
    Buf b = BUF_INIT;
    for (const char *p = sql; *p; p++) {
        if (*p == '$' && p[1] >= '0' && p[1] <= '9') buf_append(&b, "?", 1);
        else buf_append(&b, p, 1);
    }
    return buf_take(&b);
}

DbStmt *db_prepare(Db *db, const char *sql) {
    size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
    for (size_t i = 0; i < STMT_CACHE; i++) {
        DbStmt *s = &db->cache[(h + i) % STMT_CACHE];
        if (s->key == sql) {
            sqlite3_reset(s->st);
            sqlite3_clear_bindings(s->st);
            return s;
        }
        if (!s->key) {
            char *text = translate_params(sql);
            int rc = sqlite3_prepare_v2(db->h, text, -1, &s->st, NULL);
            free(text);
            if (rc != SQLITE_OK) {
                fprintf(stderr, "alliance: prepare: %s\n  in: %s\n", sqlite3_errmsg(db->h), sql);
                s->st = NULL;
                return NULL;
            }
            s->key = sql;
            return s;
        }
    }
    fprintf(stderr, "alliance: statement cache full\n");
    return NULL;
}

void db_bind_int(DbStmt *st, int idx, long long v) { sqlite3_bind_int64(st->st, idx, v); }
void db_bind_text(DbStmt *st, int idx, const char *v) {
    if (v) sqlite3_bind_text(st->st, idx, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st->st, idx);
}
void db_bind_null(DbStmt *st, int idx) { sqlite3_bind_null(st->st, idx); }

DbStatus db_step(DbStmt *st) {
    int rc = sqlite3_step(st->st);
    DbStatus s = map_rc(rc);
    if (s == DB_ERROR)
        fprintf(stderr, "alliance: step: %s\n", sqlite3_errmsg(sqlite3_db_handle(st->st)));
    if (s != DB_ROW) sqlite3_reset(st->st);
    return s;
}

DbStatus db_run(DbStmt *st) {
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {}
    return s == DB_DONE ? DB_OK : s;
}

long long db_col_int(DbStmt *st, int col) { return sqlite3_column_int64(st->st, col); }
const char *db_col_text(DbStmt *st, int col) { return (const char *)sqlite3_column_text(st->st, col); }
bool db_col_is_null(DbStmt *st, int col) { return sqlite3_column_type(st->st, col) == SQLITE_NULL; }
int db_changes(Db *db) { return sqlite3_changes(db->h); }
const char *db_errmsg(Db *db) { return sqlite3_errmsg(db->h); }

DbStatus db_begin_write(Db *db) { return db_exec(db, "BEGIN IMMEDIATE"); }
DbStatus db_begin_read(Db *db) { return db_exec(db, "BEGIN"); }
DbStatus db_commit(Db *db) {
    db_reset_all(db); /* a statement left mid-iteration would block the commit */
    return db_exec(db, "COMMIT");
}
void db_rollback(Db *db) {
    if (!sqlite3_get_autocommit(db->h)) sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}
bool db_in_transaction(Db *db) { return !sqlite3_get_autocommit(db->h); }

void db_reset_all(Db *db) {
    for (sqlite3_stmt *s = sqlite3_next_stmt(db->h, NULL); s; s = sqlite3_next_stmt(db->h, s)) sqlite3_reset(s);
}

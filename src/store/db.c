/* db: the engine-independent half of db.h: which engine a url means, one
 * connection per thread, and the per-connection cache of prepared
 * statements keyed by the address of the SQL literal. */
#include "db.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "db_engine.h"

enum { STMT_CACHE = 256 };

struct DbStmt {
    const DbEngine *engine;
    Db *db;           /* set for one-off statements (db_prepare_once) */
    void *st;
    const char *key; /* address of the SQL literal */
};

struct Db {
    const DbEngine *engine;
    void *conn;
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

static const DbEngine *engine_for(const char *url) {
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) return &DB_POSTGRES;
    return &DB_SQLITE;
}

const char *db_engine_name(Db *db) { return db->engine->name; }

Db *db_open(const char *url, char err[256]) {
    Db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, 256, "out of memory");
        return NULL;
    }
    db->engine = engine_for(url);
    db->conn = db->engine->open(url, err);
    if (!db->conn) {
        free(db);
        return NULL;
    }
    return db;
}

void db_close(Db *db) {
    if (!db) return;
    for (int i = 0; i < STMT_CACHE; i++)
        if (db->cache[i].st) db->engine->finalize(NULL, db->cache[i].st);
    db->engine->close(db->conn);
    free(db);
}

Db *db_thread(void) {
    pthread_once(&t_once, make_key);
    Db *db = pthread_getspecific(t_key);
    if (db && db->engine->alive && !db->engine->alive(db->conn)) {
        /* e.g. PostgreSQL restarted: its prepared statements are gone too,
         * so the whole connection and its cache are opened anew */
        fprintf(stderr, "alliance: database connection lost, reconnecting\n");
        db_close(db);
        db = NULL;
    }
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

DbStatus db_exec(Db *db, const char *sql) { return db->engine->exec(db->conn, sql); }

DbStatus db_exec_migration(Db *db, const char *sql) {
    char *text = db->engine->dialect ? db->engine->dialect(sql) : NULL;
    DbStatus s = db->engine->exec(db->conn, text ? text : sql);
    free(text);
    return s;
}

DbStmt *db_prepare(Db *db, const char *sql) {
    size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
    for (size_t i = 0; i < STMT_CACHE; i++) {
        size_t slot = (h + i) % STMT_CACHE;
        DbStmt *s = &db->cache[slot];
        if (s->key == sql) {
            db->engine->reset(s->st);
            return s;
        }
        if (!s->key) {
            s->st = db->engine->prepare(db->conn, sql, (int)slot);
            if (!s->st) {
                fprintf(stderr, "alliance: prepare: %s\n  in: %s\n", db->engine->errmsg(db->conn), sql);
                return NULL;
            }
            s->engine = db->engine;
            s->key = sql;
            return s;
        }
    }
    fprintf(stderr, "alliance: statement cache full\n");
    return NULL;
}

void db_bind_int(DbStmt *st, int idx, long long v) { st->engine->bind_int(st->st, idx, v); }
void db_bind_text(DbStmt *st, int idx, const char *v) { st->engine->bind_text(st->st, idx, v); }
void db_bind_null(DbStmt *st, int idx) { st->engine->bind_text(st->st, idx, NULL); }
DbStatus db_step(DbStmt *st) { return st->engine->step(st->st); }

DbStatus db_run(DbStmt *st) {
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {}
    return s == DB_DONE ? DB_OK : s;
}

long long db_col_int(DbStmt *st, int col) { return st->engine->col_int(st->st, col); }
const char *db_col_text(DbStmt *st, int col) { return st->engine->col_text(st->st, col); }
bool db_col_is_null(DbStmt *st, int col) { return st->engine->col_is_null(st->st, col); }
int db_changes(Db *db) { return db->engine->changes(db->conn); }
const char *db_errmsg(Db *db) { return db->engine->errmsg(db->conn); }
void db_reset_all(Db *db) { db->engine->reset_all(db->conn); }

DbStatus db_begin_write(Db *db) { return db->engine->begin_write(db->conn); }
DbStatus db_begin_read(Db *db) { return db->engine->begin_read(db->conn); }
DbStatus db_commit(Db *db) {
    db_reset_all(db); /* a statement left mid-iteration would block the commit */
    return db_exec(db, "COMMIT");
}
void db_rollback(Db *db) {
    if (db_in_transaction(db)) db_exec(db, "ROLLBACK");
}
bool db_in_transaction(Db *db) { return db->engine->in_transaction(db->conn); }

DbStmt *db_prepare_once(Db *db, const char *sql) {
    static int counter; /* names of one-off statements must differ from the cache's slots */
    DbStmt *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->st = db->engine->prepare(db->conn, sql, STMT_CACHE + __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
    if (!s->st) {
        fprintf(stderr, "alliance: prepare: %s\n  in: %s\n", db->engine->errmsg(db->conn), sql);
        free(s);
        return NULL;
    }
    s->engine = db->engine;
    s->key = NULL;
    s->db = db;
    return s;
}

void db_finalize(DbStmt *st) {
    if (!st) return;
    st->engine->finalize(st->db->conn, st->st);
    free(st);
}

int db_col_count(DbStmt *st) { return st->engine->col_count(st->st); }

DbStatus db_sync_ids(Db *db, const char *table) {
    return db->engine->sync_ids ? db->engine->sync_ids(db->conn, table) : DB_OK;
}
const char *db_col_name(DbStmt *st, int col) { return st->engine->col_name(st->st, col); }

DbStatus db_lock_schema(Db *db, bool lock) {
    return db->engine->lock_schema ? db->engine->lock_schema(db->conn, lock) : DB_OK;
}

bool db_can_backup(Db *db) { return db->engine->backup != NULL; }

DbStatus db_checkpoint(Db *db) { return db->engine->checkpoint ? db->engine->checkpoint(db->conn) : DB_OK; }

DbStatus db_backup(Db *db, const char *path, char err[256]) {
    if (!db->engine->backup) {
        snprintf(err, 256, "%s has its own backup tools", db->engine->name);
        return DB_ERROR;
    }
    return db->engine->backup(db->conn, path, err);
}

int db_file_hold(const char *url, bool exclusive) {
    const DbEngine *e = engine_for(url);
    return e->hold ? e->hold(url, exclusive) : -2;
}

DbStatus db_order_commits(Db *db) {
    return db->engine->order_commits ? db->engine->order_commits(db->conn) : DB_OK;
}

DbStatus db_notify_changes(Db *db) {
    return db->engine->notify_changes ? db->engine->notify_changes(db->conn) : DB_OK;
}

DbStatus db_listen_changes(Db *db) {
    return db->engine->listen_changes ? db->engine->listen_changes(db->conn) : DB_OK;
}

int db_wait_changes(Db *db, int timeout_ms) {
    if (db->engine->wait_changes) return db->engine->wait_changes(db->conn, timeout_ms);
    usleep((useconds_t)timeout_ms * 1000);
    return 0;
}

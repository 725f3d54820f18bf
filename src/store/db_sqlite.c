/* db_sqlite: the SQLite engine behind db.h (see db_engine.h).
 * WAL with synchronous=FULL: an acknowledged write survives a power loss
 * (NORMAL may lose the last commits). busy_timeout lets writers queue;
 * write transactions take the lock at once with BEGIN IMMEDIATE. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <sqlite3.h>
#include "../lib/buf.h"
#include "db_engine.h"

static const char *sqlite_path(const char *url) {
    if (strncmp(url, "sqlite:", 7) == 0) return url + 7;
    return url;
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

static DbStatus lite_exec(void *conn, const char *sql) {
    char *msg = NULL;
    int rc = sqlite3_exec(conn, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) fprintf(stderr, "alliance: sql: %s\n", msg ? msg : sqlite3_errmsg(conn));
    sqlite3_free(msg);
    return map_rc(rc);
}

static void *lite_open(const char *url, char err[256]) {
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(sqlite_path(url), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, 256, "cannot open %s: %s", url, h ? sqlite3_errmsg(h) : "?");
        sqlite3_close(h);
        return NULL;
    }
    sqlite3_busy_timeout(h, 10000);
    sqlite3_extended_result_codes(h, 1);
    /* Switching a new file to WAL can answer SQLITE_BUSY at once, without
     * the busy handler, while another process does the same: try again. */
    int tries = 0;
    while (((rc = sqlite3_exec(h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL)) & 0xff) == SQLITE_BUSY && ++tries < 100)
        usleep(20 * 1000);
    /* secure_delete: what a write removes (a deleted post's text, an erased
     * person) is overwritten with zeros in the file, not left in free space */
    if (rc != SQLITE_OK ||
        lite_exec(h, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;") != DB_OK) {
        snprintf(err, 256, "cannot configure %s: %s", url, sqlite3_errmsg(h));
        sqlite3_close(h);
        return NULL;
    }
    return h;
}

static void lite_close(void *conn) { sqlite3_close(conn); }

/* TRUNCATE: waits for readers, copies every frame into the file and
 * empties the WAL, whose older frames still hold the pages as they were. */
static DbStatus lite_checkpoint(void *conn) {
    return map_rc(sqlite3_wal_checkpoint_v2(conn, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL));
}

/* "$1" -> "?1": SQLite numbers "?NNN" parameters by their digits, which
 * keeps $n meaning the same thing as on PostgreSQL whatever the order. */
static void *lite_prepare(void *conn, const char *sql, int slot) {
    (void)slot;
    Buf b = BUF_INIT;
    for (const char *p = sql; *p; p++) {
        if (*p == '$' && p[1] >= '0' && p[1] <= '9') buf_append(&b, "?", 1);
        else buf_append(&b, p, 1);
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(conn, buf_str(&b), -1, &st, NULL);
    buf_free(&b);
    return rc == SQLITE_OK ? st : NULL;
}

static void lite_finalize(void *conn, void *st) {
    (void)conn;
    sqlite3_finalize(st);
}
static void lite_reset(void *st) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}
static void lite_bind_int(void *st, int idx, long long v) { sqlite3_bind_int64(st, idx, v); }
static void lite_bind_text(void *st, int idx, const char *v) {
    if (v) sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, idx);
}

static DbStatus lite_step(void *st) {
    DbStatus s = map_rc(sqlite3_step(st));
    if (s == DB_ERROR) fprintf(stderr, "alliance: step: %s\n", sqlite3_errmsg(sqlite3_db_handle(st)));
    if (s != DB_ROW) sqlite3_reset(st);
    return s;
}

static int lite_col_count(void *st) { return sqlite3_column_count(st); }
static const char *lite_col_name(void *st, int col) { return sqlite3_column_name(st, col); }
static long long lite_col_int(void *st, int col) { return sqlite3_column_int64(st, col); }
static const char *lite_col_text(void *st, int col) { return (const char *)sqlite3_column_text(st, col); }
static bool lite_col_is_null(void *st, int col) { return sqlite3_column_type(st, col) == SQLITE_NULL; }
static int lite_changes(void *conn) { return sqlite3_changes(conn); }
static const char *lite_errmsg(void *conn) { return sqlite3_errmsg(conn); }
static void lite_reset_all(void *conn) {
    for (sqlite3_stmt *s = sqlite3_next_stmt(conn, NULL); s; s = sqlite3_next_stmt(conn, s)) sqlite3_reset(s);
}
static DbStatus lite_begin_write(void *conn) { return lite_exec(conn, "BEGIN IMMEDIATE"); }
static DbStatus lite_begin_read(void *conn) { return lite_exec(conn, "BEGIN"); }
static bool lite_in_transaction(void *conn) { return !sqlite3_get_autocommit(conn); }

/* Online backup: one step of -1 pages copies a single consistent snapshot
 * (a WAL read transaction, so writers are not blocked). Written to
 * path.part, synced, then renamed: a reader of path never sees half a file. */
static DbStatus lite_backup(void *conn, const char *path, char err[256]) {
    char part[4096];
    if (snprintf(part, sizeof part, "%s.part", path) >= (int)sizeof part) {
        snprintf(err, 256, "path too long");
        return DB_ERROR;
    }
    unlink(part);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(part, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", conn, "main") : NULL;
    if (!b) {
        snprintf(err, 256, "cannot write %.150s: %.80s", part, dst ? sqlite3_errmsg(dst) : "?");
        sqlite3_close(dst);
        unlink(part);
        return DB_ERROR;
    }
    for (int tries = 0; (rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED; tries++) {
        if (tries == 100) break;
        sqlite3_sleep(100);
    }
    sqlite3_backup_finish(b);
    if (rc == SQLITE_DONE) rc = sqlite3_errcode(dst);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) snprintf(err, 256, "backup failed: %s", sqlite3_errmsg(dst));
    if (sqlite3_close(dst) != SQLITE_OK && (rc == SQLITE_OK || rc == SQLITE_DONE)) {
        snprintf(err, 256, "cannot close %.200s", part);
        rc = SQLITE_ERROR;
    }
    int fd = open(part, O_RDONLY);
    bool synced = fd >= 0 && fsync(fd) == 0;
    if (fd >= 0) close(fd);
    if ((rc != SQLITE_OK && rc != SQLITE_DONE) || !synced || rename(part, path) != 0) {
        if (synced) snprintf(err, 256, "cannot write %.150s: %.80s", path, strerror(errno));
        else if (rc == SQLITE_OK || rc == SQLITE_DONE) snprintf(err, 256, "cannot sync %.200s", part);
        unlink(part);
        return DB_ERROR;
    }
    return DB_OK;
}

/* flock, not fcntl: SQLite's own locks are fcntl locks, which on Linux do
 * not interact with flock, so this lock says "a server uses this file"
 * without touching SQLite's locking. */
static int lite_hold(const char *url, bool exclusive) {
    int fd = open(sqlite_path(url), O_RDWR | O_CLOEXEC);
    if (fd < 0) return -1;
    if (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

const DbEngine DB_SQLITE = {
    .name = "sqlite",
    .open = lite_open,
    .close = lite_close,
    .exec = lite_exec,
    .prepare = lite_prepare,
    .finalize = lite_finalize,
    .reset = lite_reset,
    .bind_int = lite_bind_int,
    .bind_text = lite_bind_text,
    .step = lite_step,
    .col_int = lite_col_int,
    .col_text = lite_col_text,
    .col_count = lite_col_count,
    .col_name = lite_col_name,
    .col_is_null = lite_col_is_null,
    .changes = lite_changes,
    .errmsg = lite_errmsg,
    .reset_all = lite_reset_all,
    .begin_write = lite_begin_write,
    .begin_read = lite_begin_read,
    .in_transaction = lite_in_transaction,
    .dialect = NULL,
    .sync_ids = NULL,    /* SQLite's rowid already follows the largest id */
    .lock_schema = NULL, /* BEGIN IMMEDIATE already serializes migrations */
    .backup = lite_backup,
    .hold = lite_hold,
    .checkpoint = lite_checkpoint,
};

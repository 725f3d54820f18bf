/* db_engine: what an engine (SQLite, PostgreSQL) provides behind db.h.
 * Only db.c and the engine files include this. Connections and statements
 * are the engine's own types, seen here as void pointers. */
#ifndef ALLIANCE_DB_ENGINE_H
#define ALLIANCE_DB_ENGINE_H
#include <stdbool.h>
#include "db.h"

typedef struct {
    const char *name;
    void *(*open)(const char *url, char err[256]);
    void (*close)(void *conn);
    bool (*alive)(void *conn);  /* false once the connection is known broken; NULL: always */
    DbStatus (*exec)(void *conn, const char *sql);         /* may hold several statements */
    void *(*prepare)(void *conn, const char *sql, int slot); /* slot: unique per connection */
    void (*finalize)(void *conn, void *stmt);                /* conn NULL: the connection is closing */
    void (*reset)(void *stmt);                               /* back to the start, bindings cleared */
    void (*bind_int)(void *stmt, int idx, long long v);
    void (*bind_text)(void *stmt, int idx, const char *v);  /* NULL binds SQL NULL */
    DbStatus (*step)(void *stmt);
    long long (*col_int)(void *stmt, int col);
    const char *(*col_text)(void *stmt, int col);
    int (*col_count)(void *stmt);
    const char *(*col_name)(void *stmt, int col);
    bool (*col_is_null)(void *stmt, int col);
    int (*changes)(void *conn);
    const char *(*errmsg)(void *conn);
    void (*reset_all)(void *conn);
    DbStatus (*begin_write)(void *conn);
    DbStatus (*begin_read)(void *conn);
    bool (*in_transaction)(void *conn);
    /* Rewrites migration text written for SQLite into this engine's dialect
     * (caller frees); NULL means "use as is". */
    char *(*dialect)(const char *sql);
    /* After rows were copied in with their ids: the next generated id
     * follows the largest one (PostgreSQL identity sequences). */
    DbStatus (*sync_ids)(void *conn, const char *table);
    /* Serializes schema changes between processes (lock true, then false);
     * NULL when write transactions already do (SQLite). */
    DbStatus (*lock_schema)(void *conn, bool lock);
    /* Copies the whole database, consistently, into the file path while
     * other connections keep writing; NULL when the engine has its own
     * tools (PostgreSQL: pg_dump). */
    DbStatus (*backup)(void *conn, const char *path, char err[256]);
    /* db_file_hold (db.h) for this engine's urls; NULL: nothing to hold. */
    int (*hold)(const char *url, bool exclusive);
    /* The change feed between processes (db.h "Changes"); NULL where one
     * process owns the database: order_commits is then BEGIN IMMEDIATE's
     * job, there is nobody to notify, and waiting is a plain sleep. */
    DbStatus (*order_commits)(void *conn);
    DbStatus (*notify_changes)(void *conn);
    DbStatus (*listen_changes)(void *conn);
    int (*wait_changes)(void *conn, int timeout_ms);
    /* Writes the log of recent changes into the database file and empties
     * it (SQLite's WAL); NULL when the engine manages its own. */
    DbStatus (*checkpoint)(void *conn);
} DbEngine;

extern const DbEngine DB_SQLITE;
extern const DbEngine DB_POSTGRES;

#endif

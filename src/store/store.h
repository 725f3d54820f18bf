/* store: results shared by every store file. Store functions return a
 * StoreResult; objects they fill are allocated from the caller's arena. */
#ifndef ALLIANCE_STORE_H
#define ALLIANCE_STORE_H
#include "../domain/model.h"
#include "../lib/arena.h"
#include "db.h"

typedef enum {
    STORE_OK = 0,
    STORE_NOT_FOUND,
    STORE_CONFLICT,   /* unique or foreign key constraint */
    STORE_STALE,      /* the version given is not the current one */
    STORE_ERROR,
} StoreResult;

/* The database answers a trivial query. */
StoreResult store_ping(Db *db);
/* Runs a version-guarded UPDATE (... WHERE id = $i AND version = $v):
 * STALE when no row matched, else the object's version becomes
 * expected + 1 and its updated_at now (an arena copy). */
StoreResult store_run_versioned(Db *db, DbStmt *st, Arena *a, long long expected, const char *now, long long *version,
                                const char **updated_at);
/* Maps a db_run/db_step status to a StoreResult. */
StoreResult store_result(DbStatus s);
/* Arena copy of a text column (NULL stays NULL). */
const char *store_text(Arena *a, DbStmt *st, int col);
/* -1 for NULL, the value otherwise. */
long long store_opt_int(DbStmt *st, int col);
/* "%text%" for LIKE ... ESCAPE '\\' with %, _ and \\ typed by a user
 * escaped, so they match themselves; NULL stays NULL. */
const char *store_like_pattern(Arena *a, const char *text);
/* The same pattern over the folded text (case and accents ignored), to
 * match a "search" column; NULL stays NULL. */
const char *store_search_pattern(Arena *a, const char *text);
/* Folded words for a "search" column, joined by spaces (NULLs skipped). */
const char *store_search_text(Arena *a, const char *const *words, int n);
/* Steps st to the end, collecting its first column (NULLs skipped) into
 * an arena array. */
StoreResult store_read_ids(Arena *a, DbStmt *st, long long **ids, int *n);
/* The same for a text column (arena copies); *out may stay NULL when empty. */
StoreResult store_read_texts(Arena *a, DbStmt *st, const char ***out, int *n);
/* Binds v, or NULL when v < 0. */
void store_bind_opt_int(DbStmt *st, int idx, long long v);

#endif

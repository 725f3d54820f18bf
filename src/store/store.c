/* store: small helpers shared by the store files (see store.h). */
#include "store.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/buf.h"
#include "../lib/text.h"

StoreResult store_result(DbStatus s) {
    switch (s) {
    case DB_OK:
    case DB_DONE:
    case DB_ROW: return STORE_OK;
    case DB_CONSTRAINT: return STORE_CONFLICT;
    default: return STORE_ERROR;
    }
}

const char *store_text(Arena *a, DbStmt *st, int col) { return arena_strdup(a, db_col_text(st, col)); }

long long store_opt_int(DbStmt *st, int col) { return db_col_is_null(st, col) ? -1 : db_col_int(st, col); }

void store_bind_opt_int(DbStmt *st, int idx, long long v) {
    if (v < 0) db_bind_null(st, idx);
    else db_bind_int(st, idx, v);
}

StoreResult store_ping(Db *db) {
    DbStmt *st = db_prepare(db, "SELECT 1");
    return st && db_step(st) == DB_ROW ? STORE_OK : STORE_ERROR;
}

const char *store_like_pattern(Arena *a, const char *text) {
    if (!text) return NULL;
    char *pat = arena_alloc(a, strlen(text) * 2 + 3), *w = pat;
    *w++ = '%';
    for (const char *r = text; *r; r++) {
        if (*r == '%' || *r == '_' || *r == '\\') *w++ = '\\';
        *w++ = *r;
    }
    *w = '%';
    return pat;
}

const char *store_search_pattern(Arena *a, const char *text) {
    if (!text) return NULL;
    char *f = text_fold(text);
    const char *p = store_like_pattern(a, f ? f : text);
    free(f);
    return p;
}

const char *store_search_text(Arena *a, const char *const *words, int n) {
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (!words[i]) continue;
        char *f = text_fold(words[i]);
        if (b.len) buf_puts(&b, " ");
        buf_puts(&b, f ? f : words[i]);
        free(f);
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

StoreResult store_run_versioned(Db *db, DbStmt *st, Arena *a, long long expected, const char *now, long long *version,
                                const char **updated_at) {
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    if (!db_changes(db)) return STORE_STALE;
    *version = expected + 1;
    *updated_at = arena_strdup(a, now);
    return STORE_OK;
}

StoreResult store_read_texts(Arena *a, DbStmt *st, const char ***out, int *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        if (db_col_is_null(st, 0)) continue;
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        if (!*out) return STORE_ERROR;
        (*out)[(*n)++] = store_text(a, st, 0);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_read_ids(Arena *a, DbStmt *st, long long **ids, int *n) {
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        if (db_col_is_null(st, 0)) continue;
        *ids = arena_grow(a, *ids, (size_t)*n, &cap, sizeof **ids);
        (*ids)[(*n)++] = db_col_int(st, 0);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

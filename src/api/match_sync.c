/* match_sync: the index follows the event log (see match_sync.h). */
#include "match_sync.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../cli/cli.h"
#include "../http/follower.h"
#include "../match/index.h"
#include "../store/people.h"

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static bool g_ready;             /* the index is built: apply events at once */
static long long *g_pending;     /* person ids whose events came during the build */
static size_t g_npending, g_cap;

/* Reloads person id into the index; db is in a transaction. */
static void reload(Db *db, long long id) {
    MatchIndex *ix = match_global();
    if (!ix) return;
    Arena a = {0};
    Person p;
    StoreResult r = store_person_get(db, &a, id, &p);
    if (r == STORE_OK) {
        if (match_index_put(ix, &p)) fprintf(stderr, "alliance: matching index: out of memory for person %lld\n", id);
    } else if (r == STORE_NOT_FOUND) {
        match_index_remove(ix, id);
    } else {
        fprintf(stderr, "alliance: matching index: cannot reload person %lld: %s\n", id, db_errmsg(db));
    }
    arena_free(&a);
}

static void on_event(Db *db, const Event *e, void *arg) {
    (void)arg;
    if (!e->object_type || strcmp(e->object_type, "person") != 0) return;
    pthread_mutex_lock(&g_lock);
    if (g_ready) {
        reload(db, e->object_id);
    } else {
        if (g_npending == g_cap) { /* on failure the list keeps what it holds */
            size_t cap = g_cap ? 2 * g_cap : 64;
            long long *grown = realloc(g_pending, cap * sizeof *grown);
            if (grown) {
                g_pending = grown;
                g_cap = cap;
            }
        }
        if (g_npending < g_cap) g_pending[g_npending++] = e->object_id;
    }
    pthread_mutex_unlock(&g_lock);
}

void match_sync_subscribe(void) { follower_subscribe(on_event, NULL); }

int match_sync_build(Db *db) {
    if (db_begin_read(db) != DB_OK) {
        fprintf(stderr, "alliance: cannot read the people: %s\n", db_errmsg(db));
        return -1;
    }
    MatchIndex *ix = cli_match_index(db);
    db_reset_all(db);
    db_commit(db);
    if (!ix) return -1;
    match_set_global(ix);
    pthread_mutex_lock(&g_lock);
    int rc = db_begin_read(db) == DB_OK ? 0 : -1;
    for (size_t i = 0; !rc && i < g_npending; i++) reload(db, g_pending[i]);
    if (!rc) {
        db_reset_all(db);
        db_commit(db);
    }
    free(g_pending);
    g_pending = NULL;
    g_npending = g_cap = 0;
    g_ready = true;
    pthread_mutex_unlock(&g_lock);
    if (rc) fprintf(stderr, "alliance: cannot read the people: %s\n", db_errmsg(db));
    return rc;
}

void match_sync_stop(void) {
    pthread_mutex_lock(&g_lock);
    g_ready = false;
    MatchIndex *ix = match_global();
    match_set_global(NULL);
    match_index_free(ix);
    pthread_mutex_unlock(&g_lock);
}

/* follower: delivers the event log to in-memory subscribers (see .h). */
#include "follower.h"
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "../lib/arena.h"
#include "../store/events.h"

enum { MAX_SUBSCRIBERS = 8, BATCH = 256, WAIT_MS = 1000 };

typedef struct {
    FollowerFn fn;
    void *arg;
} Subscriber;

static Subscriber g_subs[MAX_SUBSCRIBERS];
static int g_nsubs;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER; /* one delivery at a time */
static long long g_last;                                    /* under g_lock */
static pthread_t g_thread;
static volatile bool g_running;

void follower_subscribe(FollowerFn fn, void *arg) {
    if (g_nsubs < MAX_SUBSCRIBERS) g_subs[g_nsubs++] = (Subscriber){fn, arg};
    else fprintf(stderr, "alliance: too many event subscribers\n");
}

long long follower_last_id(void) {
    pthread_mutex_lock(&g_lock);
    long long id = g_last;
    pthread_mutex_unlock(&g_lock);
    return id;
}

/* One batch; true when it was full (more may follow). */
static bool deliver_batch(Db *db, Arena *a) {
    Event *ev;
    int n = 0;
    if (db_begin_read(db) != DB_OK) return false;
    if (store_events_after(db, a, g_last, BATCH, &ev, &n) == STORE_OK)
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < g_nsubs; s++) g_subs[s].fn(db, &ev[i], g_subs[s].arg);
            g_last = ev[i].id;
        }
    db_reset_all(db);
    db_commit(db);
    return n == BATCH;
}

void follower_catch_up(Db *db) {
    if (!db) return;
    pthread_mutex_lock(&g_lock);
    Arena a = {0};
    while (deliver_batch(db, &a)) arena_free(&a);
    arena_free(&a);
    pthread_mutex_unlock(&g_lock);
}

/* Waits for other servers' commits; after a lost connection, listens
 * again and catches up from the last event seen. */
static void *follow(void *unused) {
    (void)unused;
    bool listening = false;
    while (g_running) {
        Db *db = db_thread();
        if (!db) {
            listening = false;
            usleep(WAIT_MS * 1000); /* the database is away: try again */
            continue;
        }
        if (!listening) {
            listening = db_listen_changes(db) == DB_OK;
            follower_catch_up(db);
        }
        int woken = db_wait_changes(db, WAIT_MS);
        if (woken < 0) listening = false;
        follower_catch_up(db);
    }
    db_thread_close();
    return NULL;
}

bool follower_start(void) {
    Db *db = db_thread();
    if (!db) return false;
    long long last = 0;
    bool ok = db_begin_read(db) == DB_OK && store_events_last_id(db, &last) == STORE_OK;
    db_reset_all(db);
    db_commit(db);
    if (!ok) return false;
    pthread_mutex_lock(&g_lock);
    g_last = last;
    pthread_mutex_unlock(&g_lock);
    g_running = true;
    if (pthread_create(&g_thread, NULL, follow, NULL) != 0) {
        g_running = false;
        return false;
    }
    return true;
}

void follower_stop(void) {
    if (!g_running) return;
    g_running = false;
    pthread_join(g_thread, NULL);
}

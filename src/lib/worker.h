/* worker: a background thread of `serve` (the mail sender, the daily
 * privacy run) that works in rounds and pauses between them; asking it to
 * stop wakes it at once, and the stop waits for the round in progress. */
#ifndef ALLIANCE_WORKER_H
#define ALLIANCE_WORKER_H
#include <pthread.h>
#include <stdbool.h>

typedef struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool running, stop;
} Worker;

#define WORKER_INIT {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER}

/* Starts run(arg) on its own thread; false when the thread cannot start. */
bool worker_start(Worker *w, void *(*run)(void *), void *arg);
/* Whether a stop was asked (the thread checks between rounds). */
bool worker_stopping(Worker *w);
/* Sleeps ms milliseconds, less when a stop is asked; returns worker_stopping. */
bool worker_pause(Worker *w, int ms);
/* Asks the thread to stop and waits for it; nothing when it never started. */
void worker_stop(Worker *w);

#endif

/* worker: background threads that pause and stop (see worker.h). */
#include "worker.h"
#include <time.h>

bool worker_start(Worker *w, void *(*run)(void *), void *arg) {
    w->stop = false;
    if (pthread_create(&w->thread, NULL, run, arg) != 0) return false;
    w->running = true;
    return true;
}

bool worker_stopping(Worker *w) {
    pthread_mutex_lock(&w->lock);
    bool s = w->stop;
    pthread_mutex_unlock(&w->lock);
    return s;
}

bool worker_pause(Worker *w, int ms) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&w->lock);
    if (!w->stop) pthread_cond_timedwait(&w->wake, &w->lock, &until);
    bool s = w->stop;
    pthread_mutex_unlock(&w->lock);
    return s;
}

void worker_stop(Worker *w) {
    if (!w->running) return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_broadcast(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    w->running = false;
}

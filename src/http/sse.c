/* sse: streams on suspended connections (see sse.h).
 *
 * Invariants, all under g_lock:
 *   - a stream is in g_streams from sse_open until its response is freed
 *     (or sse_cancel), so broadcast never touches a freed stream;
 *   - suspended is true exactly when the reader suspended the connection
 *     and nobody resumed it yet; whoever appends text resumes it, so a
 *     stream with text to send is never left suspended;
 *   - the reader suspends while holding g_lock, so a resume always comes
 *     after the suspend it undoes. */
#include "sse.h"
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "metrics.h"

typedef struct {
    long long id;
    size_t offset; /* where its text starts in held */
} Mark;

struct SseStream {
    struct SseStream *prev, *next;
    struct MHD_Connection *conn;
    Viewer viewer; /* its role points at role below */
    char role[16];
    Buf out;       /* text not yet sent: out.data[sent..out.len) */
    size_t sent;
    Buf held;      /* while holding: messages broadcast since sse_open */
    Mark *marks;
    size_t nmarks, cap_marks;
    bool live, suspended, closing;
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_wake = PTHREAD_COND_INITIALIZER;
static SseStream *g_streams;
static int g_count;
static bool g_running, g_stopping;
static pthread_t g_heartbeat;
static int g_interval_ms = 25000;

int sse_open_count(void) {
    pthread_mutex_lock(&g_lock);
    int n = g_count;
    pthread_mutex_unlock(&g_lock);
    return n;
}

int sse_format(Buf *out, long long id, const char *event, const char *data) {
    return buf_printf(out, "id: %lld\nevent: %s\ndata: %s\n\n", id, event, data);
}

/* The connection has text to send or must end: wake it (under g_lock). */
static void wake(SseStream *s) {
    if (s->suspended) {
        s->suspended = false;
        MHD_resume_connection(s->conn);
    }
}

/* Appends text to a live stream, or ends a stream that fell too far behind. */
static void push(SseStream *s, const char *text, size_t len) {
    if (s->closing) return;
    if (s->out.len - s->sent + len > SSE_MAX_PENDING || buf_append(&s->out, text, len)) s->closing = true;
    wake(s);
}

static void unlink_stream(SseStream *s) {
    if (s->prev) s->prev->next = s->next;
    else if (g_streams == s) g_streams = s->next;
    if (s->next) s->next->prev = s->prev;
    s->prev = s->next = NULL;
    g_count--;
}

static void free_stream(SseStream *s) {
    buf_free(&s->out);
    buf_free(&s->held);
    free(s->marks);
    free(s);
}

SseStream *sse_open(struct MHD_Connection *conn, const Viewer *v) {
    SseStream *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->conn = conn;
    s->viewer = *v;
    snprintf(s->role, sizeof s->role, "%s", v->role ? v->role : "");
    s->viewer.role = s->role;
    pthread_mutex_lock(&g_lock);
    if (g_stopping) {
        pthread_mutex_unlock(&g_lock);
        free(s);
        return NULL;
    }
    s->next = g_streams;
    if (g_streams) g_streams->prev = s;
    g_streams = s;
    g_count++;
    pthread_mutex_unlock(&g_lock);
    metrics_stream_opened();
    return s;
}

void sse_go_live(SseStream *s, const char *backlog, size_t len, long long last_id) {
    char retry[32];
    int rn = snprintf(retry, sizeof retry, "retry: %d\n\n", SSE_RETRY_MS);
    pthread_mutex_lock(&g_lock);
    push(s, retry, (size_t)rn);
    if (len) push(s, backlog, len);
    for (size_t i = 0; i < s->nmarks; i++) {
        if (s->marks[i].id <= last_id) continue; /* already in the backlog */
        push(s, s->held.data + s->marks[i].offset, s->held.len - s->marks[i].offset);
        break; /* the held messages are in id order: the rest follow */
    }
    buf_free(&s->held);
    free(s->marks);
    s->marks = NULL;
    s->nmarks = s->cap_marks = 0;
    s->live = true;
    pthread_mutex_unlock(&g_lock);
}

void sse_cancel(SseStream *s) {
    pthread_mutex_lock(&g_lock);
    unlink_stream(s);
    pthread_mutex_unlock(&g_lock);
    metrics_stream_closed();
    free_stream(s);
}

static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max) {
    (void)pos;
    SseStream *s = cls;
    pthread_mutex_lock(&g_lock);
    size_t pending = s->out.len - s->sent;
    if (pending) {
        size_t n = pending < max ? pending : max;
        memcpy(buf, s->out.data + s->sent, n);
        s->sent += n;
        if (s->sent == s->out.len) {
            buf_free(&s->out); /* an idle stream keeps no buffer */
            s->sent = 0;
        }
        pthread_mutex_unlock(&g_lock);
        return (ssize_t)n;
    }
    if (s->closing) {
        pthread_mutex_unlock(&g_lock);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    s->suspended = true;
    MHD_suspend_connection(s->conn); /* until push() resumes it */
    pthread_mutex_unlock(&g_lock);
    return 0;
}

static void release_stream(void *cls) {
    SseStream *s = cls;
    pthread_mutex_lock(&g_lock);
    unlink_stream(s);
    pthread_mutex_unlock(&g_lock);
    metrics_stream_closed();
    free_stream(s);
}

struct MHD_Response *sse_response(SseStream *s) {
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, read_stream, s,
                                                               release_stream);
    if (!r) sse_cancel(s);
    return r;
}

void sse_broadcast(long long id, const char *event, const char *data, SseAllows allows, const void *audience) {
    Buf msg = BUF_INIT;
    if (sse_format(&msg, id, event, data)) {
        buf_free(&msg);
        return;
    }
    pthread_mutex_lock(&g_lock);
    for (SseStream *s = g_streams; s; s = s->next) {
        if (s->closing || !allows(audience, &s->viewer)) continue;
        if (s->live) {
            push(s, msg.data, msg.len);
            continue;
        }
        Mark *m = s->marks;
        if (s->nmarks == s->cap_marks) {
            size_t cap = s->cap_marks ? s->cap_marks * 2 : 8;
            m = realloc(s->marks, cap * sizeof *m);
            if (m) s->marks = m, s->cap_marks = cap;
        }
        if (!m || s->held.len > SSE_MAX_PENDING) {
            s->closing = true;
            continue;
        }
        s->marks[s->nmarks++] = (Mark){id, s->held.len};
        if (buf_append(&s->held, msg.data, msg.len)) s->closing = true;
    }
    pthread_mutex_unlock(&g_lock);
    buf_free(&msg);
}

/* A comment line every interval keeps proxies and clients from timing out
 * and lets the server notice clients that went away. */
static void *heartbeat(void *unused) {
    (void)unused;
    static const char ping[] = ": ping\n\n";
    pthread_mutex_lock(&g_lock);
    while (!g_stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        long long ns = until.tv_nsec + (long long)(g_interval_ms % 1000) * 1000000;
        until.tv_sec += g_interval_ms / 1000 + ns / 1000000000;
        until.tv_nsec = ns % 1000000000;
        pthread_cond_timedwait(&g_wake, &g_lock, &until);
        if (g_stopping) break;
        for (SseStream *s = g_streams; s; s = s->next)
            if (s->live) push(s, ping, sizeof ping - 1);
    }
    pthread_mutex_unlock(&g_lock);
    return NULL;
}

bool sse_start(void) {
    const char *ms = getenv("ALLIANCE_SSE_HEARTBEAT_MS");
    if (ms && atoi(ms) >= 10) g_interval_ms = atoi(ms);
    g_stopping = false;
    if (pthread_create(&g_heartbeat, NULL, heartbeat, NULL) != 0) return false;
    g_running = true;
    return true;
}

void sse_shutdown(void) {
    pthread_mutex_lock(&g_lock);
    g_stopping = true;
    for (SseStream *s = g_streams; s; s = s->next) {
        s->closing = true;
        wake(s);
    }
    pthread_cond_broadcast(&g_wake);
    pthread_mutex_unlock(&g_lock);
    if (g_running) pthread_join(g_heartbeat, NULL);
    g_running = false;
}

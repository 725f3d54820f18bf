/* metrics: Prometheus counters (see metrics.h). */
#include "metrics.h"
#include "follower.h"
#include "router.h"

enum { MAX_ROUTES = 128, NSTATUS = 18, NBUCKETS = 10 };

static const int statuses[NSTATUS] = {200, 201, 204, 304, 400, 401, 403, 404, 405,
                                      409, 412, 413, 415, 422, 428, 429, 500, 503};
static const double buckets_ms[NBUCKETS] = {1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 5000};

/* Slot MAX_ROUTES is "other" (static files, unknown paths). */
static unsigned long long counts[MAX_ROUTES + 1][NSTATUS + 1];
static unsigned long long hist[MAX_ROUTES + 1][NBUCKETS + 1];
static unsigned long long sum_us[MAX_ROUTES + 1];
static long long open_streams;

static int slot(int route) { return route >= 0 && route < MAX_ROUTES ? route : MAX_ROUTES; }

void metrics_record(int route, int status, long long micros) {
    int r = slot(route), s = NSTATUS;
    for (int i = 0; i < NSTATUS; i++)
        if (statuses[i] == status) s = i;
    __atomic_fetch_add(&counts[r][s], 1, __ATOMIC_RELAXED);
    int b = NBUCKETS;
    for (int i = 0; i < NBUCKETS; i++)
        if (micros <= buckets_ms[i] * 1000) {
            b = i;
            break;
        }
    __atomic_fetch_add(&hist[r][b], 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&sum_us[r], (unsigned long long)micros, __ATOMIC_RELAXED);
}

void metrics_stream_opened(void) { __atomic_fetch_add(&open_streams, 1, __ATOMIC_RELAXED); }
void metrics_stream_closed(void) { __atomic_fetch_sub(&open_streams, 1, __ATOMIC_RELAXED); }

static void route_label(Buf *out, int r) {
    if (r == MAX_ROUTES) buf_puts(out, "method=\"\",route=\"other\"");
    else buf_printf(out, "method=\"%s\",route=\"%s\"", ROUTES[r].method, ROUTES[r].pattern);
}

void metrics_render(Buf *out) {
    int nroutes = NROUTES < MAX_ROUTES ? NROUTES : MAX_ROUTES;
    buf_puts(out, "# HELP alliance_http_requests_total HTTP requests by route and status.\n"
                  "# TYPE alliance_http_requests_total counter\n");
    for (int r = 0; r <= MAX_ROUTES; r++) {
        if (r >= nroutes && r != MAX_ROUTES) continue;
        for (int s = 0; s <= NSTATUS; s++) {
            unsigned long long c = __atomic_load_n(&counts[r][s], __ATOMIC_RELAXED);
            if (!c) continue;
            buf_puts(out, "alliance_http_requests_total{");
            route_label(out, r);
            if (s < NSTATUS) buf_printf(out, ",status=\"%d\"} %llu\n", statuses[s], c);
            else buf_printf(out, ",status=\"other\"} %llu\n", c);
        }
    }
    buf_puts(out, "# HELP alliance_http_request_duration_seconds Time to answer a request.\n"
                  "# TYPE alliance_http_request_duration_seconds histogram\n");
    for (int r = 0; r <= MAX_ROUTES; r++) {
        if (r >= nroutes && r != MAX_ROUTES) continue;
        unsigned long long total = 0;
        for (int b = 0; b <= NBUCKETS; b++) total += __atomic_load_n(&hist[r][b], __ATOMIC_RELAXED);
        if (!total) continue;
        unsigned long long cum = 0;
        for (int b = 0; b <= NBUCKETS; b++) {
            cum += __atomic_load_n(&hist[r][b], __ATOMIC_RELAXED);
            buf_puts(out, "alliance_http_request_duration_seconds_bucket{");
            route_label(out, r);
            if (b < NBUCKETS) buf_printf(out, ",le=\"%g\"} %llu\n", buckets_ms[b] / 1000, cum);
            else buf_printf(out, ",le=\"+Inf\"} %llu\n", cum);
        }
        buf_puts(out, "alliance_http_request_duration_seconds_sum{");
        route_label(out, r);
        buf_printf(out, "} %.6f\n", (double)__atomic_load_n(&sum_us[r], __ATOMIC_RELAXED) / 1e6);
        buf_puts(out, "alliance_http_request_duration_seconds_count{");
        route_label(out, r);
        buf_printf(out, "} %llu\n", total);
    }
    buf_printf(out, "# HELP alliance_sse_open_streams Server-sent event streams open now.\n"
                    "# TYPE alliance_sse_open_streams gauge\nalliance_sse_open_streams %lld\n",
               __atomic_load_n(&open_streams, __ATOMIC_RELAXED));
    buf_printf(out, "# HELP alliance_events_followed_last_id The newest event of the log this server has followed.\n"
                    "# TYPE alliance_events_followed_last_id gauge\nalliance_events_followed_last_id %lld\n",
               follower_last_id());
}

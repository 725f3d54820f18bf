/* metrics: request counts by route and status, a latency histogram per
 * route, and open event streams, served as Prometheus text (GET /metrics).
 * Counters are atomics: no lock on the request path. */
#ifndef ALLIANCE_METRICS_H
#define ALLIANCE_METRICS_H
#include "../lib/buf.h"

/* route: index in ROUTES, or -1 for static files and unknown paths. */
void metrics_record(int route, int status, long long micros);
void metrics_stream_opened(void);
void metrics_stream_closed(void);
void metrics_render(Buf *out);

#endif

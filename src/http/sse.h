/* sse: server-sent event streams without a thread per client.
 *
 * A stream is a libmicrohttpd response read by a callback (sse_response):
 * when the stream has nothing to send, the callback suspends its
 * connection (MHD_suspend_connection), which leaves MHD's event loop until
 * sse_broadcast or the heartbeat appends text and resumes it. So an idle
 * client costs a socket and a few hundred bytes, never a thread.
 *
 * Opening is done in two steps so that no event is lost or sent twice
 * between "the events already in the log" and "the events to come":
 * sse_open registers the stream in a holding state (events broadcast from
 * then on are kept aside with their ids); the caller then reads the log
 * after the client's Last-Event-ID in a fresh snapshot, and sse_go_live
 * sends that backlog followed by the held events with a larger id.
 *
 * Streams end when the client goes, when one falls more than
 * SSE_MAX_PENDING bytes behind (the client reconnects with Last-Event-ID),
 * or at sse_shutdown. Thread-safe; one lock guards all streams. */
#ifndef ALLIANCE_SSE_H
#define ALLIANCE_SSE_H
#include <stdbool.h>
#include <stddef.h>
#include "../domain/visibility.h"
#include "../lib/buf.h"

struct MHD_Connection;
struct MHD_Response;
typedef struct SseStream SseStream;

enum { SSE_MAX_PENDING = 4 * 1024 * 1024, SSE_RETRY_MS = 3000 };

/* Whether the stream of viewer (domain/visibility.h) may receive a
 * message: audience is what the broadcaster passed. */
typedef bool (*SseAllows)(const void *audience, const Viewer *viewer);

/* Starts the heartbeat thread (a comment every interval_ms; 25000 unless
 * ALLIANCE_SSE_HEARTBEAT_MS says otherwise). */
bool sse_start(void);
/* Ends every stream (their connections are resumed so they can finish)
 * and stops the heartbeat; before MHD_stop_daemon. */
void sse_shutdown(void);

/* A new stream in the holding state for the account; NULL when out of
 * memory or shutting down. */
SseStream *sse_open(struct MHD_Connection *conn, const Viewer *viewer);
/* Sends backlog (complete "id:/event:/data:" messages, may be empty) and
 * then every held message with an id above last_id; the stream is live. */
void sse_go_live(SseStream *s, const char *backlog, size_t len, long long last_id);
/* Forgets a stream that will not be answered (an error after sse_open). */
void sse_cancel(SseStream *s);
/* The MHD response reading the stream; it owns the stream from then on. */
struct MHD_Response *sse_response(SseStream *s);

/* Appends one message (id, event name, data: one line of JSON) to every
 * stream allows() accepts. */
void sse_broadcast(long long id, const char *event, const char *data, SseAllows allows, const void *audience);
/* Appends one message to out, for backlogs; 0 ok, -1 out of memory. */
int sse_format(Buf *out, long long id, const char *event, const char *data);
int sse_open_count(void);

#endif

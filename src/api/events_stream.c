/* events_stream: GET /api/v1/events, the live stream of what the caller may
 * see (text/event-stream): new, edited and deleted posts of visible
 * channels, their renames, the caller's notifications, pipeline moves, needs' and deals'
 * changes, incidents and rituals. Every message's id is its event id in
 * the log, so a client that reconnects with Last-Event-ID gets what it
 * missed, read back from the log and filtered the same way; events written
 * by other servers on the same database arrive through the follower.
 * Who receives what follows domain/visibility.h like every other answer (a
 * client contact, their client's incidents only), and no message carries
 * money (daily_rate...): the message is the same for every stream, so it
 * is cut to what every role may see; a client reloads the object through
 * the API for its figures.
 * The streaming itself (suspended connections, heartbeat) is http/sse.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "../domain/permissions.h"
#include "../domain/channels.h"
#include "../http/follower.h"
#include "../http/sse.h"
#include "../store/channels.h"
#include "../store/events.h"
#include "../store/posts.h"
#include "api.h"
#include "events_stream.h"

enum { BACKLOG_BATCH = 500, MAX_BACKLOG = 20000 };

/* Who may receive one message. */
typedef struct {
    const char *action;         /* a permission the role needs, or NULL */
    RowKind row;                /* with action: rows some roles see only in part */
    RowFacts facts;             /* whose the event's row is (from its refs) */
    long long user_id;          /* > 0: that account only */
    bool channel;               /* a channel's: visibility rule over the fields below */
    const char *visibility, *object_type;
    long long *members;         /* sorted */
    int nmembers;
} Audience;

static int cmp_id(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static bool allows(const void *audience, const Viewer *v) {
    const Audience *au = audience;
    if (au->user_id > 0) return au->user_id == v->user_id;
    if (au->channel) {
        bool member = bsearch(&v->user_id, au->members, (size_t)au->nmembers, sizeof *au->members, cmp_id) != NULL;
        return channel_visible(v->role, au->visibility, au->object_type, member);
    }
    if (!au->action || !permission_allows(v->role, au->action)) return false;
    return visibility_row(v, au->row, &au->facts) == ACCESS_OK;
}

/* The permission to see events of a kind of object; NULL: not streamed. */
static const char *action_of(const char *type, RowKind *row) {
    static const struct { const char *prefix, *action; RowKind row; } table[] = {
        {"candidacy.", "candidacies.read", ROW_CANDIDACY}, {"need.", "needs.read", ROW_NONE},
        {"deal.", "deals.read", ROW_NONE},                 {"review.", "deals.read", ROW_NONE},
        {"client.", "clients.read", ROW_NONE},             {"incident.", "incidents.read", ROW_INCIDENT},
        {"ritual.", "rituals.read", ROW_NONE},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strncmp(type, table[i].prefix, strlen(table[i].prefix)) == 0) {
            if (row) *row = table[i].row;
            return table[i].action;
        }
    return NULL;
}

static json_t *parsed(const char *text) {
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return j ? j : json_null();
}

/* The audience of a channel's message: its rule and its members. */
static bool channel_audience(Db *db, Arena *a, long long channel_id, Audience *au) {
    Channel c;
    User *us;
    int n;
    if (store_channel_get_any(db, a, channel_id, &c) != STORE_OK ||
        store_channel_members(db, a, channel_id, &us, &n) != STORE_OK)
        return false;
    au->channel = true;
    au->visibility = c.visibility;
    au->object_type = c.object_type;
    au->members = arena_alloc(a, sizeof *au->members * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) au->members[i] = us[i].id;
    qsort(au->members, (size_t)n, sizeof *au->members, cmp_id);
    au->nmembers = n;
    return true;
}

/* The message of e and its audience; NULL when e is not streamed. The
 * text is in the arena. */
static const char *describe(Db *db, Arena *a, const Event *e, Audience *au) {
    *au = (Audience){0};
    json_t *extra = NULL;
    if (strncmp(e->type, "post.", 5) == 0) {
        Post p;
        if (store_post_get(db, a, e->object_id, -1, &p) != STORE_OK || !channel_audience(db, a, p.channel_id, au))
            return NULL;
        extra = post_json(&p);
    } else if (strncmp(e->type, "channel.", 8) == 0) { /* a rename: whoever sees the channel */
        if (!channel_audience(db, a, e->object_id, au)) return NULL;
    } else if (strcmp(e->type, "notification.created") == 0) {
        json_t *after = parsed(e->after);
        au->user_id = json_integer_value(json_object_get(after, "user_id"));
        json_decref(after);
        if (au->user_id <= 0) return NULL;
    } else {
        au->action = action_of(e->type, &au->row);
        if (!au->action) return NULL;
        au->facts = (RowFacts){e->refs.person_id, e->refs.client_id, NULL};
    }
    json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", e->id, "type", e->type,
                          "object_type", e->object_type, "object_id", e->object_id, "at", e->at ? e->at : "",
                          "actor_id", json_int_or_null(e->actor_id), "client_id", json_int_or_null(e->refs.client_id),
                          "need_id", json_int_or_null(e->refs.need_id), "person_id",
                          json_int_or_null(e->refs.person_id), "before", parsed(e->before), "after", parsed(e->after));
    access_strip_money(j);
    if (extra) json_object_set_new(j, "post", extra);
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    const char *out = text ? arena_strdup(a, text) : NULL;
    free(text);
    return out;
}

/* Live: every committed event, on this server or another. */
static void on_event(Db *db, const Event *e, void *unused) {
    (void)unused;
    if (sse_open_count() == 0) return;
    Arena a = {0};
    Audience au;
    const char *data = describe(db, &a, e, &au);
    if (data) sse_broadcast(e->id, e->type, data, allows, &au);
    arena_free(&a);
}

void events_stream_init(void) { follower_subscribe(on_event, NULL); }

/* The messages after `after` the caller may see, into out; *last becomes
 * the newest event read. A client too far behind is told to reload
 * ("reset") and continues from the newest event. */
static bool backlog(Request *rq, long long after, Buf *out, long long *last) {
    Viewer viewer = access_viewer(rq);
    *last = after;
    for (int total = 0;;) {
        Arena batch = {0};
        Event *ev;
        int n;
        if (store_events_after(rq->db, &batch, *last, BACKLOG_BATCH, &ev, &n) != STORE_OK) {
            arena_free(&batch);
            return false;
        }
        for (int i = 0; i < n; i++) {
            Audience au;
            const char *data = describe(rq->db, &batch, &ev[i], &au);
            if (data && allows(&au, &viewer)) sse_format(out, ev[i].id, ev[i].type, data);
            *last = ev[i].id;
        }
        arena_free(&batch);
        total += n;
        if (n < BACKLOG_BATCH) return true;
        if (total >= MAX_BACKLOG) {
            if (store_events_last_id(rq->db, last) != STORE_OK) return false;
            buf_reset(out);
            sse_format(out, *last, "reset", "{}");
            return true;
        }
    }
}

void events_stream_get(Request *rq, Response *rs) {
    const char *resume = req_header(rq, "Last-Event-ID");
    if (!resume) resume = req_query(rq, "last_event_id"); /* for clients that cannot set headers */
    long long after = -1;
    if (resume) {
        char *end;
        errno = 0;
        after = strtoll(resume, &end, 10);
        if (end == resume || *end || errno || strspn(resume, "0123456789") != strlen(resume))
            return reply_problem(rq, rs, 400, "bad-last-event-id", "bad_request", "Last-Event-ID");
    }
    Viewer viewer = access_viewer(rq);
    SseStream *s = sse_open(rq->conn, &viewer);
    if (!s) return reply_db_error(rq, rs);
    /* a snapshot taken after the stream was opened: every event is either
     * in it or held by the stream, none is lost between the two */
    db_reset_all(rq->db);
    db_commit(rq->db);
    Buf text = BUF_INIT;
    long long last = 0;
    bool ok = db_begin_read(rq->db) == DB_OK &&
              (after < 0 ? store_events_last_id(rq->db, &last) == STORE_OK : backlog(rq, after, &text, &last));
    if (!ok) {
        buf_free(&text);
        sse_cancel(s);
        return reply_db_error(rq, rs);
    }
    sse_go_live(s, buf_str(&text), text.len, last);
    buf_free(&text);
    rs->stream = s;
    rs->status = 200;
}

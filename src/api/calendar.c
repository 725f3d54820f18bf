/* calendar: each user's personal calendar feed, GET /calendar/{token}.ics
 * (RFC 5545, lib/ical_feed.c): the rituals they take part in or created,
 * as recurring events in Europe/Paris with stable UIDs, and the interviews
 * they conduct (or planned), in UTC, with the UID and SEQUENCE of their
 * e-mailed invitation. The token in the address is the only credential
 * (calendar programs send no cookie). It is derived, not stored
 * (lib/feed_token.h: an HMAC of the user and a generation under the
 * firm's "calendar" server key), so GET /api/v1/me shows the address at
 * any time and every server computes the same one. POST /api/v1/me/calendar
 * makes a new address (the old one stops working), DELETE turns the feed
 * off until the next POST. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../lib/feed_token.h"
#include "../lib/ical_feed.h"
#include "../lib/timeutil.h"
#include "../store/calendar_feeds.h"
#include "../store/rituals.h"
#include "../store/server_keys.h"
#include "../store/users.h"
#include "api.h"
#include "ritual_util.h"

enum { MAX_FEED_RITUALS = 200 };

/* The host the caller used, when it looks like a host name (else none:
 * the address is then relative). */
static const char *request_host(Request *rq) {
    const char *h = req_header(rq, "Host");
    if (!h || !*h || strlen(h) > 255) return NULL;
    for (const char *p = h; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr(".-:[]", *p)) return NULL;
    return h;
}

/* The address of the feed f of the caller; NULL when it is off or no
 * server key exists yet. */
static bool calendar_url(Request *rq, const CalendarFeed *f, const char **url) {
    *url = NULL;
    const char *key;
    StoreResult r = store_server_key_get(rq->db, &rq->arena, CALENDAR_KEY, &key);
    if (r == STORE_NOT_FOUND || !f->active) return r == STORE_NOT_FOUND || r == STORE_OK;
    if (r != STORE_OK) return false;
    char token[FEED_TOKEN_MAX + 1];
    feed_token_make(key, rq->user.id, f->generation, token);
    const char *host = request_host(rq), *proto = req_header(rq, "X-Forwarded-Proto");
    const char *scheme = proto && strcmp(proto, "https") == 0 ? "https" : "http";
    *url = host ? arena_printf(&rq->arena, "%s://%s/calendar/%s.ics", scheme, host, token)
                : arena_printf(&rq->arena, "/calendar/%s.ics", token);
    return true;
}

/* {"calendar_url", "calendar": {"active", "created_at"}} of feed f into body. */
static bool calendar_fields(Request *rq, const CalendarFeed *f, json_t *body) {
    const char *url;
    if (!calendar_url(rq, f, &url)) return false;
    json_object_set_new(body, "calendar_url", json_str_or_null(url));
    json_object_set_new(body, "calendar", json_pack("{s:b, s:o}", "active", url != NULL, "created_at",
                                                    json_str_or_null(f->changed_at)));
    return true;
}

bool me_calendar_fields(Request *rq, json_t *body) {
    CalendarFeed f;
    return store_calendar_feed_get(rq->db, &rq->arena, rq->user.id, &f) == STORE_OK && calendar_fields(rq, &f, body);
}

/* A new generation, on (POST: a new address) or off (DELETE). */
static void renew(Request *rq, Response *rs, bool active) {
    CalendarFeed f;
    StoreResult r = store_calendar_feed_renew(rq->db, &rq->arena, rq->user.id, active, &f);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "calendar_feed";
    rs->audit_id = rq->user.id;
    if (!active) return reply_empty(rs, 204);
    json_t *body = json_object();
    if (!calendar_fields(rq, &f, body)) {
        json_decref(body);
        return reply_db_error(rq, rs);
    }
    reply_json(rs, 201, body);
}

void me_calendar_create(Request *rq, Response *rs) { renew(rq, rs, true); }

void me_calendar_delete(Request *rq, Response *rs) { renew(rq, rs, false); }

/* A ritual as a recurring event from its first occurrence. */
static bool ritual_event(Request *rq, const Ritual *r, IcalEvent *e) {
    RitualRule rule = ritual_rule_of(r);
    long first = ritual_first_on_or_after(&rule, rule.starts_on);
    if (first < 0) return false;
    char rrule[64];
    ritual_rrule(&rule, rrule);
    *e = (IcalEvent){.uid = arena_printf(&rq->arena, "ritual-%lld@alliance", r->id), .summary = r->name,
                     .description = r->description, .sequence = r->version - 1, .paris = true,
                     .hour = rule.minute / 60, .minute = rule.minute % 60,
                     .duration_minutes = (int)r->duration_minutes, .rrule = arena_strdup(&rq->arena, rrule),
                     .stamp = time_instant(r->updated_at), .created = time_instant(r->created_at)};
    time_days_civil(first, &e->year, &e->month, &e->day);
    return true;
}

/* An interview, in UTC, with the UID and SEQUENCE of its e-mailed invitation. */
static void interview_event(Request *rq, const CalendarInterview *iv, IcalEvent *e) {
    time_t start = time_instant(iv->starts_at);
    struct tm tm;
    gmtime_r(&start, &tm);
    *e = (IcalEvent){.uid = iv->uid, .summary = arena_printf(&rq->arena, "Entretien : %s — %s", iv->person_name,
                                                             iv->need_title),
                     .location = iv->place ? iv->place : iv->video_url, .url = iv->video_url,
                     .sequence = iv->sequence, .paris = false, .year = tm.tm_year + 1900, .month = tm.tm_mon + 1,
                     .day = tm.tm_mday, .hour = tm.tm_hour, .minute = tm.tm_min,
                     .duration_minutes = (int)iv->duration_minutes, .stamp = time_instant(iv->updated_at),
                     .created = time_instant(iv->created_at), .cancelled = strcmp(iv->status, "cancelled") == 0};
}

static void not_found(Request *rq, Response *rs) {
    static const char text[] = "Not found\n";
    rs->status = 404;
    rs->raw = text;
    rs->raw_len = sizeof text - 1;
    rs->content_type = "text/plain; charset=utf-8";
    (void)rq;
}

/* The enabled user whose live feed the token is; NOT_FOUND for any other
 * token (unknown, old generation, feed off, account disabled). */
static StoreResult feed_owner(Request *rq, User *u) {
    long long user_id;
    if (!feed_token_user(rq->token, &user_id)) return STORE_NOT_FOUND;
    const char *key;
    CalendarFeed f;
    StoreResult r = store_server_key_get(rq->db, &rq->arena, CALENDAR_KEY, &key);
    if (r == STORE_OK) r = store_calendar_feed_get(rq->db, &rq->arena, user_id, &f);
    if (r != STORE_OK) return r;
    if (!f.active || !feed_token_valid(key, rq->token, user_id, f.generation)) return STORE_NOT_FOUND;
    r = store_user_get(rq->db, &rq->arena, user_id, u);
    return r == STORE_OK && u->disabled ? STORE_NOT_FOUND : r;
}

void calendar_feed_get(Request *rq, Response *rs) {
    User u;
    StoreResult r = feed_owner(rq, &u);
    if (r == STORE_NOT_FOUND) return not_found(rq, rs);
    if (r != STORE_OK) return reply_db_error(rq, rs);
    Ritual *rituals;
    int n;
    if (store_rituals_list(rq->db, &rq->arena, u.id, 0, MAX_FEED_RITUALS, &rituals, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    CalendarInterview *ivs;
    int niv;
    if (store_calendar_interviews(rq->db, &rq->arena, u.id, &ivs, &niv) != STORE_OK) return reply_db_error(rq, rs);
    IcalEvent *events = arena_alloc(&rq->arena, (size_t)(n + niv + 1) * sizeof *events);
    int nevents = 0;
    for (int k = 0; k < n; k++)
        if (ritual_event(rq, &rituals[k], &events[nevents])) nevents++;
    for (int k = 0; k < niv; k++) interview_event(rq, &ivs[k], &events[nevents++]);
    char *text = ical_feed_build(arena_printf(&rq->arena, "Alliance · %s", u.name), events, nevents);
    if (!text) return reply_db_error(rq, rs);
    size_t len = strlen(text);
    rs->raw = arena_strndup(&rq->arena, text, len);
    rs->raw_len = len;
    ical_feed_free(text);
    rs->status = 200;
    rs->content_type = "text/calendar; charset=utf-8";
    reply_header(rq, rs, "Content-Disposition", "inline; filename=\"alliance.ics\"");
}

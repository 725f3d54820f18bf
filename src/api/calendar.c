/* calendar: each user's personal calendar feed, GET /calendar/{token}.ics
 * (RFC 5545, lib/ical_feed.c): the rituals they take part in or created,
 * as recurring events in Europe/Paris with stable UIDs. The token in the
 * address is the only credential (calendar programs send no cookie): 256
 * random bits, only its hash is stored, so the address is shown once, when
 * it is made (POST /api/v1/me/calendar); making a new one or DELETE
 * revokes the old. The interviews the user conducts (or planned) are in
 * it too, in UTC, with the UID and SEQUENCE of their e-mailed invitation. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../lib/ical_feed.h"
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../store/rituals.h"
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

static const char *calendar_url(Request *rq, const char *token) {
    const char *host = request_host(rq), *proto = req_header(rq, "X-Forwarded-Proto");
    const char *scheme = proto && strcmp(proto, "https") == 0 ? "https" : "http";
    if (!host) return arena_printf(&rq->arena, "/calendar/%s.ics", token);
    return arena_printf(&rq->arena, "%s://%s/calendar/%s.ics", scheme, host, token);
}

void me_calendar_fields(Request *rq, json_t *body) {
    const char *since = NULL;
    if (store_calendar_token_info(rq->db, &rq->arena, rq->user.id, &since) != STORE_OK) since = NULL;
    json_object_set_new(body, "calendar_url", json_null()); /* shown once, when made */
    json_object_set_new(body, "calendar", json_pack("{s:b, s:o}", "active", since != NULL, "created_at",
                                                    json_str_or_null(since)));
}

void me_calendar_create(Request *rq, Response *rs) {
    char token[SECRET_TOKEN_LEN], hash[SECRET_HASH_LEN];
    secret_token(token);
    secret_token_hash(token, hash);
    StoreResult r = store_calendar_token_mint(rq->db, rq->user.id, hash);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    const char *since = NULL;
    if (store_calendar_token_info(rq->db, &rq->arena, rq->user.id, &since) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "calendar_token";
    rs->audit_id = rq->user.id;
    reply_json(rs, 201, json_pack("{s:s, s:{s:b, s:o}}", "calendar_url", calendar_url(rq, token), "calendar",
                                  "active", true, "created_at", json_str_or_null(since)));
}

void me_calendar_delete(Request *rq, Response *rs) {
    StoreResult r = store_calendar_token_revoke(rq->db, rq->user.id);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "calendar_token";
    rs->audit_id = rq->user.id;
    reply_empty(rs, 204);
}

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

void calendar_feed_get(Request *rq, Response *rs) {
    char hash[SECRET_HASH_LEN];
    secret_token_hash(rq->token, hash);
    User u;
    StoreResult r = store_calendar_token_user(rq->db, &rq->arena, hash, &u);
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

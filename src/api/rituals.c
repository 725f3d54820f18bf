/* rituals: recurring team rituals (daily, weekly, monthly) held at a time
 * of day in Europe/Paris; each answer carries the next occurrence. Staff
 * create them; the author, the participants, managers and admins change
 * them. */
#include <string.h>
#include <time.h>
#include "../domain/permissions.h"
#include "../domain/paris_time.h"
#include "../domain/ritual_schedule.h"
#include "../lib/timeutil.h"
#include "../store/channels.h"
#include "../store/rituals.h"
#include "api.h"
#include "channels.h"
#include "ritual_util.h"

static const FieldSpec RITUAL[] = {
    {"name", F_STRING, true, 0, 200, NULL},
    {"description", F_TEXT, false, 0, 5000, NULL},
    {"frequency", F_ENUM, true, 0, 0, RITUAL_FREQUENCIES},
    {"time", F_STRING, true, 0, 5, NULL},
    {"duration_minutes", F_INT, false, 5, 480, NULL, .not_null = true},
    {"weekday", F_INT, false, 1, 7, NULL},
    {"month_day", F_INT, false, 1, 28, NULL},
    {"starts_on", F_DATE, false, 0, 10, NULL, .not_null = true},
    {"participant_ids", F_ARRAY, false, 0, 100, NULL, .not_null = true},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"timezone", F_IGNORED, false, 0, 0, NULL},
    {"participants", F_IGNORED, false, 0, 0, NULL},
    {"channel_id", F_ID, false, 1, 1LL << 53, NULL}, /* null: the ritual's own channel */
    {"channel_dedicated", F_IGNORED, false, 0, 0, NULL},
    {"next_occurrence", F_IGNORED, false, 0, 0, NULL},
    {"created_by", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

RitualRule ritual_rule_of(const Ritual *r) {
    RitualRule rule = {.frequency = r->frequency, .duration_minutes = (int)r->duration_minutes,
                       .weekday = (int)r->weekday, .month_day = (int)r->month_day,
                       .starts_on = time_date_days(r->starts_on)};
    if (!ritual_time_parse(r->time, &rule.minute)) rule.minute = 0;
    return rule;
}

bool ritual_next_occurrence(const Ritual *r, time_t now, Occurrence *o) {
    RitualRule rule = ritual_rule_of(r);
    time_t start = ritual_next(&rule, now);
    if (start < 0) return false;
    o->start = start;
    o->end = start + (time_t)r->duration_minutes * 60;
    int minute;
    paris_local(start, &o->days, &minute);
    time_days_iso(o->days, o->date);
    time_iso(o->start, o->starts_at);
    time_iso(o->end, o->ends_at);
    return true;
}

json_t *occurrence_json(const Ritual *r, const Occurrence *o) {
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "date", o->date, "starts_at", o->starts_at, "ends_at", o->ends_at,
                     "local_time", r->time, "timezone", "Europe/Paris");
}

static json_t *ritual_json(const Ritual *r) {
    json_t *j = json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:I, s:o, s:o, s:s, s:s}", "id", r->id, "version",
                          r->version, "name", r->name, "description", json_str_or_null(r->description), "frequency",
                          r->frequency, "time", r->time, "duration_minutes", r->duration_minutes, "weekday",
                          json_int_or_null(r->weekday), "month_day", json_int_or_null(r->month_day), "starts_on",
                          r->starts_on, "timezone", "Europe/Paris");
    json_object_set_new(j, "participant_ids", member_ids_json(&r->participants));
    json_object_set_new(j, "participants", members_json(&r->participants));
    json_object_set_new(j, "channel_id", json_int_or_null(r->channel_id));
    json_object_set_new(j, "channel_dedicated", json_boolean(r->channel_own));
    Occurrence o;
    json_object_set_new(j, "next_occurrence", ritual_next_occurrence(r, time(NULL), &o) ? occurrence_json(r, &o)
                                                                                         : json_null());
    json_object_set_new(j, "created_by", json_int_or_null(r->created_by));
    json_object_set_new(j, "created_at", json_string(r->created_at));
    json_object_set_new(j, "updated_at", json_string(r->updated_at));
    return j;
}

bool ritual_involved(const Ritual *r, long long user_id) {
    return r->created_by == user_id || members_contain(&r->participants, user_id);
}

/* channel_id: null for the ritual's own channel, or a team channel (one
 * no object owns) that the caller sees, and so may write in; the ritual's
 * current channel and its own are always accepted. Sets r->channel_id
 * (-1: its own, made by ritual_after_change). False on a storage error. */
static bool read_channel(Request *rq, json_t *j, Ritual *r, json_t *errs) {
    json_t *v = json_object_get(j, "channel_id");
    if (!v) return true;
    if (json_is_null(v)) {
        if (!r->channel_own) r->channel_id = -1;
        return true;
    }
    long long id = json_integer_value(v);
    if (id == r->channel_id) return true;
    ChannelViewer viewer = channel_viewer(&rq->user);
    Channel c;
    StoreResult res = store_channel_get(rq->db, &rq->arena, &viewer, id, &c);
    /* unknown and private to others read the same: a 422 must not tell which channels exist */
    if (res == STORE_NOT_FOUND) errors_add(rq, errs, "channel_id", "ritual_channel_unknown", id);
    else if (res != STORE_OK) return false;
    else if (c.object_type && (strcmp(c.object_type, "ritual") || c.object_id != r->id))
        errors_add(rq, errs, "channel_id", "ritual_channel_of_object", id);
    else r->channel_id = id;
    return true;
}

/* Overlays j on r and checks it. The day a weekly or monthly ritual falls
 * on defaults to the day of its first date; other frequencies drop it. */
static bool read_ritual(Request *rq, Response *rs, json_t *j, bool partial, Ritual *r) {
    json_t *errs = json_array();
    validate_object(rq, j, RITUAL, partial, errs);
    int minute;
    if (json_is_string(json_object_get(j, "time")) && !ritual_time_parse(jstr(j, "time"), &minute))
        errors_add(rq, errs, "time", "must_be_time");
    if (!json_array_size(errs)) {
        jset_str(rq, j, "name", &r->name);
        jset_str(rq, j, "description", &r->description);
        jset_str(rq, j, "frequency", &r->frequency);
        jset_str(rq, j, "time", &r->time);
        jset_int(j, "duration_minutes", &r->duration_minutes);
        jset_int(j, "weekday", &r->weekday);
        jset_int(j, "month_day", &r->month_day);
        jset_str(rq, j, "starts_on", &r->starts_on);
        json_t *ids = json_object_get(j, "participant_ids");
        if (ids) read_member_ids(rq, ids, "participant_ids", &r->participants, errs);
        if (!read_channel(rq, j, r, errs)) {
            json_decref(errs);
            reply_db_error(rq, rs);
            return false;
        }
    }
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    long first = time_date_days(r->starts_on);
    int y, m, d;
    time_days_civil(first, &y, &m, &d);
    bool weekly = strcmp(r->frequency, "weekly") == 0, monthly = strcmp(r->frequency, "monthly") == 0;
    if (!weekly) r->weekday = -1;
    else if (r->weekday < 1) r->weekday = days_weekday(first);
    if (!monthly) r->month_day = -1;
    else if (r->month_day < 1) r->month_day = d > 28 ? 28 : d;
    return true;
}

static void reply_ritual(Request *rq, Response *rs, long long id, int status) {
    Ritual r;
    if (store_ritual_get(rq->db, &rq->arena, id, &r) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "ritual";
    rs->audit_id = id;
    reply_versioned(rq, rs, r.version, ritual_json(&r));
    rs->status = status;
}

void rituals_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    const char *mine = req_query(rq, "mine");
    if (mine && strcmp(mine, "true") && strcmp(mine, "false"))
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "mine");
    Ritual *items;
    int n;
    if (store_rituals_list(rq->db, &rq->arena, mine && strcmp(mine, "true") == 0 ? rq->user.id : -1, before, limit,
                           &items, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *arr = json_array();
    for (int k = 0; k < n; k++) json_array_append_new(arr, ritual_json(&items[k]));
    reply_json(rs, 200, page_body(arr, limit, n ? items[n - 1].id : 0));
}

void rituals_create(Request *rq, Response *rs) {
    long today;
    int minute;
    paris_local(time(NULL), &today, &minute);
    char first[11];
    time_days_iso(today, first);
    Ritual r = {.duration_minutes = 30, .weekday = -1, .month_day = -1, .starts_on = first, .channel_id = -1,
                .created_by = rq->user.id};
    long long me = rq->user.id;
    r.participants = (Members){&me, (const char *[]){rq->user.name}, 1}; /* the author, unless told otherwise */
    if (!read_ritual(rq, rs, rq->json, false, &r)) return;
    StoreResult res = store_ritual_insert(rq->db, &rq->arena, &r);
    if (res != STORE_OK) return reply_store_error(rq, rs, res);
    if (!ritual_after_change(rq, r.id, NULL)) return reply_db_error(rq, rs);
    ritual_event_record(rq, "ritual.created", r.id, json_pack("{s:I}", "version", 1));
    reply_ritual(rq, rs, r.id, 201);
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/rituals/%lld", r.id));
}

void rituals_get(Request *rq, Response *rs) {
    Ritual r;
    StoreResult res = store_ritual_get(rq->db, &rq->arena, rq->ids[0], &r);
    if (res != STORE_OK) return reply_store_error(rq, rs, res);
    reply_versioned(rq, rs, r.version, ritual_json(&r));
}

void rituals_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Ritual r;
    StoreResult res = store_ritual_get(rq->db, &rq->arena, rq->ids[0], &r);
    if (res != STORE_OK) return reply_store_error(rq, rs, res);
    if (!permission_involved(rq->user.role, ritual_involved(&r, rq->user.id)))
        return reply_problem(rq, rs, 403, "not-involved", "ritual_not_involved", NULL);
    if (r.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    Ritual old = r;
    if (!read_ritual(rq, rs, rq->json, true, &r)) return;
    res = store_ritual_update(rq->db, &rq->arena, &r, expected);
    if (res != STORE_OK) return reply_store_error(rq, rs, res);
    if (!ritual_after_change(rq, r.id, &old)) return reply_db_error(rq, rs);
    ritual_event_record(rq, "ritual.updated", r.id, json_pack("{s:I}", "version", r.version));
    reply_ritual(rq, rs, r.id, 200);
}

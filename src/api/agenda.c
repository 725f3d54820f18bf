/* agenda: the agenda of a ritual's next occurrence, built by itself from
 * the data: open needs nobody is in the pipeline of, candidacies waiting
 * for an answer (no change for more than N working days; N is the
 * response SLA, 5 by default), deals waiting for a feasibility review,
 * incidents open or late (late first), new hires starting within
 * NEW_HIRE_DAYS; then the points participants added. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../domain/paris_time.h"
#include "../domain/permissions.h"
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "../store/agenda.h"
#include "../store/deals.h"
#include "../store/incidents.h"
#include "../store/rituals.h"
#include "../store/settings.h"
#include "api.h"
#include "incident_hooks.h"
#include "ritual_util.h"
#include "thread_text.h"

enum { DEFAULT_RESPONSE_SLA_DAYS = 5, NEW_HIRE_DAYS = 14 };

static const FieldSpec MINUTES[] = {
    {"notes", F_TEXT, true, 0, 10000, NULL},
    {"decisions", F_ARRAY, false, 0, 50, NULL, .not_null = true},
    {NULL, 0, false, 0, 0, NULL},
};

enum { MAX_DECISION = 500 };

static const FieldSpec POINT[] = {
    {"body", F_TEXT, true, 0, 2000, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* The number of working days after which a candidate waits too long:
 * the firm's setting (mail), 5 when it cannot be read. */
static int response_sla_days(Request *rq) {
    Settings s;
    if (store_settings_get(rq->db, &rq->arena, &s) != STORE_OK || s.response_sla_days < 1) return DEFAULT_RESPONSE_SLA_DAYS;
    return s.response_sla_days;
}

static json_t *need_item(const AgendaRow *r) {
    return json_pack("{s:I, s:s, s:o, s:o, s:o}", "need_id", r->id, "title", r->title, "client_id",
                     json_int_or_null(r->client_id), "client_name", json_str_or_null(r->client_name), "start_date",
                     json_str_or_null(r->date));
}

static json_t *candidacy_item(const AgendaRow *r, const char *date_key) {
    return json_pack("{s:I, s:I, s:s, s:I, s:s, s:o, s:s, s:o}", "candidacy_id", r->id, "need_id", r->need_id,
                     "need_title", r->title, "person_id", r->person_id, "person_name", r->person_name, "client_name",
                     json_str_or_null(r->client_name), "stage", r->stage, date_key, json_str_or_null(r->date));
}

static json_t *deal_item(const Deal *d) {
    return json_pack("{s:I, s:s, s:I, s:s, s:s}", "deal_id", d->id, "title", d->title, "client_id", d->client_id,
                     "client_name", d->client_name, "stage", d->stage);
}

/* Late incidents first, then by due date. */
static __thread const char *t_now; /* qsort has no argument: the time, per thread */
static int by_urgency(const void *a, const void *b) {
    const Incident *x = a, *y = b;
    bool lx = incident_overdue(x, t_now), ly = incident_overdue(y, t_now);
    if (lx != ly) return lx ? -1 : 1;
    return strcmp(x->due_at, y->due_at);
}

static void add_rows(json_t *agenda, const char *key, const AgendaRow *rows, int n, json_t *(*item)(const AgendaRow *)) {
    json_t *arr = json_array();
    for (int k = 0; k < n; k++) json_array_append_new(arr, item(&rows[k]));
    json_object_set_new(agenda, key, arr);
}

static json_t *waiting_item(const AgendaRow *r) { return candidacy_item(r, "since"); }
static json_t *hire_item(const AgendaRow *r) { return candidacy_item(r, "start_date"); }

static json_t *point_json(const RitualPoint *p) {
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:s}", "id", p->id, "occurrence", p->occurrence, "body", p->body,
                     "author_id", json_int_or_null(p->author_id), "author_name", json_str_or_null(p->author_name),
                     "created_at", p->created_at);
}

/* Builds the agenda into *out; STORE_NOT_FOUND when the ritual never occurs. */
static StoreResult build_agenda(Request *rq, const Ritual *r, const Occurrence *o, json_t **out) {
    time_t now = time(NULL);
    char now_iso[21], waiting_before[21], today[11], until[11];
    time_iso(now, now_iso);
    int sla = response_sla_days(rq);
    time_iso(working_days_before(now, sla), waiting_before);
    long days;
    int minute;
    paris_local(now, &days, &minute);
    time_days_iso(days, today);
    time_days_iso(days + NEW_HIRE_DAYS, until);

    AgendaRow *needs, *waiting, *hires;
    int nneeds, nwaiting, nhires, ndeals, nincidents, npoints;
    Deal *deals;
    Incident *incidents;
    RitualPoint *points;
    IncidentsFilter f = {.client_id = -1, .active = true, .involved = -1};
    if (store_agenda_needs_without_candidacy(rq->db, &rq->arena, &needs, &nneeds) != STORE_OK ||
        store_agenda_candidacies_waiting(rq->db, &rq->arena, waiting_before, &waiting, &nwaiting) != STORE_OK ||
        store_agenda_new_hires(rq->db, &rq->arena, today, until, &hires, &nhires) != STORE_OK ||
        store_deals_review_requested(rq->db, &rq->arena, &deals, &ndeals) != STORE_OK ||
        store_incidents_list(rq->db, &rq->arena, &f, 0, 200, &incidents, &nincidents) != STORE_OK ||
        store_ritual_points(rq->db, &rq->arena, r->id, o->date, &points, &npoints) != STORE_OK)
        return STORE_ERROR;
    t_now = now_iso;
    if (nincidents > 1) qsort(incidents, (size_t)nincidents, sizeof *incidents, by_urgency);

    json_t *a = json_pack("{s:{s:I, s:s}, s:o, s:i, s:i}", "ritual", "id", r->id, "name", r->name, "occurrence",
                          occurrence_json(r, o), "response_sla_days", sla, "new_hire_days", NEW_HIRE_DAYS);
    add_rows(a, "needs_without_candidacy", needs, nneeds, need_item);
    add_rows(a, "candidacies_waiting", waiting, nwaiting, waiting_item);
    json_t *arr = json_array();
    for (int k = 0; k < ndeals; k++) json_array_append_new(arr, deal_item(&deals[k]));
    json_object_set_new(a, "deals_awaiting_review", arr);
    arr = json_array();
    int late = 0;
    for (int k = 0; k < nincidents; k++) {
        late += incident_overdue(&incidents[k], now_iso);
        json_array_append_new(arr, incident_json(&incidents[k]));
    }
    json_object_set_new(a, "incidents", arr);
    json_object_set_new(a, "incidents_overdue", json_integer(late));
    add_rows(a, "new_hires", hires, nhires, hire_item);
    arr = json_array();
    for (int k = 0; k < npoints; k++) json_array_append_new(arr, point_json(&points[k]));
    json_object_set_new(a, "points", arr);
    *out = a;
    return STORE_OK;
}

static bool load(Request *rq, Response *rs, Ritual *r, Occurrence *o) {
    StoreResult res = store_ritual_get(rq->db, &rq->arena, rq->ids[0], r);
    if (res != STORE_OK) {
        reply_store_error(rq, rs, res);
        return false;
    }
    if (!ritual_next_occurrence(r, time(NULL), o)) {
        reply_problem(rq, rs, 409, "no-occurrence", "ritual_no_occurrence", NULL);
        return false;
    }
    return true;
}

void ritual_agenda_get(Request *rq, Response *rs) {
    Ritual r;
    Occurrence o;
    if (!load(rq, rs, &r, &o)) return;
    json_t *agenda;
    if (build_agenda(rq, &r, &o, &agenda) != STORE_OK) return reply_db_error(rq, rs);
    reply_json(rs, 200, agenda);
}

/* A participant adds a point to the next occurrence's agenda. */
void ritual_points_create(Request *rq, Response *rs) {
    Ritual r;
    Occurrence o;
    if (!load(rq, rs, &r, &o)) return;
    if (!permission_involved(rq->user.role, ritual_involved(&r, rq->user.id)))
        return reply_problem(rq, rs, 403, "not-involved", "ritual_not_involved", NULL);
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, POINT, false, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    RitualPoint p = {.ritual_id = r.id, .author_id = rq->user.id, .occurrence = arena_strdup(&rq->arena, o.date),
                     .author_name = rq->user.name, .body = jstr(rq->json, "body")};
    StoreResult res = store_ritual_point_insert(rq->db, &rq->arena, &p);
    if (res != STORE_OK) return reply_store_error(rq, rs, res);
    ritual_event_record(rq, "ritual.point", r.id, json_pack("{s:I, s:s}", "point_id", p.id, "occurrence", p.occurrence));
    rs->audit_type = "ritual_point";
    rs->audit_id = p.id;
    reply_json(rs, 201, point_json(&p));
}

/* After the meeting: its notes (Markdown as written) and decisions are
 * posted in the ritual's channel, under the date of the occurrence just
 * held (the next one when none was held yet). */
void ritual_minutes_create(Request *rq, Response *rs) {
    Ritual r;
    StoreResult res = store_ritual_get(rq->db, &rq->arena, rq->ids[0], &r);
    if (res != STORE_OK) return reply_store_error(rq, rs, res);
    if (!permission_involved(rq->user.role, ritual_involved(&r, rq->user.id)))
        return reply_problem(rq, rs, 403, "not-involved", "ritual_not_involved", NULL);
    json_t *errs = json_array();
    validate_object(rq, rq->json, MINUTES, false, errs);
    json_t *decisions = json_object_get(rq->json, "decisions");
    for (size_t k = 0; json_is_array(decisions) && k < json_array_size(decisions); k++) {
        json_t *d = json_array_get(decisions, k);
        const char *name = arena_printf(&rq->arena, "decisions[%zu]", k);
        if (!json_is_string(d)) errors_add(rq, errs, name, "must_be_string");
        else if (!json_string_length(d)) errors_add(rq, errs, name, "required");
        else if (text_utf8_length(json_string_value(d)) > MAX_DECISION) errors_add(rq, errs, name, "too_long", MAX_DECISION);
    }
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    RitualRule rule = ritual_rule_of(&r);
    time_t held = ritual_previous(&rule, time(NULL));
    Occurrence o;
    if (held < 0 && !ritual_next_occurrence(&r, time(NULL), &o))
        return reply_problem(rq, rs, 409, "no-occurrence", "ritual_no_occurrence", NULL);
    long days;
    int minute;
    if (held >= 0) paris_local(held, &days, &minute);
    else days = o.days;
    Buf b = BUF_INIT;
    buf_puts(&b, "**Compte rendu** — ");
    md_text(&b, r.name);
    buf_puts(&b, " du ");
    md_date(&b, days);
    buf_puts(&b, ", par ");
    md_text(&b, rq->user.name);
    buf_printf(&b, "\n\n%s", jstr(rq->json, "notes"));
    if (json_array_size(decisions)) {
        buf_puts(&b, "\n\n**Décisions**\n");
        for (size_t k = 0; k < json_array_size(decisions); k++) {
            buf_puts(&b, "\n- ");
            md_text(&b, json_string_value(json_array_get(decisions, k)));
        }
    }
    bool ok = ritual_post_notes(rq, &r, buf_str(&b));
    buf_free(&b);
    if (!ok) return reply_db_error(rq, rs);
    char date[11];
    time_days_iso(days, date);
    Ritual now;
    if (store_ritual_get(rq->db, &rq->arena, r.id, &now) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "ritual";
    rs->audit_id = r.id;
    reply_json(rs, 201, json_pack("{s:I, s:s, s:I}", "ritual_id", r.id, "occurrence", date, "channel_id", now.channel_id));
}

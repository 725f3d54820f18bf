/* incidents: client escalations ("hot potatoes"). Anyone may open one on a
 * client; its owner (any role; by default the client's account owner, else
 * the one who opens it) is asked to accept it; its severity's SLA sets the
 * due date; resolving needs a resolution summary. Only those involved
 * (owner, participants, author) and managers or admins change it. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../domain/incident_status.h"
#include "../domain/permissions.h"
#include "../lib/timeutil.h"
#include "../store/candidacies.h"
#include "../store/clients.h"
#include "../store/incidents.h"
#include "../store/needs.h"
#include "../store/people.h"
#include "../store/users.h"
#include "../http/event_log.h"
#include "api.h"
#include "incident_hooks.h"

static const FieldSpec INCIDENT[] = {
    {"title", F_STRING, true, 0, 200, NULL},
    {"description", F_TEXT, false, 0, 10000, NULL},
    {"client_id", F_ID, true, 1, 1LL << 53, NULL},
    {"need_id", F_ID, false, 1, 1LL << 53, NULL},
    {"mission_id", F_ID, false, 1, 1LL << 53, NULL},
    {"consultant_id", F_ID, false, 1, 1LL << 53, NULL},
    {"severity", F_ENUM, false, 0, 0, INCIDENT_SEVERITIES, .not_null = true},
    {"status", F_ENUM, false, 0, 0, INCIDENT_STATUSES, .not_null = true},
    {"owner_id", F_ID, false, 1, 1LL << 53, NULL, .not_null = true},
    {"participant_ids", F_ARRAY, false, 0, 50, NULL, .not_null = true},
    {"resolution", F_TEXT, false, 0, 10000, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"client_name", F_IGNORED, false, 0, 0, NULL},
    {"need_title", F_IGNORED, false, 0, 0, NULL},
    {"consultant_name", F_IGNORED, false, 0, 0, NULL},
    {"owner_name", F_IGNORED, false, 0, 0, NULL},
    {"created_by", F_IGNORED, false, 0, 0, NULL},
    {"created_by_name", F_IGNORED, false, 0, 0, NULL},
    {"participants", F_IGNORED, false, 0, 0, NULL},
    {"accepted_at", F_IGNORED, false, 0, 0, NULL},
    {"due_at", F_IGNORED, false, 0, 0, NULL},
    {"overdue", F_IGNORED, false, 0, 0, NULL},
    {"resolved_at", F_IGNORED, false, 0, 0, NULL},
    {"closed_at", F_IGNORED, false, 0, 0, NULL},
    {"channel_id", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec SLA[] = {
    {"low_hours", F_INT, false, 1, 8760, NULL, .not_null = true},
    {"medium_hours", F_INT, false, 1, 8760, NULL, .not_null = true},
    {"high_hours", F_INT, false, 1, 8760, NULL, .not_null = true},
    {"critical_hours", F_INT, false, 1, 8760, NULL, .not_null = true},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

bool incident_overdue(const Incident *i, const char *now) {
    return incident_status_active(i->status) && i->due_at && strcmp(i->due_at, now) < 0;
}

json_t *incident_json(const Incident *i) {
    char now[21];
    time_now_iso(now);
    json_t *j = json_pack("{s:I, s:I, s:s, s:o, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "id", i->id,
                          "version", i->version, "title", i->title, "description", json_str_or_null(i->description),
                          "client_id", i->client_id, "client_name", i->client_name, "need_id",
                          json_int_or_null(i->need_id), "need_title", json_str_or_null(i->need_title), "mission_id",
                          json_int_or_null(i->mission_id), "consultant_id", json_int_or_null(i->consultant_id),
                          "consultant_name", json_str_or_null(i->consultant_name), "severity", i->severity, "status",
                          i->status);
    json_object_set_new(j, "owner_id", json_integer(i->owner_id));
    json_object_set_new(j, "owner_name", json_str_or_null(i->owner_name));
    json_object_set_new(j, "created_by", json_int_or_null(i->created_by));
    json_object_set_new(j, "created_by_name", json_str_or_null(i->created_by_name));
    json_object_set_new(j, "participant_ids", member_ids_json(&i->participants));
    json_object_set_new(j, "participants", members_json(&i->participants));
    json_object_set_new(j, "accepted_at", json_str_or_null(i->accepted_at));
    json_object_set_new(j, "due_at", json_string(i->due_at));
    json_object_set_new(j, "overdue", json_boolean(incident_overdue(i, now)));
    json_object_set_new(j, "resolution", json_str_or_null(i->resolution));
    json_object_set_new(j, "resolved_at", json_str_or_null(i->resolved_at));
    json_object_set_new(j, "closed_at", json_str_or_null(i->closed_at));
    json_object_set_new(j, "channel_id", json_int_or_null(i->channel_id));
    json_object_set_new(j, "created_at", json_string(i->created_at));
    json_object_set_new(j, "updated_at", json_string(i->updated_at));
    return j;
}

/* The SLA of a severity in hours (the setting, else the default). */
static int sla_hours(Request *rq, const char *severity) {
    IncidentSla s;
    if (store_incident_sla_get(rq->db, &rq->arena, &s) != STORE_OK) return incident_default_sla_hours(severity);
    for (int k = 0; INCIDENT_SEVERITIES[k]; k++)
        if (strcmp(INCIDENT_SEVERITIES[k], severity) == 0) return s.hours[k];
    return incident_default_sla_hours(severity);
}

/* due = opened + SLA of the severity; a new severity moves it. */
static const char *due_at(Request *rq, const Incident *i) {
    char out[21];
    time_iso(time_instant(i->created_at) + (time_t)sla_hours(rq, i->severity) * 3600, out);
    return arena_strdup(&rq->arena, out);
}

/* The mission (a hired candidacy) of the incident's client gives the need
 * and the consultant when they are not given, and must agree with them. */
static void check_mission(Request *rq, Incident *i, json_t *errs) {
    CandidacyRow c;
    StoreResult r = store_candidacy_get(rq->db, &rq->arena, i->mission_id, &c);
    if (r != STORE_OK || strcmp(c.c.stage, "hired") != 0) return errors_add(rq, errs, "mission_id", "no_such_mission");
    if (c.client_id != i->client_id) return errors_add(rq, errs, "mission_id", "mission_other_client");
    if (i->need_id < 0) i->need_id = c.c.need_id;
    if (i->consultant_id < 0) i->consultant_id = c.c.person_id;
    if (i->need_id != c.c.need_id) errors_add(rq, errs, "need_id", "mission_mismatch");
    if (i->consultant_id != c.c.person_id) errors_add(rq, errs, "consultant_id", "mission_mismatch");
}

/* The objects named exist and belong to the incident's client. */
static void check_refs(Request *rq, json_t *j, Incident *i, json_t *errs) {
    Client c;
    if (store_client_get(rq->db, &rq->arena, i->client_id, &c) != STORE_OK)
        return errors_add(rq, errs, "client_id", "no_such_client");
    bool refs_changed = jhas(j, "client_id") || jhas(j, "need_id") || jhas(j, "mission_id") || jhas(j, "consultant_id");
    if (!refs_changed) return;
    if (i->mission_id > 0) check_mission(rq, i, errs);
    if (i->need_id > 0) {
        Need n;
        if (store_need_get(rq->db, &rq->arena, i->need_id, &n) != STORE_OK) errors_add(rq, errs, "need_id", "no_such_need");
        else if (n.client_id != i->client_id) errors_add(rq, errs, "need_id", "need_other_client");
    }
    if (i->consultant_id > 0) {
        Person p;
        if (store_person_get(rq->db, &rq->arena, i->consultant_id, &p) != STORE_OK)
            errors_add(rq, errs, "consultant_id", "no_such_person");
    }
}

static void check_owner_account(Request *rq, long long owner_id, json_t *errs) {
    User u;
    if (store_user_get(rq->db, &rq->arena, owner_id, &u) != STORE_OK || u.disabled || !role_in_firm(u.role))
        errors_add(rq, errs, "owner_id", "no_such_user");
}

/* Overlays j on i and checks every field and reference; answers 422. */
static bool read_incident(Request *rq, Response *rs, json_t *j, bool partial, Incident *i) {
    json_t *errs = json_array();
    validate_object(rq, j, INCIDENT, partial, errs);
    if (!json_array_size(errs)) {
        jset_str(rq, j, "title", &i->title);
        jset_str(rq, j, "description", &i->description);
        jset_int(j, "client_id", &i->client_id);
        jset_int(j, "need_id", &i->need_id);
        jset_int(j, "mission_id", &i->mission_id);
        jset_int(j, "consultant_id", &i->consultant_id);
        jset_str(rq, j, "severity", &i->severity);
        jset_str(rq, j, "status", &i->status);
        jset_int(j, "owner_id", &i->owner_id);
        jset_str(rq, j, "resolution", &i->resolution);
        json_t *ids = json_object_get(j, "participant_ids");
        if (ids) read_member_ids(rq, ids, "participant_ids", &i->participants, errs);
        check_refs(rq, j, i, errs);
        if (jhas(j, "owner_id")) check_owner_account(rq, i->owner_id, errs);
    }
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    return true;
}

/* Applies the status rule (from NULL on create); sets the times it implies. */
static bool check_move(Request *rq, Response *rs, const char *from, Incident *i, const char *now) {
    switch (incident_check_move(from, i->status, i->resolution)) {
    case INCIDENT_MOVE_OK: break;
    case INCIDENT_MOVE_SUMMARY_REQUIRED: {
        json_t *errs = json_array();
        errors_add(rq, errs, "resolution", "resolution_required");
        reply_invalid(rq, rs, errs);
        return false;
    }
    case INCIDENT_MOVE_FROM_CLOSED: reply_problem(rq, rs, 409, "incident-closed", "incident_closed", NULL); return false;
    case INCIDENT_MOVE_NOT_ALLOWED:
    case INCIDENT_MOVE_UNKNOWN:
        reply_problem(rq, rs, 409, "incident-status", "incident_status_move",
                      arena_printf(&rq->arena, "%s -> %s", from ? from : "-", i->status));
        return false;
    }
    /* a summary belongs to a resolution: an incident being worked on (new,
     * or reopened) has none */
    if (incident_status_active(i->status)) i->resolution = NULL;
    if (from && strcmp(from, i->status) == 0) return true;
    if (strcmp(i->status, "resolved") == 0) i->resolved_at = arena_strdup(&rq->arena, now);
    if (strcmp(i->status, "closed") == 0) i->closed_at = arena_strdup(&rq->arena, now);
    if (strcmp(i->status, "in_progress") == 0) i->resolved_at = NULL; /* reopened */
    return true;
}

/* What the KPIs read: the status and the severity. */
static json_t *incident_state(const Incident *i) {
    return json_pack("{s:s, s:s}", "status", i->status, "severity", i->severity);
}

static EventRefs incident_refs(const Incident *i) { return (EventRefs){i->client_id, i->need_id, i->consultant_id}; }

static bool involved(const Incident *i, long long user_id) {
    return i->owner_id == user_id || i->created_by == user_id || members_contain(&i->participants, user_id);
}

static void reply_incident(Request *rq, Response *rs, long long id, int status) {
    Incident i;
    if (store_incident_get(rq->db, &rq->arena, id, &i) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "incident";
    rs->audit_id = id;
    reply_versioned(rq, rs, i.version, incident_json(&i));
    rs->status = status;
}

void incidents_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    char now[21];
    time_now_iso(now);
    IncidentsFilter f = {.client_id = -1, .status = req_query(rq, "status"), .involved = -1};
    if (f.status && !incident_status_valid(f.status))
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "status");
    if (!req_filter_id(rq, rs, "client_id", &f.client_id)) return;
    const char *flags[] = {"active", "overdue", "mine"};
    bool on[3] = {false, false, false};
    for (int k = 0; k < 3; k++) {
        const char *v = req_query(rq, flags[k]);
        if (!v) continue;
        if (strcmp(v, "true") && strcmp(v, "false")) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", flags[k]);
        on[k] = strcmp(v, "true") == 0;
    }
    f.active = on[0];
    if (on[1]) f.overdue_at = now;
    if (on[2]) f.involved = rq->user.id;
    if (access_scope(rq, ROW_INCIDENT) == SCOPE_OWN) { /* a client contact: their client's (visibility.h) */
        Viewer v = access_viewer(rq);
        if (f.client_id < 0 || f.client_id == v.client_id) f.client_id = v.client_id > 0 ? v.client_id : 0;
        else f.client_id = 0; /* another client's: none */
    }
    Incident *items;
    int n;
    if (store_incidents_list(rq->db, &rq->arena, &f, before, limit, &items, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *arr = json_array();
    for (int k = 0; k < n; k++) json_array_append_new(arr, incident_json(&items[k]));
    reply_json(rs, 200, page_body(arr, limit, n ? items[n - 1].id : 0));
}

void incidents_create(Request *rq, Response *rs) {
    char now[21];
    time_now_iso(now);
    Incident i = {.client_id = -1, .need_id = -1, .mission_id = -1, .consultant_id = -1, .owner_id = -1,
                  .severity = "medium", .status = "open", .created_by = rq->user.id, .created_at = now};
    if (!read_incident(rq, rs, rq->json, false, &i)) return;
    if (!check_move(rq, rs, NULL, &i, now)) return;
    if (i.owner_id < 0) { /* the client's account owner, else the author */
        Client c;
        User u;
        i.owner_id = rq->user.id;
        if (store_client_get(rq->db, &rq->arena, i.client_id, &c) == STORE_OK && c.owner_id > 0 &&
            store_user_get(rq->db, &rq->arena, c.owner_id, &u) == STORE_OK && !u.disabled)
            i.owner_id = c.owner_id;
    }
    if (i.owner_id == rq->user.id) i.accepted_at = now; /* one accepts what one takes on oneself */
    i.created_at = arena_strdup(&rq->arena, now);
    i.due_at = due_at(rq, &i);
    StoreResult r = store_incident_insert(rq->db, &rq->arena, &i);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    event_record(rq, "incident.created", "incident", i.id, incident_refs(&i), NULL, incident_state(&i));
    if (!incident_after_change(rq, i.id, NULL)) return reply_db_error(rq, rs);
    reply_incident(rq, rs, i.id, 201);
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/incidents/%lld", i.id));
}

void incidents_get(Request *rq, Response *rs) {
    Incident i;
    StoreResult r = store_incident_get(rq->db, &rq->arena, rq->ids[0], &i);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, i.version, incident_json(&i));
}

void incidents_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Incident i;
    StoreResult r = store_incident_get(rq->db, &rq->arena, rq->ids[0], &i);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (!permission_involved(rq->user.role, involved(&i, rq->user.id)))
        return reply_problem(rq, rs, 403, "not-involved", "incident_not_involved", NULL);
    if (i.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    if (strcmp(i.status, "closed") == 0) return reply_problem(rq, rs, 409, "incident-closed", "incident_closed", NULL);
    Incident old = i;
    char now[21];
    time_now_iso(now);
    if (!read_incident(rq, rs, rq->json, true, &i)) return;
    if (!check_move(rq, rs, old.status, &i, now)) return;
    if (i.owner_id != old.owner_id) i.accepted_at = i.owner_id == rq->user.id ? arena_strdup(&rq->arena, now) : NULL;
    if (strcmp(i.severity, old.severity)) i.due_at = due_at(rq, &i);
    r = store_incident_update(rq->db, &rq->arena, &i, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    bool moved = strcmp(old.status, i.status) != 0;
    event_record(rq, moved ? "incident.status" : "incident.updated", "incident", i.id, incident_refs(&i),
                 incident_state(&old), incident_state(&i));
    if (!incident_after_change(rq, i.id, &old)) return reply_db_error(rq, rs);
    reply_incident(rq, rs, i.id, 200);
}

/* The owner takes the incident on: accepted, and in progress if it was open. */
void incidents_accept(Request *rq, Response *rs) {
    Incident i;
    StoreResult r = store_incident_get(rq->db, &rq->arena, rq->ids[0], &i);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (i.owner_id != rq->user.id) return reply_problem(rq, rs, 403, "not-owner", "incident_not_owner", NULL);
    if (!incident_status_active(i.status)) return reply_problem(rq, rs, 409, "incident-closed", "incident_closed", NULL);
    if (i.accepted_at && strcmp(i.status, "in_progress") == 0) return reply_incident(rq, rs, i.id, 200);
    Incident old = i;
    char now[21];
    time_now_iso(now);
    if (!i.accepted_at) i.accepted_at = now;
    i.status = "in_progress";
    r = store_incident_update(rq->db, &rq->arena, &i, i.version);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (strcmp(old.status, i.status))
        event_record(rq, "incident.status", "incident", i.id, incident_refs(&i), incident_state(&old),
                     incident_state(&i));
    if (!incident_after_change(rq, i.id, &old)) return reply_db_error(rq, rs);
    reply_incident(rq, rs, i.id, 200);
}

static json_t *sla_json(const IncidentSla *s) {
    return json_pack("{s:i, s:i, s:i, s:i, s:I, s:o}", "low_hours", s->hours[0], "medium_hours", s->hours[1],
                     "high_hours", s->hours[2], "critical_hours", s->hours[3], "version", s->version, "updated_at",
                     json_str_or_null(s->updated_at));
}

void incident_sla_get(Request *rq, Response *rs) {
    IncidentSla s;
    if (store_incident_sla_get(rq->db, &rq->arena, &s) != STORE_OK) return reply_db_error(rq, rs);
    reply_versioned(rq, rs, s.version, sla_json(&s));
}

/* A new SLA applies to incidents opened or re-rated from now on. */
void incident_sla_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, SLA, true, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    IncidentSla s;
    if (store_incident_sla_get(rq->db, &rq->arena, &s) != STORE_OK) return reply_db_error(rq, rs);
    for (int k = 0; INCIDENT_SEVERITIES[k]; k++) {
        long long v = jint(rq->json, arena_printf(&rq->arena, "%s_hours", INCIDENT_SEVERITIES[k]));
        if (v > 0) s.hours[k] = (int)v;
    }
    StoreResult r = store_incident_sla_set(rq->db, &rq->arena, &s, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "incident_sla";
    rs->audit_id = 1;
    reply_versioned(rq, rs, s.version, sla_json(&s));
}

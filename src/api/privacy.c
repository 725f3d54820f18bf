/* privacy: the rights of the people whose data the firm keeps (GDPR).
 *   GET  /api/v1/people/{id}/export  right of access (art. 15): everything
 *        about the person in one JSON document, served as a download.
 *   POST /api/v1/people/{id}/erase   right to erasure (art. 17), admin or
 *        manager, with a reason: personal data goes everywhere at once
 *        (store/privacy.c), the facts stay so that counts stay true, and
 *        the events that mention the person keep only their facts. */
#include <string.h>
#include "../http/event_log.h"
#include "../lib/timeutil.h"
#include "../store/candidacies.h"
#include "../store/events.h"
#include "../store/people.h"
#include "../store/people_index.h"
#include "../store/privacy.h"
#include "../store/privacy_requests.h"
#include "api.h"

enum { EXPORT_MAX = 10000 };

/* The same JSON as the resources' own answers (people.c, candidacies.c). */
json_t *person_json(Request *rq, const Person *p);
json_t *candidacy_json(const CandidacyRow *r);

static const FieldSpec ERASE[] = {
    {"reason", F_TEXT, true, 0, 500, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* What an event may keep once its person is erased: the facts the KPIs
 * count (stages, statuses, kinds), never free text. */
static const char *const FACT_KEYS[] = {"stage", "status", "kind", NULL};

/* The same JSON object with only FACT_KEYS; NULL stays NULL. Arena copy. */
static const char *facts_only(Request *rq, const char *text) {
    if (!text) return NULL;
    json_t *in = json_loads(text, 0, NULL), *out = json_object();
    for (int i = 0; in && FACT_KEYS[i]; i++) {
        json_t *v = json_object_get(in, FACT_KEYS[i]);
        if (v && !json_is_object(v) && !json_is_array(v)) json_object_set(out, FACT_KEYS[i], v);
    }
    char *dumped = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS);
    const char *copy = arena_strdup(&rq->arena, dumped ? dumped : "{}");
    free(dumped);
    json_decref(in);
    json_decref(out);
    return copy;
}

void people_erase(Request *rq, Response *rs) {
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, ERASE, false, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    char now[21];
    time_now_iso(now);
    long long id = rq->ids[0];
    StoreResult r = store_person_erase(rq->db, id, rq->user.id, jstr(rq->json, "reason"), now);
    if (r == STORE_CONFLICT) return reply_problem(rq, rs, 409, "already-erased", "conflict", NULL);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    /* the full-text index forgets them at once */
    if (store_person_index(rq->db, &rq->arena, id) != STORE_OK) return reply_db_error(rq, rs);
    Event *ev;
    int n;
    if (store_events_of_person(rq->db, &rq->arena, id, EXPORT_MAX, &ev, &n) != STORE_OK) return reply_db_error(rq, rs);
    for (int i = 0; i < n; i++)
        if (store_event_redact(rq->db, ev[i].id, facts_only(rq, ev[i].before), facts_only(rq, ev[i].after)) != STORE_OK)
            return reply_db_error(rq, rs);
    int answered;
    char day[11];
    memcpy(day, now, 10);
    day[10] = '\0';
    if (store_privacy_requests_answer(rq->db, id, "erasure", day, "effacement effectué", &answered) != STORE_OK)
        return reply_db_error(rq, rs);
    event_record(rq, "person.erased", "person", id, (EventRefs){-1, -1, id}, NULL, NULL);
    rs->audit_type = "person";
    rs->audit_id = id;
    reply_json(rs, 200, json_pack("{s:I, s:s, s:i, s:i}", "id", id, "erased_at", now, "events_redacted", n,
                                  "requests_answered", answered));
}

static json_t *json_text_or_null(const char *text) {
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return j ? j : json_null();
}

void people_export(Request *rq, Response *rs) {
    long long id = rq->ids[0];
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, id, &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    const char *erased_at;
    CandidacyRow *cs;
    Event *ev;
    AuditEntry *au;
    Erasure *er;
    int nc, ne, na, nr;
    CandidaciesFilter f = {-1, id, NULL};
    if (store_person_erased_at(rq->db, &rq->arena, id, &erased_at) != STORE_OK ||
        store_candidacies_list(rq->db, &rq->arena, &f, 0, EXPORT_MAX, &cs, &nc) != STORE_OK ||
        store_events_of_person(rq->db, &rq->arena, id, EXPORT_MAX, &ev, &ne) != STORE_OK ||
        store_audit_of_person(rq->db, &rq->arena, id, &au, &na) != STORE_OK ||
        store_erasures_of_person(rq->db, &rq->arena, id, &er, &nr) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *cands = json_array(), *events = json_array(), *audit = json_array(), *erasures = json_array();
    for (int i = 0; i < nc; i++) json_array_append_new(cands, candidacy_json(&cs[i]));
    for (int i = 0; i < ne; i++)
        json_array_append_new(events, json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:o, s:o}", "id", ev[i].id, "at",
                                                ev[i].at, "type", ev[i].type, "object_type", ev[i].object_type,
                                                "object_id", ev[i].object_id, "actor_id", json_int_or_null(ev[i].actor_id),
                                                "before", json_text_or_null(ev[i].before), "after",
                                                json_text_or_null(ev[i].after)));
    for (int i = 0; i < na; i++)
        json_array_append_new(audit, json_pack("{s:I, s:s, s:s, s:o}", "id", au[i].id, "at", au[i].at, "action",
                                               au[i].action, "user_id", json_int_or_null(au[i].user_id)));
    for (int i = 0; i < nr; i++)
        json_array_append_new(erasures, json_pack("{s:s, s:o, s:s}", "at", er[i].at, "actor_id",
                                                  json_int_or_null(er[i].actor_id), "reason", er[i].reason));
    char now[21];
    time_now_iso(now);
    json_t *doc = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "format", "alliance.person-export/1",
                            "exported_at", now, "person", person_json(rq, &p), "erased_at", json_str_or_null(erased_at),
                            "candidacies", cands, "events", events, "audit", audit, "erasures", erasures);
    reply_header(rq, rs, "Content-Disposition",
                 arena_printf(&rq->arena, "attachment; filename=\"person-%lld.json\"", id));
    rs->audit_type = "person";
    reply_json(rs, 200, doc);
}

/* people: candidates and consultants (API.md "Person"). */
#include <string.h>
#include "../domain/skills.h"
#include "../store/people.h"
#include "../store/privacy.h"
#include "../privacy/intake.h"
#include "../http/event_log.h"
#include "../store/duplicates.h"
#include "duplicates.h"
#include "matches.h"
#include "skill_input.h"

static const char *const KINDS[] = {"candidate", "consultant", NULL};
static const char *const LANGUAGES[] = {"fr", "en", NULL}; /* of the mail they receive */

static const FieldSpec PERSON[] = {
    {"kind", F_ENUM, true, 0, 0, KINDS},
    {"first_name", F_STRING, true, 0, 100, NULL},
    {"last_name", F_STRING, true, 0, 100, NULL},
    {"email", F_EMAIL, false, 0, 254, NULL},
    {"phone", F_STRING, false, 0, 40, NULL},
    {"location", F_STRING, false, 0, 100, NULL},
    {"available_from", F_DATE, false, 0, 10, NULL},
    {"daily_rate", F_INT, false, 0, 100000, NULL},
    {"skills", F_ARRAY, false, 0, 100, NULL},
    {"language", F_ENUM, false, 0, 0, LANGUAGES, true},
    /* read-only fields a client may send back unchanged */
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"name", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {"tags", F_IGNORED, false, 0, 0, NULL},
    {"duplicates", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

json_t *person_json(Request *rq, const Person *p) {
    json_t *skills = json_array();
    for (int i = 0; i < p->nskills; i++) json_array_append_new(skills, skill_json_person(rq, &p->skills[i]));
    json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "id", p->id, "version",
                     p->version, "kind", p->kind, "first_name", p->first_name, "last_name", p->last_name, "name",
                     arena_printf(&rq->arena, "%s %s", p->first_name, p->last_name), "email", json_str_or_null(p->email),
                     "phone", json_str_or_null(p->phone), "location", json_str_or_null(p->location), "available_from",
                     json_str_or_null(p->available_from), "daily_rate", json_int_or_null(p->daily_rate), "skills", skills, "created_at",
                     p->created_at, "updated_at", p->updated_at);
    json_object_set_new(j, "language", json_string(p->language ? p->language : "fr"));
    return j;
}

bool person_read(Request *rq, json_t *j, bool partial, Person *p, json_t *errs) {
    size_t before = json_array_size(errs);
    validate_object(rq, j, PERSON, partial, errs);
    jset_str(rq, j, "kind", &p->kind);
    jset_str(rq, j, "first_name", &p->first_name);
    jset_str(rq, j, "last_name", &p->last_name);
    jset_str(rq, j, "email", &p->email);
    jset_str(rq, j, "phone", &p->phone);
    jset_str(rq, j, "location", &p->location);
    jset_str(rq, j, "available_from", &p->available_from);
    jset_int(j, "daily_rate", &p->daily_rate);
    jset_str(rq, j, "language", &p->language);
    json_t *skills = json_object_get(j, "skills");
    if (json_is_array(skills)) skill_input_person(rq, skills, &p->skills, &p->nskills, errs);
    else if (json_is_null(skills)) p->nskills = 0;
    return json_array_size(errs) == before;
}

/* Overlays the fields present in j on p (all of them on create). */
static bool read_person(Request *rq, Response *rs, json_t *j, bool partial, Person *p) {
    json_t *errs = json_array();
    if (!person_read(rq, j, partial, p, errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    return true;
}

json_t *person_detail_json(Request *rq, const Person *p) {
    const char **tags;
    int ntags;
    json_t *dups = person_duplicates_json(rq, p->id);
    if (!dups || store_person_tags(rq->db, &rq->arena, p->id, &tags, &ntags) != STORE_OK) {
        json_decref(dups);
        return NULL;
    }
    json_t *j = person_json(rq, p), *t = json_array();
    for (int i = 0; i < ntags; i++) json_array_append_new(t, json_string(tags[i]));
    json_object_set_new(j, "tags", t);
    json_object_set_new(j, "duplicates", dups);
    return j;
}

/* Flags duplicates of p once written, then answers with p in full. */
static void reply_person(Request *rq, Response *rs, const Person *p) {
    int n;
    json_t *j = NULL;
    if (duplicates_check(rq->db, &rq->arena, p, NULL, &n) != STORE_OK || !(j = person_detail_json(rq, p)))
        return reply_db_error(rq, rs);
    reply_versioned(rq, rs, p->version, j);
}

void people_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    PeopleFilter f = {req_query(rq, "kind"), NULL, NULL, 0};
    const char *skill;
    if (!req_search(rq, rs, "q", 200, &f.q) || !req_search(rq, rs, "skill", 100, &skill)) return;
    if (f.kind && strcmp(f.kind, "candidate") != 0 && strcmp(f.kind, "consultant") != 0)
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "kind: candidate | consultant");
    const char *skills; /* matching engine: ?skills=java:4,kubernetes ranks instead of listing */
    if (!req_search(rq, rs, "skills", 1000, &skills)) return;
    if (access_scope(rq, ROW_PERSON) == SCOPE_OWN) { /* a consultant: their own profile (visibility.h) */
        if (skills) return reply_problem(rq, rs, 403, "forbidden", "forbidden", NULL); /* ranking is matching */
        Viewer v = access_viewer(rq);
        f.person_id = v.person_id > 0 ? v.person_id : -1;
    }
    if (skills) return people_search_ranked(rq, rs, skills, f.q, f.kind);
    if (skill) {
        const Skill *s = skills_resolve(skill);
        if (!s) return reply_json(rs, 200, page_body(json_array(), limit, 0));
        f.skill = s->id;
    }
    Person *people;
    int n;
    if (store_people_list(rq->db, &rq->arena, &f, before, limit, &people, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, person_json(rq, &people[i]));
    reply_json(rs, 200, page_body(items, limit, n ? people[n - 1].id : 0));
}

/* A person's events say what happened, never who (no personal data: the
 * log outlives an erasure). */
void person_record_change(Request *rq, const Person *p, const char *type) {
    event_record(rq, type, "person", p->id, (EventRefs){-1, -1, p->id}, NULL,
                 p->kind ? json_pack("{s:s}", "kind", p->kind) : NULL);
}

void people_create(Request *rq, Response *rs) {
    Person p = {.daily_rate = -1};
    if (!read_person(rq, rs, rq->json, false, &p)) return;
    DuplicateHit *dups; /* looked for before the insert: see duplicates.h */
    int ndups;
    if (duplicates_find(rq->db, &rq->arena, &p, &dups, &ndups) != STORE_OK) return reply_db_error(rq, rs);
    StoreResult r = store_person_insert(rq->db, &rq->arena, &p);
    /* privacy: the basis they are kept on, from their first day */
    if (r == STORE_OK)
        r = privacy_intake(rq->db, &rq->arena, &p, rq->via_token ? "api" : "recruiter", -1, rq->user.id, false);
    if (r == STORE_OK) r = duplicates_record(rq->db, &rq->arena, &p, dups, ndups);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    person_record_change(rq, &p, "person.created");
    rs->audit_type = "person";
    rs->audit_id = p.id;
    json_t *j = person_json(rq, &p); /* a new person: no tags yet, the duplicates just found */
    json_object_set_new(j, "tags", json_array());
    json_object_set_new(j, "duplicates", duplicate_hits_json(dups, ndups));
    reply_versioned(rq, rs, p.version, j);
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/people/%lld", p.id));
}

void people_get(Request *rq, Response *rs) {
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    json_t *j = person_detail_json(rq, &p);
    if (!j) return reply_db_error(rq, rs);
    reply_versioned(rq, rs, p.version, j);
}

void people_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (p.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    bool hired = strcmp(p.kind, "consultant") != 0; /* a candidate now, perhaps a consultant below */
    if (!read_person(rq, rs, rq->json, true, &p)) return;
    r = store_person_update(rq->db, &rq->arena, &p, expected);
    /* privacy: a candidate who becomes a consultant is kept for their contract */
    if (r == STORE_OK && hired && strcmp(p.kind, "consultant") == 0)
        r = privacy_intake(rq->db, &rq->arena, &p, "contract", -1, rq->user.id, false);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    person_record_change(rq, &p, "person.updated");
    rs->audit_type = "person";
    reply_person(rq, rs, &p);
}

void people_delete(Request *rq, Response *rs) {
    const char **files;
    int nfiles;
    if (store_person_file_hashes(rq->db, &rq->arena, rq->ids[0], &files, &nfiles) != STORE_OK) return reply_db_error(rq, rs);
    StoreResult r = store_person_delete(rq->db, rq->ids[0]);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (!person_files_release(rq, files, nfiles)) return reply_db_error(rq, rs);
    person_record_change(rq, &(Person){.id = rq->ids[0]}, "person.deleted");
    rs->audit_type = "person";
    reply_empty(rs, 204);
}

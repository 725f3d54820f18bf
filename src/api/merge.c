/* merge: POST /api/v1/people/{id}/merge {"from_id"}: the person from_id
 * joins the person {id} (If-Match on {id}), in the request's transaction:
 *   - fields: the kept person's values stay; blanks are filled from the other;
 *   - skills: both sets, the higher level (and years) where both hold one;
 *   - candidacies: moved; two for one need become one, the most advanced
 *     kept (domain/dedupe.h), its status links kept working;
 *   - tags and documents: moved (a file the kept person already has is not
 *     kept twice; a file no one names any more leaves the disk);
 *   - history: audit rows keep their ids, a merge record keeps what the
 *     merged person was, and an audit row is written for each of the two;
 * then the merged person is deleted. */
#include <stdlib.h>
#include <string.h>
#include "../domain/dedupe.h"
#include "../domain/visibility.h"
#include "../http/event_log.h"
#include "../store/audit.h"
#include "../store/candidacies.h"
#include "../store/merge.h"
#include "../store/people.h"
#include "../store/privacy.h"
#include "api.h"
#include "duplicates.h"

static const FieldSpec MERGE[] = {
    {"from_id", F_ID, true, 1, 1LL << 53, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* Every candidacy of a person (a few; pages of 200 all the same). */
static StoreResult candidacies_of(Request *rq, long long person_id, CandidacyRow **out, int *n) {
    CandidaciesFilter f = {-1, person_id, NULL};
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    long long before = 0;
    for (;;) {
        CandidacyRow *page;
        int got;
        StoreResult r = store_candidacies_list(rq->db, &rq->arena, &f, before, 200, &page, &got);
        if (r != STORE_OK) return r;
        for (int i = 0; i < got; i++) {
            *out = arena_grow(&rq->arena, *out, (size_t)*n, &cap, sizeof **out);
            (*out)[(*n)++] = page[i];
        }
        if (got < 200) return STORE_OK;
        before = page[got - 1].c.id;
    }
}

/* Fills a blank field of the kept person; notes the field's name. */
static void fill(const char **kept, const char *other, const char *name, json_t *filled) {
    if ((!*kept || !**kept) && other && *other) {
        *kept = other;
        json_array_append_new(filled, json_string(name));
    }
}

/* Events of a candidacy given to the kept person, and of its twin dropped
 * (stages and ids only, like every candidacy event). */
static void record_candidacy(Request *rq, const CandidacyRow *row, long long into_id, const Candidacy *kept_instead) {
    EventRefs refs = {row->client_id, row->c.need_id, into_id};
    if (kept_instead)
        event_record(rq, "candidacy.deleted", "candidacy", row->c.id, refs, json_pack("{s:s}", "stage", row->c.stage),
                     json_pack("{s:s, s:I}", "reason", "merged", "kept_candidacy_id", kept_instead->id));
    else
        event_record(rq, "candidacy.person", "candidacy", row->c.id, refs, json_pack("{s:I}", "person_id", row->c.person_id),
                     json_pack("{s:I, s:s}", "person_id", into_id, "stage", row->c.stage));
}

/* Moves the candidacies of from to into; twins for one need keep the most advanced. */
static StoreResult move_candidacies(Request *rq, long long into_id, long long from_id, json_t *report) {
    CandidacyRow *mine, *theirs;
    int nmine, ntheirs;
    StoreResult r = candidacies_of(rq, into_id, &mine, &nmine);
    if (r == STORE_OK) r = candidacies_of(rq, from_id, &theirs, &ntheirs);
    for (int i = 0; r == STORE_OK && i < ntheirs; i++) {
        const Candidacy *c = &theirs[i].c;
        const CandidacyRow *twin_row = NULL; /* the kept person's candidacy for the same need */
        for (int k = 0; k < nmine && !twin_row; k++)
            if (mine[k].c.need_id == c->need_id) twin_row = &mine[k];
        if (!twin_row) {
            r = store_candidacy_reassign(rq->db, c->id, into_id);
            record_candidacy(rq, &theirs[i], into_id, NULL);
            json_array_append_new(report, json_pack("{s:I, s:I, s:s, s:s}", "candidacy_id", c->id, "need_id",
                                                    c->need_id, "stage", c->stage, "outcome", "moved"));
            continue;
        }
        const Candidacy *twin = &twin_row->c;
        bool theirs_wins = dedupe_stage_rank(c->stage) > dedupe_stage_rank(twin->stage);
        const Candidacy *kept = theirs_wins ? c : twin, *dropped = theirs_wins ? twin : c;
        r = store_candidacy_fold(rq->db, dropped->id, kept->id);
        if (r == STORE_OK && theirs_wins) r = store_candidacy_reassign(rq->db, c->id, into_id);
        record_candidacy(rq, theirs_wins ? twin_row : &theirs[i], into_id, kept);
        if (theirs_wins) record_candidacy(rq, &theirs[i], into_id, NULL);
        json_array_append_new(report, json_pack("{s:I, s:I, s:s, s:s, s:I, s:s}", "candidacy_id", kept->id, "need_id",
                                                c->need_id, "stage", kept->stage, "outcome", "kept_most_advanced",
                                                "dropped_candidacy_id", dropped->id, "dropped_stage", dropped->stage));
    }
    return r;
}

static void invalid_from(Request *rq, Response *rs, const char *key) {
    json_t *errs = json_array();
    errors_add(rq, errs, "from_id", key);
    reply_invalid(rq, rs, errs);
}

void people_merge(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, MERGE, false, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    long long from_id = jint(rq->json, "from_id");
    Person into, from;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &into);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (into.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    if (from_id == into.id) return invalid_from(rq, rs, "merge_self");
    r = store_person_get(rq->db, &rq->arena, from_id, &from);
    if (r == STORE_NOT_FOUND) return invalid_from(rq, rs, "no_such_person");
    if (r != STORE_OK) return reply_db_error(rq, rs);

    json_t *snapshot = person_detail_json(rq, &from);
    if (!snapshot) return reply_db_error(rq, rs);
    json_t *filled = json_array(), *cands = json_array();
    fill(&into.email, from.email, "email", filled);
    fill(&into.phone, from.phone, "phone", filled);
    fill(&into.location, from.location, "location", filled);
    fill(&into.available_from, from.available_from, "available_from", filled);
    if (into.daily_rate < 0 && from.daily_rate >= 0) {
        into.daily_rate = from.daily_rate;
        /* that a rate was there is the rate's business too (domain/visibility.h) */
        if (visibility_field(rq->user.role, "daily_rate")) json_array_append_new(filled, json_string("daily_rate"));
    }
    PersonSkill *skills = arena_alloc(&rq->arena, ((size_t)into.nskills + (size_t)from.nskills + 1) * sizeof *skills);
    into.nskills = dedupe_merge_skills(into.skills, into.nskills, from.skills, from.nskills, skills);
    into.skills = skills;
    json_t *report = json_pack("{s:I, s:o, s:o, s:o}", "from_id", from_id, "filled", filled, "candidacies", cands,
                               "merged", snapshot);
    long long merge_id = 0;
    r = store_person_update(rq->db, &rq->arena, &into, expected);
    if (r == STORE_OK) r = move_candidacies(rq, into.id, from_id, cands);
    if (r == STORE_OK) r = store_person_tags_merge(rq->db, into.id, from_id);
    const char **files = NULL; /* the merged person's files: twins of the kept person's are dropped */
    int nfiles = 0;
    if (r == STORE_OK) r = store_person_file_hashes(rq->db, &rq->arena, from_id, &files, &nfiles);
    if (r == STORE_OK) r = store_person_documents_merge(rq->db, into.id, from_id);
    if (r == STORE_OK) {
        char *text = json_dumps(report, JSON_COMPACT);
        r = text ? store_person_merge_record(rq->db, into.id, from_id, text, rq->user.id, &merge_id) : STORE_ERROR;
        free(text);
    }
    /* the merged person's own history says where it went */
    if (r == STORE_OK)
        r = store_audit_add(rq->db, rq->user.id, arena_printf(&rq->arena, "merged into person %lld", into.id), "person",
                            from_id, rq->address);
    if (r == STORE_OK) r = store_person_delete(rq->db, from_id);
    if (r == STORE_OK && !person_files_release(rq, files, nfiles)) r = STORE_ERROR;
    int nhits;
    if (r == STORE_OK) r = duplicates_check(rq->db, &rq->arena, &into, NULL, &nhits);
    json_t *person = r == STORE_OK ? person_detail_json(rq, &into) : NULL;
    if (!person) {
        json_decref(report);
        return r == STORE_OK || r == STORE_ERROR ? reply_db_error(rq, rs) : reply_store_error(rq, rs, r);
    }
    /* no personal data in events: ids and counts */
    event_record(rq, "person.merged", "person", into.id, (EventRefs){-1, -1, into.id}, NULL,
                 json_pack("{s:I, s:I, s:i}", "from_id", from_id, "merge_id", merge_id, "candidacies",
                           (int)json_array_size(cands)));
    event_record(rq, "person.deleted", "person", from_id, (EventRefs){-1, -1, from_id}, NULL,
                 json_pack("{s:I}", "merged_into", into.id));
    json_object_del(report, "merged");
    json_object_set_new(report, "merge_id", json_integer(merge_id));
    json_object_set_new(report, "person", person);
    rs->audit_type = "person";
    rs->audit_id = into.id;
    reply_versioned(rq, rs, into.version, report);
}

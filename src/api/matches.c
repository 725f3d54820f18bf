/* matches: the matching engine's answers (API.md "Match"): people ranked
 * for a need, open needs ranked for a person, people found by skills, and
 * the gap between the skills open needs ask for and the firm's supply.
 * People are ranked on the in-memory index (match/index.h): the only SQL
 * of a need's matches is loading the need. */
#include "matches.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../domain/need_status.h"
#include "../domain/visibility.h"
#include "../domain/skills.h"
#include "../lib/timeutil.h"
#include "../match/rank.h"
#include "../store/capabilities.h"
#include "../store/needs.h"
#include "../store/people.h"
#include "skill_input.h"

enum { AVAILABLE_WITHIN_DAYS = 30, NEEDS_PAGE = 200 };

bool req_match_limit(Request *rq, Response *rs, int *limit) {
    const char *l = req_query(rq, "limit");
    *limit = 20;
    if (!l) return true;
    char *end;
    long v = strtol(l, &end, 10);
    if (!*l || *end || l[0] == '+' || l[0] == ' ' || v < 1 || v > MATCH_MAX_LIMIT) {
        reply_problem(rq, rs, 400, "bad-limit", "bad_request", "limit: 1..200");
        return false;
    }
    *limit = (int)v;
    return true;
}

/* Factor values to 4 decimals and points to 2: enough for value x weight
 * to add up to the score (which is rounded to 0.1). */
static json_t *rounded(double v, double scale) { return json_real((double)(long long)(v * scale + 0.5) / scale); }

/* The explanation shared by both directions: score, skills, missing, factors. */
static json_t *explanation_json(Request *rq, const Need *n, const MatchScore *m) {
    json_t *skills = json_array(), *missing = json_array(), *factors = json_array();
    Scorer sc;
    scorer_init(&sc, n);
    for (int k = 0; k < sc.nreqs; k++) {
        const SkillScore *s = &m->skills[k];
        json_t *j = json_pack("{s:s, s:s, s:i, s:i, s:f}", "skill", s->skill, "label", skill_label(rq, s->skill),
                              "required_level", s->required_level, "level", s->level, "contribution", s->contribution);
        json_object_set_new(j, "years", json_int_or_null(s->years));
        if (s->via) {
            json_object_set_new(j, "via", json_string(s->via));
            json_object_set_new(j, "via_label", json_string(skill_label(rq, s->via)));
            json_object_set_new(j, "via_level", json_integer(s->via_level));
        }
        json_array_append_new(skills, j);
        if (!s->level && !s->via) json_array_append_new(missing, json_string(s->skill));
    }
    for (int f = 0; f < NFACTORS; f++) {
        const FactorScore *x = &m->factors[f];
        if (x->weight <= 0) continue;
        json_array_append_new(factors, json_pack("{s:s, s:o, s:o, s:o}", "name", FACTOR_NAMES[f], "value", rounded(x->value, 1e4),
                                                 "weight", rounded(x->weight, 100), "points", rounded(x->value * x->weight, 100)));
    }
    return json_pack("{s:f, s:b, s:o, s:o, s:o}", "score", m->score, "mandatory_met", m->mandatory_met, "skills", skills,
                     "missing", missing, "factors", factors);
}

json_t *match_hit_json(Request *rq, const Need *n, const MatchHit *h) {
    const Person *p = &h->person;
    json_t *j = explanation_json(rq, n, &h->score);
    json_object_set_new(j, "person", json_pack("{s:I, s:s, s:s, s:o, s:o, s:o}", "id", p->id, "name",
                                               arena_printf(&rq->arena, "%s %s", p->first_name, p->last_name), "kind",
                                               p->kind, "location", json_str_or_null(p->location), "available_from",
                                               json_str_or_null(p->available_from), "daily_rate",
                                               json_int_or_null(p->daily_rate)));
    return j;
}

/* The server's index, or a 503 when it is not built (never after start). */
static MatchIndex *index_or_503(Request *rq, Response *rs) {
    MatchIndex *ix = match_global();
    if (!ix) reply_problem(rq, rs, 503, "matching-unavailable", "storage_unavailable", NULL);
    return ix;
}

void needs_matches(Request *rq, Response *rs) {
    int limit;
    if (!req_match_limit(rq, rs, &limit)) return;
    Need n;
    StoreResult r = store_need_get(rq->db, &rq->arena, rq->ids[0], &n);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    /* who may not see rates gets a ranking without the rate factor: no
     * order or factor hints at a rate (domain/visibility.h) */
    visibility_mask_need(rq->user.role, &n);
    MatchIndex *ix = index_or_503(rq, rs);
    if (!ix) return;
    MatchQuery q = {.limit = limit, .count_total = true};
    MatchResult res;
    if (match_rank(ix, &rq->arena, &n, &q, &res)) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < res.n; i++) json_array_append_new(items, match_hit_json(rq, &n, &res.hits[i]));
    json_t *body = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)res.total);
    json_object_set_new(body, "mandatory_met", res.mandatory_met < 0 ? json_null() : json_integer(res.mandatory_met));
    reply_json(rs, 200, body);
}

/* Every need of a status, all pages (a firm has hundreds, not millions). */
static StoreResult needs_with_status(Request *rq, const char *status, Need **out, int *n) {
    NeedsFilter f = {status, -1, NULL};
    size_t cap = 0;
    long long before = 0;
    *out = NULL;
    *n = 0;
    for (;;) {
        Need *page;
        int k;
        StoreResult r = store_needs_list(rq->db, &rq->arena, &f, before, NEEDS_PAGE, &page, &k);
        if (r != STORE_OK) return r;
        for (int i = 0; i < k; i++) {
            *out = arena_grow(&rq->arena, *out, (size_t)*n, &cap, sizeof **out);
            (*out)[(*n)++] = page[i];
        }
        if (k < NEEDS_PAGE) return STORE_OK;
        before = page[k - 1].id;
    }
}

void people_matches(Request *rq, Response *rs) {
    int limit;
    if (!req_match_limit(rq, rs, &limit)) return;
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    Need *needs;
    int nn;
    if (needs_with_status(rq, "open", &needs, &nn) != STORE_OK) return reply_db_error(rq, rs);
    visibility_mask_person(rq->user.role, &p); /* as for a need's matches: no rate, no rate factor */
    for (int i = 0; i < nn; i++) visibility_mask_need(rq->user.role, &needs[i]);
    MatchScore *scores = rank_needs(&rq->arena, &p, needs, nn);
    json_t *items = json_array();
    int total = 0;
    for (int i = 0; i < nn; i++) {
        const MatchScore *m = &scores[i];
        const Need *n = &needs[m->index];
        if (m->nmissing == n->nskills) continue; /* no credit for any of its skills */
        if (total++ >= limit) continue;
        json_t *j = explanation_json(rq, n, m);
        json_object_set_new(j, "need", json_pack("{s:I, s:s, s:o, s:s, s:o, s:o, s:s}", "id", n->id, "title", n->title,
                                                 "client_name", json_str_or_null(n->client_name), "status", n->status,
                                                 "location", json_str_or_null(n->location), "start_date",
                                                 json_str_or_null(n->start_date), "remote", n->remote));
        json_array_append_new(items, j);
    }
    reply_json(rs, 200, json_pack("{s:o, s:i}", "items", items, "total", total));
}

/* Filters of a people search by skills, checked by the index. */
typedef struct {
    bool by_text;          /* only the people of ids (the text search found them) */
    const long long *ids;  /* sorted */
    int nids;
    long available_by;     /* -1: any */
    uint64_t location;     /* 0: any */
    int kind;              /* -1 any, 0 candidate, 1 consultant */
} SearchFilter;

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static bool search_accepts(const MatchCandidate *c, void *arg) {
    const SearchFilter *f = arg;
    if (f->kind >= 0 && c->consultant != (f->kind == 1)) return false;
    if (f->available_by >= 0 && c->available_day > f->available_by) return false;
    if (f->location && c->location != f->location) return false;
    return !f->by_text || (f->nids && bsearch(&c->id, f->ids, (size_t)f->nids, sizeof *f->ids, cmp_ll));
}

/* The ids of the people the text search finds (store_people_list, so the
 * search stays the store's, whatever it becomes). */
static StoreResult text_matches(Request *rq, const char *q, const char *kind, long long **ids, int *n) {
    PeopleFilter f = {kind, q, NULL, 0};
    size_t cap = 0;
    long long before = 0;
    *ids = NULL;
    *n = 0;
    for (;;) {
        Person *page;
        int k;
        StoreResult r = store_people_list(rq->db, &rq->arena, &f, before, NEEDS_PAGE, &page, &k);
        if (r != STORE_OK) return r;
        for (int i = 0; i < k; i++) {
            *ids = arena_grow(&rq->arena, *ids, (size_t)*n, &cap, sizeof **ids);
            (*ids)[(*n)++] = page[i].id;
        }
        if (k < NEEDS_PAGE) break;
        before = page[k - 1].id;
    }
    if (*n) qsort(*ids, (size_t)*n, sizeof **ids, cmp_ll);
    return STORE_OK;
}

void people_search_ranked(Request *rq, Response *rs, const char *skills, const char *q, const char *kind) {
    int limit;
    if (!req_match_limit(rq, rs, &limit)) return;
    const char *cur = req_query(rq, "cursor");
    long offset = 0;
    if (cur && *cur) {
        char *end;
        offset = strtol(cur, &end, 10);
        if (*end || offset < 0 || offset > 10000) return reply_problem(rq, rs, 400, "bad-cursor", "bad_request", "cursor");
    }
    json_t *errs = json_array();
    Need need = {.title = "", .remote = "none", .client_id = -1, .duration_days = -1, .daily_rate_max = -1};
    skill_input_query(rq, skills, &need.skills, &need.nskills, errs);
    SearchFilter f = {q != NULL, NULL, 0, -1, 0, kind ? strcmp(kind, "consultant") == 0 : -1};
    const char *before = req_query(rq, "available_before"), *loc;
    if (before && !time_valid_date(before)) errors_add(rq, errs, "available_before", "must_be_date");
    else if (before) f.available_by = time_date_days(before);
    if (!req_search(rq, rs, "location", 100, &loc)) {
        json_decref(errs);
        return;
    }
    f.location = score_location_key(loc);
    if (!need.nskills && !json_array_size(errs)) errors_add(rq, errs, "skills", "required");
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    long long *ids = NULL;
    int nids = 0;
    if (q && text_matches(rq, q, kind, &ids, &nids) != STORE_OK) return reply_db_error(rq, rs);
    if (q) {
        f.ids = ids;
        f.nids = nids;
    }
    MatchIndex *ix = index_or_503(rq, rs);
    if (!ix) return;
    MatchQuery mq = {.limit = limit, .offset = (int)offset, .accept = search_accepts, .accept_arg = &f,
                     .only_mandatory_met = true};
    MatchResult res;
    if (match_rank(ix, &rq->arena, &need, &mq, &res)) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < res.n; i++) json_array_append_new(items, match_hit_json(rq, &need, &res.hits[i]));
    long next = offset + res.n < res.mandatory_met ? offset + res.n : -1;
    json_t *body = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)res.mandatory_met);
    json_object_set_new(body, "next_cursor", next < 0 ? json_null() : json_string(arena_printf(&rq->arena, "%ld", next)));
    reply_json(rs, 200, body);
}

/* --- gap: demand of the needs against the supply of people ------------- */

typedef struct {
    const char *skill;
    int needs, mandatory, demand, level; /* demand: sum of weights; level: highest asked */
} Demand;

static int cmp_gap(const void *a, const void *b) {
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t sx = json_integer_value(json_object_get(x, "shortfall")), sy = json_integer_value(json_object_get(y, "shortfall"));
    if (sx != sy) return sx > sy ? -1 : 1;
    json_int_t dx = json_integer_value(json_object_get(x, "demand")), dy = json_integer_value(json_object_get(y, "demand"));
    if (dx != dy) return dx > dy ? -1 : 1;
    return strcmp(json_string_value(json_object_get(x, "skill")), json_string_value(json_object_get(y, "skill")));
}

void gap_get(Request *rq, Response *rs) {
    const char *status = req_query(rq, "status");
    if (!status) status = "open";
    if (!need_status_valid(status)) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "status");
    Need *needs;
    int nn;
    if (needs_with_status(rq, status, &needs, &nn) != STORE_OK) return reply_db_error(rq, rs);
    Demand *d = NULL;
    int nd = 0;
    size_t cap = 0;
    for (int i = 0; i < nn; i++)
        for (int k = 0; k < needs[i].nskills; k++) {
            const Requirement *r = &needs[i].skills[k];
            int at = 0;
            while (at < nd && strcmp(d[at].skill, r->skill)) at++;
            if (at == nd) {
                d = arena_grow(&rq->arena, d, (size_t)nd, &cap, sizeof *d);
                d[nd++] = (Demand){r->skill, 0, 0, 0, 0};
            }
            d[at].needs++;
            d[at].mandatory += r->mandatory;
            d[at].demand += r->weight > 0 ? r->weight : 1;
            if (r->min_level > d[at].level) d[at].level = r->min_level;
        }
    char by[21];
    time_iso(time(NULL) + AVAILABLE_WITHIN_DAYS * 86400, by);
    by[10] = '\0';
    json_t **rows = arena_alloc(&rq->arena, (size_t)(nd ? nd : 1) * sizeof *rows);
    for (int i = 0; i < nd; i++) {
        Capability *at_level, *any;
        int n1, n2;
        if (store_capabilities(rq->db, &rq->arena, d[i].skill, d[i].level, by, &at_level, &n1) != STORE_OK ||
            store_capabilities(rq->db, &rq->arena, d[i].skill, 1, by, &any, &n2) != STORE_OK) {
            for (int k = 0; k < i; k++) json_decref(rows[k]);
            return reply_db_error(rq, rs);
        }
        Capability none = {0};
        const Capability *c = n1 ? at_level : &none, *a = n2 ? any : &none;
        int shortfall = d[i].needs - c->available - c->candidates_in_pipeline;
        const char *action = shortfall <= 0 ? "covered" : a->consultants > c->consultants ? "train" : "recruit";
        rows[i] = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:s}", "skill", d[i].skill, "label",
                            skill_label(rq, d[i].skill), "needs", d[i].needs, "mandatory", d[i].mandatory, "demand",
                            d[i].demand, "level", d[i].level, "consultants", c->consultants, "available", c->available,
                            "candidates_in_pipeline", c->candidates_in_pipeline, "trainable",
                            a->consultants - c->consultants, "shortfall", shortfall > 0 ? shortfall : 0, "action", action);
    }
    if (nd) qsort(rows, (size_t)nd, sizeof *rows, cmp_gap);
    json_t *items = json_array();
    for (int i = 0; i < nd; i++) json_array_append_new(items, rows[i]);
    reply_json(rs, 200, json_pack("{s:s, s:i, s:o}", "status", status, "needs", nn, "items", items));
}

/* duplicates: flagging on write, the list of pairs, dismissing a pair
 * (see duplicates.h; merging is api/merge.c). */
#include "duplicates.h"
#include <stdlib.h>
#include <string.h>
#include "../domain/dedupe.h"
#include "../lib/buf.h"
#include "../store/duplicates.h"
#include "../store/people.h"
#include "api.h"

/* Arena copy of a malloc'd key (freed here). */
static const char *keep(Arena *a, char *k) {
    const char *c = arena_strdup(a, k);
    free(k);
    return c;
}

static PersonKeys keys_of(Arena *a, const Person *p) {
    return (PersonKeys){p->id,
                        keep(a, dedupe_email_key(p->email)),
                        keep(a, dedupe_phone_key(p->phone)),
                        keep(a, dedupe_words_key(p->location, false)),
                        keep(a, dedupe_words_key(p->first_name, false)),
                        keep(a, dedupe_words_key(p->last_name, false)),
                        keep(a, dedupe_name_key(p->first_name, p->last_name))};
}

static bool same(const char *x, const char *y) { return x && y && strcmp(x, y) == 0; }

StoreResult duplicates_find(Db *db, Arena *a, const Person *p, DuplicateHit **hits, int *n) {
    PersonKeys k = keys_of(a, p), *near;
    int nnear;
    *n = 0;
    *hits = NULL;
    StoreResult r = store_person_keys_near(db, a, &k, &near, &nnear);
    if (r != STORE_OK) return r;
    *hits = arena_alloc(a, ((size_t)nnear + 1) * sizeof **hits);
    for (int i = 0; i < nnear; i++) {
        Buf why = BUF_INIT;
        if (same(k.email, near[i].email)) buf_puts(&why, "email,");
        if (same(k.phone, near[i].phone)) buf_puts(&why, "phone,");
        if (same(k.city, near[i].city) && dedupe_names_similar(k.name, near[i].name)) buf_puts(&why, "name,");
        if (why.len) (*hits)[(*n)++] = (DuplicateHit){near[i].person_id, arena_strndup(a, why.data, why.len - 1), 0};
        buf_free(&why);
    }
    return STORE_OK;
}

StoreResult duplicates_record(Db *db, Arena *a, const Person *p, DuplicateHit *hits, int n) {
    PersonKeys k = keys_of(a, p);
    StoreResult r = store_person_keys_put(db, &k);
    for (int i = 0; r == STORE_OK && i < n; i++) r = store_duplicate_flag(db, p->id, hits[i].other_id, hits[i].reasons, &hits[i].pair_id);
    return r;
}

StoreResult duplicates_check(Db *db, Arena *a, const Person *p, DuplicateHit **hits, int *n) {
    DuplicateHit *found;
    StoreResult r = duplicates_find(db, a, p, &found, n);
    if (r == STORE_OK) r = duplicates_record(db, a, p, found, *n);
    if (hits) *hits = found;
    return r;
}

json_t *duplicate_hits_json(const DuplicateHit *hits, int n) {
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:I, s:o}", "pair_id", hits[i].pair_id, "person_id", hits[i].other_id,
                                             "reasons", duplicate_reasons_json(hits[i].reasons)));
    return arr;
}

StoreResult duplicates_backfill(Db *db) {
    Arena a = {0};
    Person *people;
    int n, hits;
    StoreResult r = db_begin_write(db) == DB_OK ? STORE_OK : STORE_ERROR;
    if (r == STORE_OK) r = store_people_without_keys(db, &a, &people, &n);
    for (int i = 0; r == STORE_OK && i < n; i++) r = duplicates_check(db, &a, &people[i], NULL, &hits);
    db_reset_all(db);
    if (r == STORE_OK && db_commit(db) != DB_OK) r = STORE_ERROR;
    if (r != STORE_OK) db_rollback(db);
    arena_free(&a);
    return r;
}

json_t *duplicate_reasons_json(const char *reasons) {
    json_t *arr = json_array();
    for (const char *p = reasons; p && *p;) {
        size_t len = strcspn(p, ",");
        json_array_append_new(arr, json_stringn(p, len));
        p += len;
        if (*p) p++;
    }
    return arr;
}

json_t *person_duplicates_json(Request *rq, long long person_id) {
    DuplicatePair *pairs;
    int n;
    if (store_duplicates_of(rq->db, &rq->arena, person_id, &pairs, &n) != STORE_OK) return NULL;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        long long other = pairs[i].low_id == person_id ? pairs[i].high_id : pairs[i].low_id;
        json_array_append_new(arr, json_pack("{s:I, s:I, s:o}", "pair_id", pairs[i].id, "person_id", other, "reasons",
                                             duplicate_reasons_json(pairs[i].reasons)));
    }
    return arr;
}

void duplicates_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    DuplicatePair *pairs;
    int n;
    if (store_duplicates_list(rq->db, &rq->arena, before, limit, &pairs, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        Person a, b;
        if (store_person_get(rq->db, &rq->arena, pairs[i].low_id, &a) != STORE_OK ||
            store_person_get(rq->db, &rq->arena, pairs[i].high_id, &b) != STORE_OK) {
            json_decref(items);
            return reply_db_error(rq, rs);
        }
        json_array_append_new(items, json_pack("{s:I, s:o, s:s, s:o, s:o}", "id", pairs[i].id, "reasons",
                                               duplicate_reasons_json(pairs[i].reasons), "flagged_at", pairs[i].created_at,
                                               "a", person_json(rq, &a), "b", person_json(rq, &b)));
    }
    reply_json(rs, 200, page_body(items, limit, n ? pairs[n - 1].id : 0));
}

void duplicates_dismiss(Request *rq, Response *rs) {
    StoreResult r = store_duplicate_dismiss(rq->db, rq->ids[0]);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "duplicate_pair";
    reply_empty(rs, 204);
}

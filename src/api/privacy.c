/* privacy: the rights of the people whose data the firm keeps (GDPR).
 *   GET  /api/v1/people/{id}/export  right of access (art. 15): everything
 *        about the person in one JSON document, served as a download;
 *        ?format=zip: that document and the files they gave (CVs).
 *   POST /api/v1/people/{id}/erase   right to erasure (art. 17), admin or
 *        manager, with a reason: the one erasure path (privacy/erase.h),
 *        shared with the retention purge. */
#include <stdlib.h>
#include <string.h>
#include "../http/event_log.h"
#include "../privacy/erase.h"
#include "../lib/files.h"
#include "../lib/timeutil.h"
#include "../lib/zip_write.h"
#include "../store/documents.h"
#include "../store/candidacies.h"
#include "../store/events.h"
#include "../store/people.h"
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

/* The erasure (or deletion) committed: its files leave the disk, the
 * indexes and the SQLite file keep no trace. */
static void erased_files(Request *rq) { erase_after_commit(rq->db, rq->after_commit_arg, true); }

bool person_files_release(Request *rq, const char *const *hashes, int n) {
    ErasureReport *er = arena_alloc(&rq->arena, sizeof *er);
    *er = (ErasureReport){0};
    if (erase_orphans(rq->db, &rq->arena, hashes, n, er) != STORE_OK) return false;
    rq->after_commit = erased_files;
    rq->after_commit_arg = er;
    return true;
}

void people_erase(Request *rq, Response *rs) {
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, ERASE, false, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    long long id = rq->ids[0];
    ErasureReport *er = arena_alloc(&rq->arena, sizeof *er);
    StoreResult r = erase_person(rq->db, &rq->arena, id, rq->user.id, jstr(rq->json, "reason"), er);
    if (r == STORE_CONFLICT) return reply_problem(rq, rs, 409, "already-erased", "conflict", NULL);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    event_record(rq, "person.erased", "person", id, (EventRefs){-1, -1, id}, NULL, NULL);
    rq->after_commit = erased_files;
    rq->after_commit_arg = er;
    const char *erased_at;
    if (store_person_erased_at(rq->db, &rq->arena, id, &erased_at) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "person";
    rs->audit_id = id;
    reply_json(rs, 200, json_pack("{s:I, s:s, s:i, s:i, s:i, s:i}", "id", id, "erased_at", erased_at, "events_redacted",
                                  er->events_redacted, "requests_answered", er->requests_answered, "texts_redacted",
                                  er->texts_redacted, "files_deleted", er->norphans));
}

static json_t *json_text_or_null(const char *text) {
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return j ? j : json_null();
}

/* A person's documents: what they are and, in a zip, where the file is. */
static json_t *documents_json(const Document *d, int n, bool zip, const char *const *paths) {
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", d[i].id, "file_name", d[i].file_name, "media_type",
                              d[i].media_type, "size", d[i].size, "created_at", d[i].created_at);
        if (zip) json_object_set_new(j, "file", json_str_or_null(paths[i]));
        json_array_append_new(arr, j);
    }
    return arr;
}

/* ?format=zip: the JSON document as person.json and each file under
 * files/; a file missing on disk is named with "file": null. */
static void reply_zip(Request *rq, Response *rs, long long id, json_t *doc, const Document *d, int n) {
    ZipEntry *e = arena_alloc(&rq->arena, (size_t)(n + 1) * sizeof *e);
    const char **paths = arena_alloc(&rq->arena, (size_t)(n ? n : 1) * sizeof *paths);
    char **data = arena_alloc(&rq->arena, (size_t)(n ? n : 1) * sizeof *data);
    int ne = 1;
    for (int i = 0; i < n; i++) {
        size_t len;
        char safe[101];
        if (files_get(d[i].sha256, MAX_UPLOAD_FILE, &data[i], &len)) continue;
        zip_safe_name(d[i].file_name, safe, 100);
        paths[i] = arena_printf(&rq->arena, "files/%lld-%s", d[i].id, safe);
        e[ne++] = (ZipEntry){paths[i], data[i], len};
    }
    json_object_set_new(doc, "documents", documents_json(d, n, true, paths));
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
    json_decref(doc);
    e[0] = (ZipEntry){"person.json", text, text ? strlen(text) : 0};
    char *zip = NULL;
    size_t len = 0;
    int rc = text ? zip_write(e, ne, &zip, &len) : -1;
    free(text);
    for (int i = 0; i < n; i++) free(data[i]);
    if (rc) return reply_db_error(rq, rs);
    rs->raw = arena_strndup(&rq->arena, zip, len); /* freed with the request, after sending */
    rs->raw_len = len;
    free(zip);
    rs->content_type = "application/zip";
    rs->status = 200;
    reply_header(rq, rs, "Content-Disposition", arena_printf(&rq->arena, "attachment; filename=\"person-%lld.zip\"", id));
}

void people_export(Request *rq, Response *rs) { person_export(rq, rs, rq->ids[0]); }

void person_export(Request *rq, Response *rs, long long id) {
    const char *format = req_query(rq, "format");
    if (format && strcmp(format, "json") != 0 && strcmp(format, "zip") != 0)
        return reply_problem(rq, rs, 400, "bad-format", "bad_request", "format: json | zip");
    bool zip = format && strcmp(format, "zip") == 0;
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, id, &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    const char *erased_at;
    CandidacyRow *cs;
    Event *ev;
    AuditEntry *au;
    Erasure *er;
    Document *docs;
    int nc, ne, na, nr, nd;
    CandidaciesFilter f = {-1, id, NULL};
    json_t *privacy = person_privacy_json(rq, id);
    if (!privacy || store_person_erased_at(rq->db, &rq->arena, id, &erased_at) != STORE_OK ||
        store_candidacies_list(rq->db, &rq->arena, &f, 0, EXPORT_MAX, &cs, &nc) != STORE_OK ||
        store_events_of_person(rq->db, &rq->arena, id, EXPORT_MAX, &ev, &ne) != STORE_OK ||
        store_audit_of_person(rq->db, &rq->arena, id, &au, &na) != STORE_OK ||
        store_erasures_of_person(rq->db, &rq->arena, id, &er, &nr) != STORE_OK ||
        store_documents_list(rq->db, &rq->arena, id, &docs, &nd) != STORE_OK) {
        json_decref(privacy);
        return reply_db_error(rq, rs);
    }
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
    json_t *doc = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "format", "alliance.person-export/1",
                            "exported_at", now, "person", person_json(rq, &p), "erased_at", json_str_or_null(erased_at),
                            "privacy", privacy, "candidacies", cands, "events", events, "audit", audit, "erasures",
                            erasures);
    rs->audit_type = "person";
    if (zip) return reply_zip(rq, rs, id, doc, docs, nd);
    json_object_set_new(doc, "documents", documents_json(docs, nd, false, NULL));
    reply_header(rq, rs, "Content-Disposition",
                 arena_printf(&rq->arena, "attachment; filename=\"person-%lld.json\"", id));
    reply_json(rs, 200, doc);
}

/* cv: CV intake and the back office's document and proposal routes
 * (see cv.h; API.md "Document", "SkillProposal"). */
#include "cv.h"
#include <stdlib.h>
#include <string.h>
#include "../domain/skill_finder.h"
#include "../domain/skills.h"
#include "../lib/cv_sandbox.h"
#include "../lib/files.h"
#include "../lib/sniff.h"
#include "../lib/text.h"
#include "../store/people.h"
#include "../store/people_index.h"
#include "skill_input.h"

enum { MAX_FILE_NAME = 200, MAX_FOUND = 200 };

const char *cv_status_key(CvStatus s) {
    switch (s) {
    case CV_OK: return "cv_ok";
    case CV_UNSUPPORTED: return "cv_unsupported";
    case CV_ENCRYPTED: return "cv_encrypted";
    case CV_DAMAGED: return "cv_damaged";
    case CV_TOO_LARGE: return "cv_too_large";
    default: return "cv_failed";
    }
}

/* The last path component of what the browser sent, without control
 * characters, at most MAX_FILE_NAME characters; "cv" when nothing is left. */
static const char *clean_name(Arena *a, const char *sent) {
    if (!sent) return "cv";
    const char *base = sent;
    for (const char *p = sent; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    size_t n = strlen(base);
    if (!text_valid_utf8(base, n)) return "cv";
    char *out = arena_alloc(a, n + 1), *w = out;
    size_t chars = 0;
    for (const char *p = base; *p && chars < MAX_FILE_NAME; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) continue;
        if (((unsigned char)*p & 0xC0) != 0x80) chars++;
        *w++ = *p;
    }
    /* do not cut a character in two */
    while (w > out && ((unsigned char)w[-1] & 0xC0) == 0xC0) w--;
    *w = '\0';
    return *out ? out : "cv";
}

CvStatus cv_prepare(Request *rq, const MultipartPart *file, CvUpload *up) {
    memset(up, 0, sizeof *up);
    up->file = file;
    up->file_name = clean_name(&rq->arena, file->filename);
    if (file->len > MAX_UPLOAD_FILE) return CV_TOO_LARGE;
    if (file->len == 0) return CV_DAMAGED;
    /* told by the bytes (lib/cv_read.h); text that a browser could take for a page is no CV */
    const unsigned char *bytes = (const unsigned char *)file->data;
    if (!cv_sniff(bytes, file->len) || sniff_is_markup(bytes, file->len)) return CV_UNSUPPORTED;
    return cv_extract(file->data, file->len, &up->text);
}

void cv_upload_free(CvUpload *up) {
    free(up->text.text);
    up->text.text = NULL;
}

bool cv_begin_write(Request *rq) {
    db_reset_all(rq->db);
    return db_begin_write(rq->db) == DB_OK;
}

json_t *document_json(const Document *d) {
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:I, s:s}", "id", d->id, "person_id", d->person_id,
                     "file_name", d->file_name, "type", d->type, "media_type", d->media_type, "sha256", d->sha256,
                     "size", d->size, "pages", json_int_or_null(d->pages), "text_length", d->text_length,
                     "created_at", d->created_at);
}

static bool holds(const Person *p, const char *skill) {
    for (int i = 0; i < p->nskills; i++)
        if (strcmp(p->skills[i].skill, skill) == 0) return true;
    return false;
}

StoreResult cv_save(Request *rq, long long person_id, CvUpload *up, Document *doc, int *proposed) {
    *proposed = 0;
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, person_id, &p);
    if (r != STORE_OK) return r;
    char sha[FILES_HASH_LEN];
    if (files_put(up->file->data, up->file->len, sha)) return STORE_ERROR;
    *doc = (Document){.person_id = person_id, .size = (long long)up->file->len, .pages = up->text.pages,
                      .file_name = up->file_name, .media_type = up->text.media_type,
                      .sha256 = arena_strdup(&rq->arena, sha)};
    r = store_document_insert(rq->db, &rq->arena, doc, up->text.text);
    if (r != STORE_OK) return r;
    SkillFound *found = malloc(MAX_FOUND * sizeof *found);
    if (!found) return STORE_ERROR;
    int n = skills_find(up->text.text, up->text.len, found, MAX_FOUND);
    for (int i = 0; i < n && r == STORE_OK; i++) {
        if (holds(&p, found[i].skill->id)) continue;
        char *ev = skills_evidence(up->text.text, up->text.len, found[i].at);
        r = store_proposal_add(rq->db, person_id, found[i].skill->id, doc->id, ev, i);
        free(ev);
        if (r == STORE_OK) (*proposed)++;
    }
    free(found);
    return r == STORE_OK ? store_person_index(rq->db, &rq->arena, person_id) : r;
}

int upload_parts(Request *rq, Response *rs, MultipartPart *parts, UploadFail fail, const void *arg) {
    if (rq->body_too_large) {
        fail(rq, rs, 413, "cv_too_large", arg);
        return -1;
    }
    const char *boundary = multipart_boundary(&rq->arena, req_header(rq, "Content-Type"));
    if (!boundary) {
        fail(rq, rs, 415, "must_be_multipart", arg);
        return -1;
    }
    int n = multipart_parse(&rq->arena, boundary, buf_str(&rq->body), rq->body.len, parts, MULTIPART_MAX_PARTS);
    if (n < 0) fail(rq, rs, 400, "malformed_multipart", arg);
    return n;
}

/* ---- back office: /api/v1/people/{id}/... ---- */

static void api_fail(Request *rq, Response *rs, int status, const char *key, const void *arg) {
    (void)arg;
    static const char *const slugs[][2] = {{"cv_too_large", "too-large"},
                                           {"must_be_multipart", "unsupported-media-type"},
                                           {"malformed_multipart", "malformed-multipart"}};
    const char *slug = "bad-request";
    for (size_t i = 0; i < sizeof slugs / sizeof slugs[0]; i++)
        if (strcmp(slugs[i][0], key) == 0) slug = slugs[i][1];
    reply_problem(rq, rs, status, slug, key, NULL);
}

static json_t *proposals_json(Request *rq, long long person_id) {
    SkillProposal *props;
    int n;
    if (store_proposals_list(rq->db, &rq->arena, person_id, &props, &n) != STORE_OK) return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:o, s:o, s:s}", "skill", props[i].skill, "label",
                                               skill_label(rq, props[i].skill), "evidence",
                                               json_str_or_null(props[i].evidence), "document_id",
                                               json_int_or_null(props[i].document_id), "created_at",
                                               props[i].created_at));
    return items;
}

void people_cv_upload(Request *rq, Response *rs) {
    MultipartPart parts[MULTIPART_MAX_PARTS];
    int n = upload_parts(rq, rs, parts, api_fail, NULL);
    if (n < 0) return;
    const MultipartPart *file = multipart_find(parts, n, "cv");
    if (!file || !file->filename) {
        json_t *errs = json_array();
        errors_add(rq, errs, "cv", "cv_required");
        return reply_invalid(rq, rs, errs);
    }
    CvUpload up;
    CvStatus cs = cv_prepare(rq, file, &up);
    if (cs != CV_OK) {
        cv_upload_free(&up);
        return reply_problem(rq, rs, cs == CV_TOO_LARGE && file->len > MAX_UPLOAD_FILE ? 413 : 422,
                             arena_printf(&rq->arena, "cv-%s", cv_status_name(cs)), cv_status_key(cs), NULL);
    }
    /* the slow part is done: now the write transaction (ROUTE_OWN_TX) */
    if (!cv_begin_write(rq)) {
        cv_upload_free(&up);
        return reply_db_error(rq, rs);
    }
    Document doc;
    int proposed;
    StoreResult r = cv_save(rq, rq->ids[0], &up, &doc, &proposed);
    cv_upload_free(&up);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    json_t *props = proposals_json(rq, rq->ids[0]);
    if (!props) return reply_db_error(rq, rs);
    rs->audit_type = "document";
    rs->audit_id = doc.id;
    reply_json(rs, 201, json_pack("{s:o, s:i, s:o}", "document", document_json(&doc), "proposed", proposed,
                                  "proposals", props));
}

void people_documents_list(Request *rq, Response *rs) {
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    Document *docs;
    int n;
    if (store_documents_list(rq->db, &rq->arena, p.id, &docs, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, document_json(&docs[i]));
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

void people_proposals_list(Request *rq, Response *rs) {
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    json_t *items = proposals_json(rq, p.id);
    if (!items) return reply_db_error(rq, rs);
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

static const FieldSpec DECISION[] = {
    {"confirm", F_ARRAY, false, 0, 100, NULL},
    {"dismiss", F_ARRAY, false, 0, 100, NULL},
    {NULL, 0, false, 0, 0, NULL},
};
static const FieldSpec CONFIRMED[] = {
    {"skill", F_STRING, true, 0, 100, NULL},
    {"level", F_INT, true, 1, 5, NULL},
    {"years", F_INT, false, 0, 60, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* Whether skill is among the person's proposals. */
static bool proposed(const SkillProposal *props, int n, const char *skill) {
    for (int i = 0; i < n; i++)
        if (strcmp(props[i].skill, skill) == 0) return true;
    return false;
}

/* POST {confirm: [{skill, level, years?}], dismiss: [skill]}: confirmed
 * skills join the person's (a level already held is replaced), dismissed
 * ones are forgotten; either way the proposal goes. If-Match: the person's version. */
void people_proposals_decide(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, DECISION, true, errs)) return reply_invalid(rq, rs, errs);
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) {
        json_decref(errs);
        return reply_store_error(rq, rs, r);
    }
    if (p.version != expected) {
        json_decref(errs);
        return reply_store_error(rq, rs, STORE_STALE);
    }
    SkillProposal *props;
    int np;
    if (store_proposals_list(rq->db, &rq->arena, p.id, &props, &np) != STORE_OK) {
        json_decref(errs);
        return reply_db_error(rq, rs);
    }
    json_t *confirm = json_object_get(rq->json, "confirm"), *dismiss = json_object_get(rq->json, "dismiss");
    size_t nc = json_array_size(confirm), nd = json_array_size(dismiss);
    PersonSkill *skills = arena_alloc(&rq->arena, (size_t)(p.nskills + (int)nc + 1) * sizeof *skills);
    if (p.nskills) memcpy(skills, p.skills, (size_t)p.nskills * sizeof *skills);
    int ns = p.nskills;
    const char **gone = arena_alloc(&rq->arena, (nc + nd + 1) * sizeof *gone);
    size_t ngone = 0;
    for (size_t i = 0; i < nc; i++) {
        json_t *item = json_array_get(confirm, i);
        const char *at = arena_printf(&rq->arena, "confirm[%zu]", i);
        if (!json_is_object(item)) {
            errors_add(rq, errs, at, "must_be_object");
            continue;
        }
        if (validate_object_at(rq, item, CONFIRMED, false, errs, at)) continue;
        const char *id = jstr(item, "skill");
        if (!proposed(props, np, id)) {
            errors_add(rq, errs, arena_printf(&rq->arena, "%s.skill", at), "not_proposed");
            continue;
        }
        PersonSkill s = {arena_strdup(&rq->arena, id), (int)jint(item, "level"),
                         jhas(item, "years") && !json_is_null(json_object_get(item, "years")) ? (int)jint(item, "years") : -1};
        int k = 0;
        while (k < ns && strcmp(skills[k].skill, id) != 0) k++;
        skills[k] = s;
        if (k == ns) ns++;
        gone[ngone++] = s.skill;
    }
    for (size_t i = 0; i < nd; i++) {
        const char *id = json_string_value(json_array_get(dismiss, i));
        const char *at = arena_printf(&rq->arena, "dismiss[%zu]", i);
        if (!id) errors_add(rq, errs, at, "must_be_string");
        else if (!proposed(props, np, id)) errors_add(rq, errs, at, "not_proposed");
        else gone[ngone++] = arena_strdup(&rq->arena, id);
    }
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    for (size_t i = 0; i < ngone; i++) {
        r = store_proposal_delete(rq->db, p.id, gone[i]);
        if (r != STORE_OK && r != STORE_NOT_FOUND) return reply_store_error(rq, rs, r); /* listed twice: gone already */
    }
    p.skills = skills;
    p.nskills = ns;
    r = store_person_update(rq->db, &rq->arena, &p, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    person_record_change(rq, &p, "person.updated");
    json_t *left = proposals_json(rq, p.id);
    if (!left) return reply_db_error(rq, rs);
    rs->audit_type = "person";
    json_t *body = person_json(rq, &p);
    json_object_set_new(body, "proposals", left);
    reply_versioned(rq, rs, p.version, body);
}

/* GET /api/v1/documents/{id}: the file as it was sent, to
 * download (never shown inline: a file from outside is not our page). */
void documents_file_get(Request *rq, Response *rs) {
    Document d;
    StoreResult r = store_document_get(rq->db, &rq->arena, rq->ids[0], &d);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    char *data;
    size_t len;
    if (files_get(d.sha256, MAX_UPLOAD_FILE, &data, &len)) return reply_problem(rq, rs, 404, "file-missing", "not_found", NULL);
    const char *copy = arena_strndup(&rq->arena, data, len); /* freed with the request, after sending */
    free(data);
    reply_download(rq, rs, copy, len, d.media_type, arena_printf(&rq->arena, "cv.%s", d.type), d.file_name);
}

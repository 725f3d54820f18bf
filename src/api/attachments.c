/* attachments: files of up to 10 MiB attached to posts.
 *   POST /api/v1/attachments?name=rapport.pdf  (the body is the file, its
 *        Content-Type its type) -> 201 {id, ...}; then a post names it in
 *        attachment_ids. Until then only its uploader may read it.
 *   GET /api/v1/attachments/{id} -> the file, always as a download
 *        (Content-Disposition: attachment, nosniff; a type outside a short
 *        list of inert ones is sent as application/octet-stream), to whoever
 *        sees the post's channel.
 * The stored type is the one the bytes show (lib/sniff.h), whatever the
 * uploader declared. The bytes are kept on disk by content hash outside
 * the web root (lib/files.h), never under a name the uploader chose. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/files.h"
#include "../lib/sniff.h"
#include "../lib/text.h"
#include "../store/attachments.h"
#include "../store/posts.h"
#include "api.h"

/* Types shown as what they are; anything else is a plain download. */
static const char *const INERT[] = {"application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain",
                                    "text/csv", NULL};

static json_t *attachment_json(const Attachment *at) {
    char url[48];
    snprintf(url, sizeof url, "/api/v1/attachments/%lld", at->id);
    return json_pack("{s:I, s:s, s:s, s:I, s:o, s:s, s:s}", "id", at->id, "name", at->name, "media_type",
                     at->media_type, "size", at->size, "post_id", json_int_or_null(at->post_id), "url", url,
                     "created_at", at->created_at);
}

/* A file name as shown: no path, no control characters, 1..200 characters. */
static bool name_valid(const char *n) {
    if (!n || !*n || text_utf8_length(n) > 200 || !text_valid_utf8(n, strlen(n))) return false;
    for (const char *p = n; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\' || *p == '"') return false;
    return strcmp(n, ".") && strcmp(n, "..");
}

/* "type/subtype" in lower case from a Content-Type header, or the generic
 * type: what the uploader says, only a hint to the sniffer (text/csv). */
static const char *declared_type(Request *rq) {
    const char *ct = req_header(rq, "Content-Type");
    char t[128];
    size_t n = 0;
    bool slash = false;
    for (; ct && *ct && *ct != ';' && n + 1 < sizeof t; ct++) {
        unsigned char c = (unsigned char)*ct;
        if (c == ' ') continue;
        if (c == '/' && !slash && n) slash = true;
        else if (!isalnum(c) && !strchr("!#$&^_.+-", c)) return "application/octet-stream";
        t[n++] = (char)tolower(c);
    }
    t[n] = '\0';
    return slash && t[n - 1] != '/' ? arena_strdup(&rq->arena, t) : "application/octet-stream";
}

void attachments_create(Request *rq, Response *rs) {
    if (rq->body_too_large || rq->body.len > MAX_UPLOAD_FILE)
        return reply_problem(rq, rs, 413, "too-large", "too_large", "max 10 MiB");
    const char *name = req_query(rq, "name");
    json_t *errs = json_array();
    if (!name_valid(name)) errors_add(rq, errs, "name", "file_name");
    if (rq->body.len == 0) errors_add(rq, errs, "file", "required");
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    /* the file is written (and synced) before the write transaction opens,
     * so the database is not locked meanwhile (ROUTE_OWN_TX) */
    db_reset_all(rq->db); /* the sign-in look-up holds no snapshot while the file is written */
    char sha[FILES_HASH_LEN];
    if (files_put(buf_str(&rq->body), rq->body.len, sha) != 0) return reply_db_error(rq, rs);
    if (db_begin_write(rq->db) != DB_OK) return reply_db_error(rq, rs);
    /* the type the bytes show, not the one declared: a "PDF" that is HTML is kept as what it is */
    const char *type = sniff_media_type((const unsigned char *)buf_str(&rq->body), rq->body.len, declared_type(rq));
    Attachment at = {.sha256 = sha, .name = name, .media_type = type, .size = (long long)rq->body.len,
                     .uploaded_by = rq->user.id};
    StoreResult r = store_attachment_insert(rq->db, &rq->arena, &at);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "attachment";
    rs->audit_id = at.id;
    reply_json(rs, 201, attachment_json(&at));
}

bool attachments_link(Request *rq, Response *rs, json_t *ids, long long post_id) {
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        StoreResult r = json_is_integer(v) ? store_attachment_link(rq->db, json_integer_value(v), rq->user.id, post_id)
                                           : STORE_NOT_FOUND;
        if (r == STORE_NOT_FOUND) {
            json_t *errs = json_array();
            errors_add(rq, errs, "attachment_ids", "no_such_attachment");
            reply_invalid(rq, rs, errs);
            return false;
        }
        if (r != STORE_OK) {
            reply_db_error(rq, rs);
            return false;
        }
    }
    return true;
}

/* The file's bytes in the arena (the answer is sent from there), NULL when
 * it cannot be read. */
static char *read_file(Request *rq, const Attachment *at) {
    char *data;
    size_t len;
    if (files_get(at->sha256, MAX_UPLOAD_FILE, &data, &len) != 0) return NULL;
    char *copy = len == (size_t)at->size ? arena_alloc(&rq->arena, len + 1) : NULL;
    if (copy) memcpy(copy, data, len);
    free(data);
    return copy;
}

void attachments_get(Request *rq, Response *rs) {
    Attachment at;
    StoreResult r = store_attachment_get(rq->db, &rq->arena, rq->ids[0], &at);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (at.post_id < 0) {
        if (at.uploaded_by != rq->user.id) return reply_store_error(rq, rs, STORE_NOT_FOUND);
    } else {
        Post p;
        Channel c;
        if (store_post_get(rq->db, &rq->arena, at.post_id, rq->user.id, &p) != STORE_OK || p.deleted)
            return reply_store_error(rq, rs, STORE_NOT_FOUND);
        if (!channel_load(rq, rs, p.channel_id, &c)) return;
    }
    char *data = read_file(rq, &at);
    if (!data) return reply_db_error(rq, rs);
    const char *type = "application/octet-stream";
    for (int i = 0; INERT[i]; i++)
        if (strcmp(INERT[i], at.media_type) == 0) type = INERT[i];
    reply_download(rq, rs, data, (size_t)at.size, type, NULL, at.name);
}

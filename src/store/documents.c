/* store/documents: documents and skill_proposals (see documents.h). */
#include "documents.h"
#include <string.h>
#include "../lib/timeutil.h"

static const char *type_of(const char *media) {
    if (!media) return "txt";
    if (strcmp(media, "application/pdf") == 0) return "pdf";
    if (strstr(media, "wordprocessingml")) return "docx";
    if (strstr(media, "opendocument")) return "odt";
    return "txt";
}

StoreResult store_document_insert(Db *db, Arena *a, Document *d, const char *text) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO documents (person_id, file_name, media_type, sha256, size, pages, text, "
                                "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, d->person_id);
    db_bind_text(st, 2, d->file_name);
    db_bind_text(st, 3, d->media_type);
    db_bind_text(st, 4, d->sha256);
    db_bind_int(st, 5, d->size);
    store_bind_opt_int(st, 6, d->pages);
    db_bind_text(st, 7, text);
    db_bind_text(st, 8, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    d->id = db_col_int(st, 0);
    d->created_at = arena_strdup(a, now);
    d->text_length = (long long)strlen(text);
    d->type = type_of(d->media_type);
    db_reset_all(db);
    return STORE_OK;
}

#define DOC_COLS "id, person_id, file_name, media_type, sha256, size, pages, length(text), created_at"

static void read_document(Arena *a, DbStmt *st, Document *d) {
    d->id = db_col_int(st, 0);
    d->person_id = db_col_int(st, 1);
    d->file_name = store_text(a, st, 2);
    d->media_type = store_text(a, st, 3);
    d->type = type_of(d->media_type);
    d->sha256 = store_text(a, st, 4);
    d->size = db_col_int(st, 5);
    d->pages = (int)store_opt_int(st, 6);
    d->text_length = db_col_int(st, 7);
    d->created_at = store_text(a, st, 8);
}

StoreResult store_documents_list(Db *db, Arena *a, long long person_id, Document **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " DOC_COLS " FROM documents WHERE person_id = $1 ORDER BY id DESC");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_document(a, st, &(*out)[(*n)++]);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_document_get(Db *db, Arena *a, long long id, Document *d) {
    DbStmt *st = db_prepare(db, "SELECT " DOC_COLS " FROM documents WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_document(a, st, d);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_proposal_add(Db *db, long long person_id, const char *skill, long long document_id,
                               const char *evidence, int position) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO skill_proposals (person_id, skill, document_id, evidence, created_at, position) "
                                "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id, skill) DO NOTHING");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, skill);
    store_bind_opt_int(st, 3, document_id);
    db_bind_text(st, 4, evidence);
    db_bind_text(st, 5, now);
    db_bind_int(st, 6, position);
    return store_result(db_run(st));
}

StoreResult store_proposals_list(Db *db, Arena *a, long long person_id, SkillProposal **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT skill, evidence, created_at, document_id FROM skill_proposals "
                                "WHERE person_id = $1 ORDER BY created_at, position, skill");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (SkillProposal){store_text(a, st, 0), store_text(a, st, 1), store_text(a, st, 2),
                                         store_opt_int(st, 3)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_proposal_delete(Db *db, long long person_id, const char *skill) {
    DbStmt *st = db_prepare(db, "DELETE FROM skill_proposals WHERE person_id = $1 AND skill = $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, skill);
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}

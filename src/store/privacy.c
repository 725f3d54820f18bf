/* store/privacy: erasure and access (see privacy.h). */
#include "privacy.h"
#include <string.h>

StoreResult store_person_erase(Db *db, long long id, long long actor_id, const char *reason, const char *now) {
    DbStmt *st = db_prepare(db, "SELECT erased_at FROM people WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s == DB_DONE) return STORE_NOT_FOUND;
    if (s != DB_ROW) return STORE_ERROR;
    bool erased = !db_col_is_null(st, 0);
    db_reset_all(db);
    if (erased) return STORE_CONFLICT;
    /* mail to them keeps its facts (kind, status, dates), not its address
     * or text; what was not sent yet never will be */
    st = db_prepare(db, "UPDATE outbox SET recipient = '', subject = '', message = '', "
                        "status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'failed' END, "
                        "last_error = CASE WHEN status = 'sent' THEN last_error ELSE 'erased' END "
                        "WHERE candidacy_id IN (SELECT id FROM candidacies WHERE person_id = $1) "
                        "OR recipient = (SELECT email FROM people WHERE id = $1)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    /* the placeholder keeps the id visible, so a list still adds up */
    st = db_prepare(db, "UPDATE people SET first_name = 'Personne', last_name = 'effacée', email = NULL, phone = NULL, "
                        "location = NULL, available_from = NULL, daily_rate = NULL, search = '', updated_at = $2, "
                        "erased_at = $2, version = version + 1 WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, now);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    static const char *const CLEAN[] = {
        "DELETE FROM person_skills WHERE person_id = $1",
        "DELETE FROM application_links WHERE candidacy_id IN (SELECT id FROM candidacies WHERE person_id = $1)",
        /* what they wrote when applying, and what was written to them */
        "UPDATE candidacies SET reason = NULL, message = NULL, candidate_message = NULL WHERE person_id = $1",
        /* duplicate detection keys, free-text tags, pairs, and the record of
         * people merged into them (the merged person's data) */
        "DELETE FROM person_keys WHERE person_id = $1",
        "DELETE FROM person_tags WHERE person_id = $1",
        "DELETE FROM duplicate_pairs WHERE low_id = $1 OR high_id = $1",
        "DELETE FROM person_merges WHERE into_id = $1 OR from_id = $1",
        /* CVs: their text and the skills proposed from it */
        "DELETE FROM skill_proposals WHERE person_id = $1",
        "DELETE FROM documents WHERE person_id = $1",
        /* the renewal links of their warning mail; legal bases keep their facts */
        "DELETE FROM privacy_links WHERE person_id = $1",
        "UPDATE legal_bases SET note = NULL WHERE person_id = $1",
        /* their account, if they had one: it can no longer sign in and names nobody */
        "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE person_id = $1)",
        "DELETE FROM api_tokens WHERE user_id IN (SELECT id FROM users WHERE person_id = $1)",
        "DELETE FROM password_resets WHERE user_id IN (SELECT id FROM users WHERE person_id = $1)",
        ("UPDATE users SET name = 'Personne effacée', email = 'erased-' || id || '@invalid.example', "
         "handle = 'effacee-' || id, password_hash = '!', disabled = 1, version = version + 1 WHERE person_id = $1"),
    };
    for (size_t i = 0; i < sizeof CLEAN / sizeof CLEAN[0]; i++) {
        st = db_prepare(db, CLEAN[i]);
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, id);
        if (db_run(st) != DB_OK) return STORE_ERROR;
    }
    st = db_prepare(db, "INSERT INTO erasures (person_id, at, actor_id, reason) VALUES ($1, $2, $3, $4)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, now);
    if (actor_id > 0) db_bind_int(st, 3, actor_id);
    else db_bind_null(st, 3);
    db_bind_text(st, 4, reason);
    return store_result(db_run(st));
}

StoreResult store_person_erased_at(Db *db, Arena *a, long long id, const char **at) {
    DbStmt *st = db_prepare(db, "SELECT erased_at FROM people WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s == DB_DONE) return STORE_NOT_FOUND;
    if (s != DB_ROW) return STORE_ERROR;
    *at = store_text(a, st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_audit_of_person(Db *db, Arena *a, long long id, AuditEntry **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, at, user_id, action, object_type, object_id, address FROM audit_log "
                                "WHERE object_type = 'person' AND object_id = $1 ORDER BY id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    size_t cap = 16;
    *out = arena_alloc(a, cap * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        if (!*out) return STORE_ERROR;
        AuditEntry *e = &(*out)[(*n)++];
        e->id = db_col_int(st, 0);
        e->at = store_text(a, st, 1);
        e->user_id = store_opt_int(st, 2);
        e->action = store_text(a, st, 3);
        e->object_type = store_text(a, st, 4);
        e->object_id = store_opt_int(st, 5);
        e->address = store_text(a, st, 6);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_erasures_of_person(Db *db, Arena *a, long long id, Erasure **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, person_id, actor_id, at, reason FROM erasures WHERE person_id = $1 ORDER BY id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    size_t cap = 4;
    *out = arena_alloc(a, cap * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        if (!*out) return STORE_ERROR;
        *(*out + (*n)++) = (Erasure){db_col_int(st, 0), db_col_int(st, 1), store_opt_int(st, 2), store_text(a, st, 3),
                                     store_text(a, st, 4)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* The SQL of each target: rows that may hold one of REDACT_KEYS patterns
 * (one scan of the table, a NULL pattern matches nothing), and the write. */
#define ANY(col)                                                                                                     \
    "(" col " LIKE $1 ESCAPE '\\' OR " col " LIKE $2 ESCAPE '\\' OR " col " LIKE $3 ESCAPE '\\' OR " col           \
    " LIKE $4 ESCAPE '\\' OR " col " LIKE $5 ESCAPE '\\')"
static const struct {
    const char *find, *write;
} REDACT_SQL[REDACT_TARGETS] = {
    [REDACT_POSTS] = {"SELECT id, body FROM posts WHERE deleted = 0 AND " ANY("search") " ORDER BY id",
                      "UPDATE posts SET body = $2, html = $3, search = $4, version = version + 1 WHERE id = $1"},
    [REDACT_REVISIONS] = {"SELECT id, body FROM post_revisions WHERE " ANY("lower(body)") " ORDER BY id",
                          "UPDATE post_revisions SET body = $2 WHERE id = $1"},
    [REDACT_NOTIFICATIONS] = {"SELECT id, text FROM notifications WHERE " ANY("lower(text)") " ORDER BY id",
                              "UPDATE notifications SET text = $2 WHERE id = $1"},
    [REDACT_REQUESTS] = {"SELECT id, requester FROM privacy_requests WHERE " ANY("lower(requester)") " ORDER BY id",
                         "UPDATE privacy_requests SET requester = $2 WHERE id = $1"},
};

StoreResult store_redact_candidates(Db *db, Arena *a, RedactTarget t, const char *const patterns[REDACT_KEYS],
                                    TextRow **out, int *n) {
    DbStmt *st = db_prepare(db, REDACT_SQL[t].find);
    if (!st) return STORE_ERROR;
    for (int i = 0; i < REDACT_KEYS; i++) db_bind_text(st, i + 1, patterns[i]);
    size_t cap = 8;
    *out = arena_alloc(a, cap * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        if (!*out) return STORE_ERROR;
        (*out)[(*n)++] = (TextRow){db_col_int(st, 0), store_text(a, st, 1)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_redact_write(Db *db, RedactTarget t, long long id, const char *text, const char *html,
                               const char *search) {
    DbStmt *st = db_prepare(db, REDACT_SQL[t].write);
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, text);
    if (t == REDACT_POSTS) {
        db_bind_text(st, 3, html);
        db_bind_text(st, 4, search);
    }
    return store_result(db_run(st));
}

StoreResult store_person_account_handle(Db *db, Arena *a, long long person_id, const char **handle) {
    DbStmt *st = db_prepare(db, "SELECT handle FROM users WHERE person_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    DbStatus s = db_step(st);
    *handle = s == DB_ROW ? store_text(a, st, 0) : NULL;
    db_reset_all(db);
    return s == DB_ROW || s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_people_named(Db *db, const char *last_name, long long except_id, long long *n) {
    DbStmt *st = db_prepare(db, "SELECT count(*) FROM people WHERE id <> $2 AND erased_at IS NULL "
                                "AND lower(last_name) = lower($1)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, last_name);
    db_bind_int(st, 2, except_id);
    if (db_step(st) != DB_ROW) return STORE_ERROR;
    *n = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_person_file_hashes(Db *db, Arena *a, long long person_id, const char ***hashes, int *n) {
    DbStmt *st = db_prepare(db, "SELECT DISTINCT sha256 FROM documents WHERE person_id = $1 ORDER BY sha256");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    return store_read_texts(a, st, hashes, n);
}

StoreResult store_file_in_use(Db *db, const char *hash, bool *used) {
    DbStmt *st = db_prepare(db, "SELECT (SELECT count(*) FROM documents WHERE sha256 = $1) + "
                                "(SELECT count(*) FROM attachments WHERE sha256 = $1)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, hash);
    if (db_step(st) != DB_ROW) return STORE_ERROR;
    *used = db_col_int(st, 0) > 0;
    db_reset_all(db);
    return STORE_OK;
}


StoreResult store_register_counts(Db *db, RegisterCounts *c) {
    DbStmt *st = db_prepare(
        db, "SELECT (SELECT count(*) FROM people WHERE kind = 'candidate' AND erased_at IS NULL), "
            "(SELECT count(DISTINCT b.person_id) FROM legal_bases b JOIN people p ON p.id = b.person_id "
            "  WHERE b.purpose = 'talent_pool' AND b.withdrawn_at IS NULL AND p.erased_at IS NULL), "
            "(SELECT count(*) FROM people WHERE kind = 'consultant' AND erased_at IS NULL), "
            "(SELECT count(*) FROM contacts), (SELECT count(*) FROM users WHERE disabled = 0), "
            "(SELECT count(*) FROM people WHERE erased_at IS NOT NULL)");
    if (!st || db_step(st) != DB_ROW) return STORE_ERROR;
    *c = (RegisterCounts){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2),
                          db_col_int(st, 3), db_col_int(st, 4), db_col_int(st, 5)};
    db_reset_all(db);
    return STORE_OK;
}

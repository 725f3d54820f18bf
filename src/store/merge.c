/* store/merge: rows moved by a merge of two people (see merge.h). */
#include "merge.h"
#include "../lib/timeutil.h"

StoreResult store_candidacy_reassign(Db *db, long long candidacy_id, long long into_id) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE candidacies SET person_id = $1, version = version + 1, updated_at = $2 WHERE id = $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, into_id);
    db_bind_text(st, 2, now);
    db_bind_int(st, 3, candidacy_id);
    return store_result(db_run(st));
}

StoreResult store_candidacy_fold(Db *db, long long candidacy_id, long long kept_id) {
    DbStmt *st = db_prepare(db, "UPDATE application_links SET candidacy_id = $1 WHERE candidacy_id = $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, kept_id);
    db_bind_int(st, 2, candidacy_id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    st = db_prepare(db, "DELETE FROM candidacies WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, candidacy_id);
    return store_result(db_run(st));
}

StoreResult store_person_tags_merge(Db *db, long long into_id, long long from_id) {
    DbStmt *st = db_prepare(db, "INSERT INTO person_tags (person_id, tag) SELECT $1, tag FROM person_tags "
                                "WHERE person_id = $2 ON CONFLICT DO NOTHING");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, into_id);
    db_bind_int(st, 2, from_id);
    return store_result(db_run(st));
}

StoreResult store_person_documents_merge(Db *db, long long into_id, long long from_id) {
    /* CVs and other documents join the kept person, but the same file only
     * once; the skills proposed from them too (twins once: the kept
     * person's proposal stays) */
    DbStmt *st = db_prepare(db, "DELETE FROM documents WHERE person_id = $2 "
                                "AND sha256 IN (SELECT sha256 FROM documents WHERE person_id = $1)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, into_id);
    db_bind_int(st, 2, from_id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    st = db_prepare(db, "UPDATE documents SET person_id = $1 WHERE person_id = $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, into_id);
    db_bind_int(st, 2, from_id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    st = db_prepare(db, "INSERT INTO skill_proposals (person_id, skill, document_id, evidence, position, created_at) "
                        "SELECT $1, skill, document_id, evidence, position, created_at FROM skill_proposals "
                        "WHERE person_id = $2 ON CONFLICT DO NOTHING");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, into_id);
    db_bind_int(st, 2, from_id);
    return store_result(db_run(st));
}

StoreResult store_person_merge_record(Db *db, long long into_id, long long from_id, const char *merged_json,
                                      long long user_id, long long *id) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO person_merges (into_id, from_id, merged, user_id, at) "
                                "VALUES ($1, $2, $3, $4, $5) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, into_id);
    db_bind_int(st, 2, from_id);
    db_bind_text(st, 3, merged_json);
    store_bind_opt_int(st, 4, user_id);
    db_bind_text(st, 5, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    *id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

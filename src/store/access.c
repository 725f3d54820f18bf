/* store/access: row facts for the visibility rules (see access.h). */
#include "access.h"

/* One statement per kind; each selects person_id, client_id, stage,
 * visibility, object_type, member (for channels and posts, $2 is the viewer). */
#define MEMBER "CASE WHEN m.user_id IS NOT NULL AND m.left_at IS NULL THEN 1 ELSE 0 END"
#define VIEWER_ROW "LEFT JOIN channel_members m ON m.channel_id = c.id AND m.user_id = $2 "
static DbStmt *facts_query(Db *db, RowKind kind) {
    switch (kind) {
    case ROW_PERSON: return db_prepare(db, "SELECT id, NULL, NULL, NULL, NULL, 0 FROM people WHERE id = $1");
    case ROW_DOCUMENT: return db_prepare(db, "SELECT person_id, NULL, NULL, NULL, NULL, 0 FROM documents WHERE id = $1");
    case ROW_CANDIDACY:
        return db_prepare(db, "SELECT c.person_id, n.client_id, c.stage, NULL, NULL, 0 FROM candidacies c "
                              "JOIN needs n ON n.id = c.need_id WHERE c.id = $1");
    case ROW_INTERVIEW:
        return db_prepare(db, "SELECT c.person_id, n.client_id, c.stage, NULL, NULL, 0 FROM interviews i "
                              "JOIN candidacies c ON c.id = i.candidacy_id JOIN needs n ON n.id = c.need_id "
                              "WHERE i.id = $1");
    case ROW_INCIDENT: return db_prepare(db, "SELECT consultant_id, client_id, NULL, NULL, NULL, 0 FROM incidents WHERE id = $1");
    case ROW_CHANNEL:
        return db_prepare(db, "SELECT NULL, NULL, NULL, c.visibility, c.object_type, " MEMBER " FROM channels c "
                              VIEWER_ROW "WHERE c.id = $1");
    case ROW_POST:
        return db_prepare(db, "SELECT NULL, NULL, NULL, c.visibility, c.object_type, " MEMBER " FROM posts p "
                              "JOIN channels c ON c.id = p.channel_id " VIEWER_ROW "WHERE p.id = $1");
    case ROW_NONE: break;
    }
    return NULL;
}

StoreResult store_row_facts(Db *db, Arena *a, RowKind kind, long long id, long long viewer_id, RowFacts *out) {
    *out = (RowFacts){-1, -1, NULL, NULL, NULL, false};
    if (kind == ROW_NONE) return STORE_OK;
    DbStmt *st = facts_query(db, kind);
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    if (kind == ROW_CHANNEL || kind == ROW_POST) db_bind_int(st, 2, viewer_id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    out->person_id = store_opt_int(st, 0);
    out->client_id = store_opt_int(st, 1);
    out->stage = store_text(a, st, 2);
    out->visibility = store_text(a, st, 3);
    out->object_type = store_text(a, st, 4);
    out->member = kind == ROW_CHANNEL || kind == ROW_POST ? db_col_int(st, 5) != 0 : false;
    return STORE_OK;
}

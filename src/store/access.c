/* store/access: row facts for the visibility rules (see access.h). */
#include "access.h"

/* One statement per kind; each selects person_id, client_id, stage. */
static DbStmt *facts_query(Db *db, RowKind kind) {
    switch (kind) {
    case ROW_PERSON: return db_prepare(db, "SELECT id, NULL, NULL FROM people WHERE id = $1");
    case ROW_DOCUMENT: return db_prepare(db, "SELECT person_id, NULL, NULL FROM documents WHERE id = $1");
    case ROW_CANDIDACY:
        return db_prepare(db, "SELECT c.person_id, n.client_id, c.stage FROM candidacies c "
                              "JOIN needs n ON n.id = c.need_id WHERE c.id = $1");
    case ROW_INTERVIEW:
        return db_prepare(db, "SELECT c.person_id, n.client_id, c.stage FROM interviews i "
                              "JOIN candidacies c ON c.id = i.candidacy_id JOIN needs n ON n.id = c.need_id "
                              "WHERE i.id = $1");
    case ROW_INCIDENT: return db_prepare(db, "SELECT consultant_id, client_id, NULL FROM incidents WHERE id = $1");
    case ROW_NONE: break;
    }
    return NULL;
}

StoreResult store_row_facts(Db *db, Arena *a, RowKind kind, long long id, RowFacts *out) {
    *out = (RowFacts){-1, -1, NULL};
    if (kind == ROW_NONE) return STORE_OK;
    DbStmt *st = facts_query(db, kind);
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    out->person_id = store_opt_int(st, 0);
    out->client_id = store_opt_int(st, 1);
    out->stage = store_text(a, st, 2);
    return STORE_OK;
}

/* store/capabilities: skill counts (see capabilities.h). */
#include "capabilities.h"
#include <string.h>

StoreResult store_capabilities(Db *db, Arena *a, const char *skill, int min_level, const char *available_by,
                               Capability **out, int *n) {
    /* One row per person and skill; counted here, grouped by skill. A
     * candidate is in the pipeline with a candidacy still in progress. */
    DbStmt *st = db_prepare(db, "SELECT ps.skill, ps.level, p.kind, "
                                "CASE WHEN p.available_from IS NULL OR p.available_from <= $3 THEN 1 ELSE 0 END, "
                                "CASE WHEN EXISTS (SELECT 1 FROM candidacies c WHERE c.person_id = p.id AND c.stage "
                                "NOT IN ('hired','rejected','withdrawn')) THEN 1 ELSE 0 END "
                                "FROM person_skills ps JOIN people p ON p.id = ps.person_id "
                                "WHERE (CAST($1 AS TEXT) IS NULL OR ps.skill = $1) AND ps.level >= $2 "
                                "ORDER BY ps.skill");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, skill);
    db_bind_int(st, 2, min_level);
    db_bind_text(st, 3, available_by);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        const char *id = db_col_text(st, 0);
        if (!*n || strcmp((*out)[*n - 1].skill, id)) {
            *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
            (*out)[(*n)++] = (Capability){.skill = store_text(a, st, 0)};
        }
        Capability *c = &(*out)[*n - 1];
        int level = (int)db_col_int(st, 1);
        const char *kind = db_col_text(st, 2);
        if (strcmp(kind, "consultant") == 0) {
            c->consultants++;
            if (level >= 1 && level <= 5) c->by_level[level]++;
            if (db_col_int(st, 3)) c->available++;
        }
        if (db_col_int(st, 4)) c->candidates_in_pipeline++;
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_skill_meeting(Db *db, const char *skill, int min_level, int *consultants, int *candidates) {
    DbStmt *st = db_prepare(db, "SELECT COALESCE(SUM(CASE WHEN p.kind = 'consultant' THEN 1 ELSE 0 END), 0), "
                                "COALESCE(SUM(CASE WHEN p.kind = 'candidate' THEN 1 ELSE 0 END), 0) "
                                "FROM person_skills ps JOIN people p ON p.id = ps.person_id "
                                "WHERE ps.skill = $1 AND ps.level >= $2");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, skill);
    db_bind_int(st, 2, min_level);
    if (db_step(st) != DB_ROW) return STORE_ERROR;
    *consultants = (int)db_col_int(st, 0);
    *candidates = (int)db_col_int(st, 1);
    db_reset_all(db);
    return STORE_OK;
}

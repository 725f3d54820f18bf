/* store/applicants: people and candidacies from the careers page (see .h). */
#include "applicants.h"
#include "people.h"

StoreResult store_applicant_find_or_create(Db *db, Arena *a, Person *p, bool *created) {
    *created = false;
    DbStmt *st = db_prepare(db, "SELECT id FROM people WHERE lower(email) = $1 ORDER BY id LIMIT 1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, p->email);
    DbStatus s = db_step(st);
    if (s == DB_ROW) {
        long long id = db_col_int(st, 0);
        db_reset_all(db);
        return store_person_get(db, a, id, p);
    }
    if (s != DB_DONE) return STORE_ERROR;
    *created = true;
    return store_person_insert(db, a, p);
}

StoreResult store_candidacy_set_application(Db *db, long long candidacy_id, const char *message,
                                            const char *consent_at) {
    DbStmt *st = db_prepare(db, "UPDATE candidacies SET message = $1, consent_at = $2 WHERE id = $3");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, message);
    db_bind_text(st, 2, consent_at);
    db_bind_int(st, 3, candidacy_id);
    return store_result(db_run(st));
}

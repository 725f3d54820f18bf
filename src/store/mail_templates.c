/* store/mail_templates: edited templates over the defaults (see .h). */
#include "mail_templates.h"
#include "../lib/timeutil.h"

StoreResult store_mail_template_get(Db *db, Arena *a, const char *kind, StoredTemplate *out) {
    const MailTemplate *d = mail_template_default(kind);
    if (!d) return STORE_NOT_FOUND;
    DbStmt *st = db_prepare(db, "SELECT version, subject_fr, body_fr, subject_en, body_en, updated_by, updated_at "
                                "FROM mail_templates WHERE kind = $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, kind);
    DbStatus s = db_step(st);
    if (s == DB_DONE) {
        *out = (StoredTemplate){*d, 1, -1, NULL};
        return STORE_OK;
    }
    if (s != DB_ROW) return STORE_ERROR;
    out->t.kind = d->kind;
    out->version = db_col_int(st, 0);
    out->t.subject_fr = store_text(a, st, 1);
    out->t.body_fr = store_text(a, st, 2);
    out->t.subject_en = store_text(a, st, 3);
    out->t.body_en = store_text(a, st, 4);
    out->updated_by = store_opt_int(st, 5);
    out->updated_at = store_text(a, st, 6);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_mail_template_put(Db *db, Arena *a, StoredTemplate *t, long long expected) {
    char now[21];
    time_now_iso(now);
    DbStmt *st;
    if (expected == 1) {
        /* the default becomes a row; a concurrent first edit hits the key */
        st = db_prepare(db, "INSERT INTO mail_templates (kind, version, subject_fr, body_fr, subject_en, body_en, "
                            "updated_by, updated_at) VALUES ($1, 2, $2, $3, $4, $5, $6, $7)");
    } else {
        st = db_prepare(db, "UPDATE mail_templates SET version = version + 1, subject_fr = $2, body_fr = $3, "
                            "subject_en = $4, body_en = $5, updated_by = $6, updated_at = $7 "
                            "WHERE kind = $1 AND version = $8");
    }
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, t->t.kind);
    db_bind_text(st, 2, t->t.subject_fr);
    db_bind_text(st, 3, t->t.body_fr);
    db_bind_text(st, 4, t->t.subject_en);
    db_bind_text(st, 5, t->t.body_en);
    store_bind_opt_int(st, 6, t->updated_by);
    db_bind_text(st, 7, now);
    if (expected != 1) db_bind_int(st, 8, expected);
    StoreResult r = store_run_versioned(db, st, a, expected, now, &t->version, &t->updated_at);
    return r == STORE_CONFLICT ? STORE_STALE : r;
}

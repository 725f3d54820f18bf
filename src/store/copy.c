/* store/copy: engine-to-engine copy with verification (see copy.h). */
#include "copy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "../lib/buf.h"

const char *const COPY_TABLES[] = {"users",  "sessions",      "api_tokens", "signin_failures", "audit_log", "clients",
                                   "people", "person_skills", "needs",      "need_skills",     "candidacies",
                                   "contacts", "deals", "deal_needs", "reviews", "surveys", "application_links", "events",
                                   /* incidents and rituals */
                                   "incident_sla", "incidents", "incident_participants", "rituals",
                                   "ritual_participants", "ritual_points", "calendar_feeds", "server_keys",
                                   /* KPIs and shared objectives */
                                   "objectives", "kpi_candidacies", "kpi_facts",
                                   /* careers and CVs; person_text is indexed on the target as it is copied in */
                                   "documents", "skill_proposals", "person_text",
                                   /* mail, interviews, settings */
                                   "outbox", "mail_templates", "settings", "interviews", "interview_interviewers",
                                   /* channels, posts, notifications */
                                   "channels", "channel_slugs", "channel_members", "posts", "post_revisions", "reactions", "attachments",
                                   "notifications",
                                   /* trust */ "password_resets", "erasures", "privacy_requests",
                                   /* imports and duplicates */
                                   "person_keys", "duplicate_pairs", "person_tags", "person_merges",
                                   /* privacy: legal bases, renewal links, retention warnings */
                                   "legal_bases", "privacy_links", "retention_notices",
                                   "password_reset_requests", NULL};

static StoreResult count_rows(Db *db, const char *table, long long *n) {
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    DbStmt *st = db_prepare_once(db, sql);
    if (!st) return STORE_ERROR;
    StoreResult r = db_step(st) == DB_ROW ? STORE_OK : STORE_ERROR;
    if (r == STORE_OK) *n = db_col_int(st, 0);
    db_finalize(st);
    return r;
}

/* Copies one table row by row; columns are read from the source. */
static StoreResult copy_table(Db *from, Db *to, const char *table, char err[256]) {
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT * FROM %s", table);
    DbStmt *src = db_prepare_once(from, sql);
    if (!src) return STORE_ERROR;
    DbStmt *ins = NULL;
    StoreResult r = STORE_OK;
    DbStatus s;
    int ncols = 0;
    bool has_id = false; /* an identity column whose sequence must follow the copied ids */
    while (r == STORE_OK && (s = db_step(src)) == DB_ROW) {
        if (!ins) {
            ncols = db_col_count(src);
            Buf q = BUF_INIT;
            buf_printf(&q, "INSERT INTO %s (", table);
            for (int c = 0; c < ncols; c++) {
                buf_printf(&q, "%s%s", c ? ", " : "", db_col_name(src, c));
                if (strcmp(db_col_name(src, c), "id") == 0) has_id = true;
            }
            buf_puts(&q, ") VALUES (");
            for (int c = 0; c < ncols; c++) buf_printf(&q, "%s$%d", c ? ", " : "", c + 1);
            buf_puts(&q, ")");
            ins = db_prepare_once(to, buf_str(&q));
            buf_free(&q);
            if (!ins) {
                snprintf(err, 256, "%s: cannot prepare the insert", table);
                r = STORE_ERROR;
                break;
            }
        }
        for (int c = 0; c < ncols; c++) db_bind_text(ins, c + 1, db_col_text(src, c));
        if (db_run(ins) != DB_OK) {
            snprintf(err, 256, "%s: insert failed: %s", table, db_errmsg(to));
            r = STORE_ERROR;
        }
    }
    db_finalize(ins);
    db_finalize(src);
    if (r == STORE_OK && has_id && db_sync_ids(to, table) != DB_OK) r = STORE_ERROR;
    return r;
}

StoreResult store_copy_all(Db *from, Db *to, char err[256]) {
    for (int i = 0; COPY_TABLES[i]; i++) {
        long long n;
        if (count_rows(to, COPY_TABLES[i], &n) != STORE_OK) return STORE_ERROR;
        if (n) {
            snprintf(err, 256, "the target is not empty (%s has %lld rows)", COPY_TABLES[i], n);
            return STORE_CONFLICT;
        }
    }
    if (db_begin_read(from) != DB_OK || db_begin_write(to) != DB_OK) {
        db_rollback(from);
        return STORE_ERROR;
    }
    StoreResult r = STORE_OK;
    for (int i = 0; COPY_TABLES[i] && r == STORE_OK; i++) r = copy_table(from, to, COPY_TABLES[i], err);
    db_rollback(from); /* read only */
    if (r == STORE_OK && db_commit(to) != DB_OK) r = STORE_ERROR;
    if (r != STORE_OK) db_rollback(to);
    return r;
}

static int cmp_hash(const void *a, const void *b) { return memcmp(a, b, 32); }

StoreResult store_table_sum(Db *db, const char *table, TableSum *out) {
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT * FROM %s", table);
    DbStmt *st = db_prepare_once(db, sql);
    if (!st) return STORE_ERROR;
    size_t cap = 1024, n = 0;
    unsigned char(*hashes)[32] = malloc(cap * 32);
    if (!hashes) {
        db_finalize(st);
        return STORE_ERROR;
    }
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        if (n == cap) {
            void *bigger = realloc(hashes, cap * 2 * 32);
            if (!bigger) break;
            hashes = bigger;
            cap *= 2;
        }
        crypto_generichash_state h;
        crypto_generichash_init(&h, NULL, 0, 32);
        for (int c = 0; c < db_col_count(st); c++) {
            const char *v = db_col_text(st, c);
            /* a length prefix keeps ("ab","c") apart from ("a","bc"); -1 is NULL */
            long long len = v ? (long long)strlen(v) : -1;
            crypto_generichash_update(&h, (const unsigned char *)&len, sizeof len);
            if (v) crypto_generichash_update(&h, (const unsigned char *)v, (size_t)len);
        }
        crypto_generichash_final(&h, hashes[n++], 32);
    }
    db_finalize(st);
    if (s != DB_DONE) {
        free(hashes);
        return STORE_ERROR;
    }
    qsort(hashes, n, 32, cmp_hash);
    unsigned char total[32];
    crypto_generichash(total, sizeof total, (const unsigned char *)hashes, n * 32, NULL, 0);
    free(hashes);
    out->table = table;
    out->rows = (long long)n;
    sodium_bin2hex(out->checksum, sizeof out->checksum, total, sizeof total);
    return STORE_OK;
}

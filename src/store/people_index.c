/* store/people_index: person_text and its query (see people_index.h). */
#include "people_index.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/buf.h"
#include "../lib/text.h"

/* The indexed text stops at MAX_INDEXED bytes (the start of a long CV):
 * PostgreSQL refuses a tsvector over 1 MB, and three of them are built from
 * this text (simple, French, English). */
enum { MAX_QUERY_WORDS = 16, MAX_INDEXED = 200 * 1024 };

bool store_is_postgresql(Db *db) { return strcmp(db_engine_name(db), "postgresql") == 0; }

/* Appends the rows of a one-column query, each folded, to b (bounded). */
static StoreResult append_rows(DbStmt *st, Buf *b, bool fold, bool dashes) {
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        const char *v = db_col_text(st, 0);
        if (!v || b->len + 1 >= MAX_INDEXED) continue;
        char *f = fold ? text_fold(v) : NULL;
        const char *t = f ? f : v;
        size_t at = b->len, n = strlen(t), room = MAX_INDEXED - b->len - 1;
        if (n > room) { /* cut on a character boundary */
            n = room;
            while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80) n--;
        }
        buf_puts(b, " ");
        buf_append(b, t, n);
        free(f);
        if (dashes) /* skill ids: "spring-boot" is indexed as "spring boot" too */
            for (size_t i = at; i < b->len; i++)
                if (b->data[i] == '-') b->data[i] = ' ';
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_person_index(Db *db, Arena *a, long long person_id) {
    (void)a;
    Buf b = BUF_INIT;
    DbStmt *st = db_prepare(db, "SELECT search FROM people WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    StoreResult r = append_rows(st, &b, false, false);
    if (r == STORE_OK && (st = db_prepare(db, "SELECT skill FROM person_skills WHERE person_id = $1 ORDER BY skill"))) {
        db_bind_int(st, 1, person_id);
        r = append_rows(st, &b, false, true);
    } else if (r == STORE_OK) r = STORE_ERROR;
    if (r == STORE_OK && (st = db_prepare(db, "SELECT text FROM documents WHERE person_id = $1 ORDER BY id DESC"))) {
        db_bind_int(st, 1, person_id);
        r = append_rows(st, &b, true, false);
    } else if (r == STORE_OK) r = STORE_ERROR;
    if (r == STORE_OK && (st = db_prepare(db, "INSERT INTO person_text (person_id, body) VALUES ($1, $2) "
                                              "ON CONFLICT (person_id) DO UPDATE SET body = excluded.body"))) {
        db_bind_int(st, 1, person_id);
        db_bind_text(st, 2, buf_str(&b));
        r = store_result(db_run(st));
    } else if (r == STORE_OK) r = STORE_ERROR;
    buf_free(&b);
    return r;
}

const char *store_fulltext_query(Db *db, Arena *a, const char *q) {
    if (!q) return NULL;
    char *f = text_fold(q);
    Buf b = BUF_INIT;
    bool pg = store_is_postgresql(db);
    int words = 0;
    /* words are runs of [a-z0-9] of the folded text: nothing else reaches
     * the query language, so no operator can be smuggled in */
    for (const char *p = f ? f : ""; *p && words < MAX_QUERY_WORDS;) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) p++;
        const char *s = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) p++;
        if (p == s) continue;
        if (pg) buf_printf(&b, "%s%.*s:*", words ? " & " : "", (int)(p - s), s);
        else buf_printf(&b, "%s\"%.*s\"*", words ? " " : "", (int)(p - s), s);
        words++;
    }
    free(f);
    /* no word: a query that matches nothing ("" on SQLite, NULL on PostgreSQL) */
    const char *out = words ? arena_strdup(a, buf_str(&b)) : (pg ? NULL : "\"\"");
    buf_free(&b);
    return out;
}

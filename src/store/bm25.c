/* store/bm25: FTS5 with the unicode61 tokenizer, accents removed, so
 * French and English texts are cut and folded alike (see bm25.h). */
#include "bm25.h"
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/buf.h"
#include "../lib/text.h"

struct Bm25 {
    sqlite3 *db;
};

Bm25 *bm25_open(void) {
    Bm25 *b = calloc(1, sizeof *b);
    if (!b || sqlite3_open(":memory:", &b->db) != SQLITE_OK ||
        sqlite3_exec(b->db, "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
                     NULL, NULL, NULL) != SQLITE_OK) {
        bm25_close(b);
        return NULL;
    }
    return b;
}

void bm25_close(Bm25 *b) {
    if (!b) return;
    sqlite3_close(b->db);
    free(b);
}

int bm25_add(Bm25 *b, int doc, const char *text) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(b->db, "INSERT INTO docs (rowid, body) VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_int(st, 1, doc);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(st);
    return rc;
}

/* The query's words as an FTS5 expression "w1" OR "w2" ... (each quoted,
 * so no word is read as an operator); caller frees. */
static char *or_query(const char *query) {
    char *folded = text_fold(query);
    if (!folded) return NULL;
    Buf q = BUF_INIT;
    for (char *p = folded; *p;) {
        while (*p && !((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) p++;
        char *s = p;
        while ((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) p++;
        if (p - s >= 2) buf_printf(&q, "%s\"%.*s\"", q.len ? " OR " : "", (int)(p - s), s);
    }
    free(folded);
    return q.len ? buf_take(&q) : calloc(1, 1);
}

int bm25_rank(Bm25 *b, const char *query, int *out, int max) {
    char *q = or_query(query);
    if (!q) return -1;
    int n = 0;
    if (*q) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(b->db, "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs), rowid LIMIT ?", -1,
                               &st, NULL) != SQLITE_OK) {
            free(q);
            return -1;
        }
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, max);
        while (n < max && sqlite3_step(st) == SQLITE_ROW) out[n++] = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    free(q);
    return n;
}

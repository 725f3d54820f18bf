/* store/bm25: the text-search baseline of the matching evaluation: an
 * in-memory SQLite FTS5 table of documents ranked by bm25() for a query
 * text. Not the product's search (store/people.c): a yardstick. */
#ifndef ALLIANCE_STORE_BM25_H
#define ALLIANCE_STORE_BM25_H

typedef struct Bm25 Bm25;

/* A new empty collection; NULL when SQLite has no FTS5. */
Bm25 *bm25_open(void);
void bm25_close(Bm25 *b);
/* Adds document number doc with its text. 0 on success. */
int bm25_add(Bm25 *b, int doc, const char *text);
/* Documents matching any word of query, best first; returns how many were
 * written to out (at most max), -1 on error. */
int bm25_rank(Bm25 *b, const char *query, int *out, int max);

#endif

/* store/people_index: the full-text index over people (name, e-mail,
 * skills, CV text). person_text holds each person's folded text; SQLite
 * indexes it with FTS5 (people_fts), PostgreSQL with a GIN index over
 * simple + French + English tsvectors (migration 20). Callers see one
 * interface: refresh a person's text, and match a query. */
#ifndef ALLIANCE_STORE_PEOPLE_INDEX_H
#define ALLIANCE_STORE_PEOPLE_INDEX_H
#include "store.h"

/* Rebuilds the indexed text of one person from the database (after any
 * change of their name, e-mail, skills or documents). */
StoreResult store_person_index(Db *db, Arena *a, long long person_id);
/* The query text for the engine in use: every word of q, folded, as a
 * prefix ("kube" finds "kubernetes"), all words required. A q without
 * words gives a query that matches nothing; NULL gives NULL. */
const char *store_fulltext_query(Db *db, Arena *a, const char *q);
/* Whether the engine is PostgreSQL (the index is queried differently). */
bool store_is_postgresql(Db *db);

#endif

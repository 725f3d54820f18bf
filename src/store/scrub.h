/* store/scrub: after the commit of a deletion for good — a post's text
 * (store/posts.h), an erased person (privacy/erase.h) — and in no
 * transaction, makes the removed text leave the files. On SQLite the
 * full-text indexes named are rewritten without the deleted words (FTS5
 * before 3.42's secure-delete only marks a removed document; its words stay
 * in older segments until they merge; the cost grows with the index: 0.29 s
 * at 100,000 posts, bench/post_delete.sh) and the write-ahead log is
 * checkpointed and emptied (db_checkpoint); with secure_delete on, the freed
 * bytes are zeros. On PostgreSQL nothing: no query returns the text any
 * more, and its bytes leave the files with VACUUM and the recycling of the
 * WAL, as for any deleted row. */
#ifndef ALLIANCE_STORE_SCRUB_H
#define ALLIANCE_STORE_SCRUB_H
#include "store.h"

enum { SCRUB_POSTS = 1, SCRUB_PEOPLE = 2 }; /* the full-text indexes to rewrite */

StoreResult store_scrub(Db *db, int indexes);

#endif

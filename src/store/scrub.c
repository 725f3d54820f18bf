/* store/scrub: deleted text out of the files (see scrub.h). */
#include "scrub.h"
#include <string.h>

StoreResult store_scrub(Db *db, int indexes) {
    if (strcmp(db_engine_name(db), "sqlite") != 0) return STORE_OK; /* see scrub.h */
    if (db_begin_write(db) != DB_OK) return STORE_ERROR;
    /* 'optimize' merges every segment into one, without the deleted words */
    if (((indexes & SCRUB_POSTS) && db_exec(db, "INSERT INTO posts_fts(posts_fts) VALUES ('optimize')") != DB_OK) ||
        ((indexes & SCRUB_PEOPLE) && db_exec(db, "INSERT INTO people_fts(people_fts) VALUES ('optimize')") != DB_OK)) {
        db_rollback(db);
        return STORE_ERROR;
    }
    if (db_commit(db) != DB_OK) return STORE_ERROR;
    /* the write-ahead log still holds the pages as they were before */
    return store_result(db_checkpoint(db));
}

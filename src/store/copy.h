/* store/copy: a whole firm from one database to another (SQLite to
 * PostgreSQL or back), verified table by table by row counts and
 * checksums. */
#ifndef ALLIANCE_STORE_COPY_H
#define ALLIANCE_STORE_COPY_H
#include "store.h"

typedef struct {
    const char *table;
    long long rows;
    char checksum[65];  /* hex BLAKE2b-256 of the rows, in any order */
} TableSum;

/* The tables copied, parents before children; NULL-terminated. */
extern const char *const COPY_TABLES[];

/* Copies every table of from into to, which must be migrated and empty
 * (CONFLICT otherwise), in one transaction on each side. */
StoreResult store_copy_all(Db *from, Db *to, char err[256]);
/* Rows and checksum of one table. The checksum hashes each row's values
 * as text (NULL told apart from ""), then the sorted row hashes, so it
 * does not depend on an engine's row order or collation. */
StoreResult store_table_sum(Db *db, const char *table, TableSum *out);

#endif

/* schema: numbered migrations of the database (see schema.c). */
#ifndef ALLIANCE_SCHEMA_H
#define ALLIANCE_SCHEMA_H
#include <stdbool.h>
#include "db.h"

/* Applies every migration not yet recorded; 0 on success. */
int schema_migrate(Db *db);
int schema_latest(void);
/* Whether this binary has migration number version (a database made by a
 * newer binary has some it does not know). */
bool schema_known(int version);
/* How many migrations this binary has (numbers may have gaps). */
int schema_count(void);

#endif

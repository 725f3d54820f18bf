/* schema: numbered migrations of the database (see schema.c). */
#ifndef ALLIANCE_SCHEMA_H
#define ALLIANCE_SCHEMA_H
#include "db.h"

/* Applies every migration not yet recorded; 0 on success. */
int schema_migrate(Db *db);
int schema_latest(void);

#endif

/* cli: the subcommands. Each returns the process exit code: 0 success,
 * 1 failure, 2 bad usage (after printing the usage). */
#ifndef ALLIANCE_CLI_H
#define ALLIANCE_CLI_H
#include <stdio.h>
#include "../store/db.h"

void cli_usage(FILE *out);
int cli_serve(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_token(int argc, char **argv);
int cli_migrate(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_restore(int argc, char **argv);
/* mail: the digest to candidacy owners, on demand */
int cli_digest(int argc, char **argv);
/* matching engine */
int cli_match(int argc, char **argv);
int cli_eval_match(int argc, char **argv);
int cli_kpis(int argc, char **argv); /* KPIs: alliance kpis rebuild */
int cli_skills_find(int argc, char **argv); /* CV reading: skills proposed from text */

/* libsodium and the skills reference; 0 on success (message printed otherwise). */
int cli_start(void);
/* Shared start-up: libsodium, skills reference, database url from --db or
 * ALLIANCE_DB (default alliance.db), migrations. Returns this thread's
 * connection or NULL after printing why. */
Db *cli_open(const char *db_flag);
/* Uploaded documents live in --data-dir (flag), ALLIANCE_DATA_DIR, or next
 * to a SQLite file ("<file>.files"), never under the web root. After
 * cli_open (the database url decides the default). */
void cli_configure_files(const char *flag);
/* privacy: erase the people whose retention ended (purge.c) */
int cli_purge(int argc, char **argv);
/* Prints every table's row count and checksum (store/copy.h) of a, and
 * when b is given whether b has the same ("ok" or "MISMATCH").
 * 0 when every table could be read (and matched), 1 otherwise. */
int cli_table_sums(Db *a, Db *b);
/* PRAGMA integrity_check on SQLite (PostgreSQL keeps its own): true when
 * it says "ok"; otherwise false with the first complaint in err. */
bool cli_integrity_ok(Db *db, char err[256]);
/* matching engine: the index of every person, read from the store. NULL
 * after printing why. */
struct MatchIndex *cli_match_index(Db *db);
/* Creates the demo firm (demo.c). 0 on success. */
int demo_create(Db *db);

#endif

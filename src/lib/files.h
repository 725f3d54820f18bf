/* files: documents kept on disk by content hash, in a data directory
 * outside the web root (set once at start; default: "<database>.files"
 * next to a SQLite file, "alliance-files" for PostgreSQL). A file is
 * written once under <dir>/<first two hex digits>/<sha256>, through a
 * temporary name and rename(), so a reader never sees half a file and two
 * uploads of the same content share one file. */
#ifndef ALLIANCE_FILES_H
#define ALLIANCE_FILES_H
#include <stddef.h>

enum { FILES_HASH_LEN = 65 };

void files_configure(const char *dir);   /* copied */
const char *files_dir(void);
/* Hex SHA-256 of data. */
void files_sha256(const void *data, size_t len, char out[FILES_HASH_LEN]);
/* Stores data under its hash (out receives it); 0 on success. */
int files_put(const void *data, size_t len, char out[FILES_HASH_LEN]);

/* Reads the file kept under hash (64 hex digits) into *data (malloc'd,
 * the caller frees), at most max bytes; 0 on success. */
int files_get(const char *hash, size_t max, char **data, size_t *len);

/* Deletes the file kept under hash (the caller checked that no row still
 * names it); 0 when it is gone, already gone included. */
int files_remove(const char *hash);

#endif

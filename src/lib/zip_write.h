/* zip_write: a zip archive built in memory with libzip (the export of a
 * person with their files). Names are written as given, in UTF-8: the
 * caller makes them safe (no "..", no leading "/"). */
#ifndef ALLIANCE_ZIP_WRITE_H
#define ALLIANCE_ZIP_WRITE_H
#include <stddef.h>

typedef struct {
    const char *name;
    const void *data;
    size_t len;
} ZipEntry;

/* The archive of the n entries (deflated) into *out (malloc'd, the caller
 * frees) and *len; 0 on success. */
int zip_write(const ZipEntry *entries, int n, char **out, size_t *len);
/* A file name safe inside an archive: letters, digits, '.', '-' and '_'
 * kept, anything else '_', no leading dot, at most max bytes (out holds
 * max + 1). "" becomes "file". */
void zip_safe_name(const char *name, char *out, size_t max);

#endif

/* embedded: files compiled into the binary at build time (tools/embed.c
 * generates the table from ui/ and data/), so one file runs the product. */
#ifndef ALLIANCE_EMBEDDED_H
#define ALLIANCE_EMBEDDED_H
#include <stddef.h>

typedef struct {
    const char *path;            /* "ui/index.html", "data/skills.tsv" */
    const unsigned char *data;   /* NUL-terminated for convenience; len excludes it */
    size_t len;
    const char *etag;            /* "\"<hash>\"" of the content */
} EmbeddedFile;

extern const EmbeddedFile EMBEDDED[];
extern const size_t NEMBEDDED;

/* The file at path, or NULL. */
const EmbeddedFile *embedded_find(const char *path);

#endif

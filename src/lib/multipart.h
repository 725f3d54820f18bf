/* multipart: a bounded reader of multipart/form-data bodies (RFC 7578), the
 * way HTML forms send files. It never allocates more than the names it
 * copies (from the caller's arena) and never reads outside the body, so any
 * byte string is safe to give it (tests/fuzz/fuzz_multipart.c). */
#ifndef ALLIANCE_MULTIPART_H
#define ALLIANCE_MULTIPART_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

enum { MULTIPART_MAX_PARTS = 16, MULTIPART_MAX_BOUNDARY = 70, MULTIPART_MAX_HEADERS = 4096 };

typedef struct {
    const char *name;          /* form field name (arena copy) */
    const char *filename;      /* NULL for a plain field; the name the browser sent (arena copy) */
    const char *content_type;  /* NULL when the part has none (arena copy) */
    const char *data;          /* points into the body: not NUL-terminated */
    size_t len;
} MultipartPart;

/* The boundary of a "multipart/form-data; boundary=..." Content-Type, or
 * NULL when the type is another one or the boundary is missing or invalid. */
const char *multipart_boundary(Arena *a, const char *content_type);
/* Cuts body into parts (at most max). Returns how many, or -1 when the body
 * is not well-formed multipart for this boundary (or has more parts). */
int multipart_parse(Arena *a, const char *boundary, const char *body, size_t len, MultipartPart *parts, int max);
/* The first part named name, or NULL. */
const MultipartPart *multipart_find(const MultipartPart *parts, int n, const char *name);
/* A plain field's value as a NUL-terminated arena copy; NULL when absent,
 * *bad set when present but holding a NUL byte or invalid UTF-8. */
char *multipart_text(Arena *a, const MultipartPart *parts, int n, const char *name, bool *bad);

#endif

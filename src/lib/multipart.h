/* multipart: finds one part of a multipart/form-data body (RFC 7578) held
 * in memory. A pure function over the buffer, so it can be fuzzed. */
#ifndef ALLIANCE_MULTIPART_H
#define ALLIANCE_MULTIPART_H
#include <stdbool.h>
#include <stddef.h>

/* The boundary parameter of a Content-Type header value, copied into out
 * (at most 70 characters, RFC 2046); false when absent or too long. */
bool multipart_boundary(const char *content_type, char out[71]);
/* The content of the part named field (name="field"), or, when field is
 * NULL, of the first part that carries a filename. *data points into body. */
bool multipart_find(const char *body, size_t len, const char *boundary, const char *field, const char **data,
                    size_t *data_len);

#endif

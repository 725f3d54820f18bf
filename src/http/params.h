/* params: the values of query strings and headers, checked without the
 * connection (so the checks are unit-tested and fuzzed on their own); the
 * req_* helpers of http.h read a value and answer the error. */
#ifndef ALLIANCE_PARAMS_H
#define ALLIANCE_PARAMS_H
#include <stdbool.h>
#include "../lib/arena.h"

/* A decimal integer >= 0 of at most 18 digits occupying the whole of s
 * (no sign, no spaces), so it never overflows. */
bool param_id(const char *s, long long *out);
/* An If-Match value: "<n>" or <n> as param_id reads it. */
bool param_etag(const char *h, long long *version);

typedef enum { PARAM_OK, PARAM_BAD_UTF8, PARAM_TOO_LONG } ParamStatus;
/* A free-text search value: valid UTF-8 of at most max characters once
 * trimmed; *out is the trimmed text in a, or NULL when blank. */
ParamStatus param_search(Arena *a, const char *v, int max, const char **out);

#endif

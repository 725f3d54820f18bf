/* params: query-string and header values (see params.h). */
#include "params.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"

bool param_id(const char *s, long long *out) {
    if (!s || !*s || strlen(s) > 18) return false;
    long long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

bool param_etag(const char *h, long long *version) {
    char tmp[24];
    size_t n = strlen(h);
    if (n >= 2 && h[0] == '"' && h[n - 1] == '"' && n - 2 < sizeof tmp) {
        memcpy(tmp, h + 1, n - 2);
        tmp[n - 2] = '\0';
        return param_id(tmp, version);
    }
    return param_id(h, version);
}

ParamStatus param_search(Arena *a, const char *v, int max, const char **out) {
    *out = NULL;
    if (!text_valid_utf8(v, strlen(v))) return PARAM_BAD_UTF8;
    char *t = text_trim(v);
    ParamStatus s = PARAM_OK;
    if (t && text_utf8_length(t) > (size_t)max) s = PARAM_TOO_LONG;
    else if (t && *t) *out = arena_strdup(a, t);
    free(t);
    return s;
}

/* form: urlencoded fields (see form.h). */
#include "form.h"
#include <string.h>
#include "text.h"

static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes src[0..n) into a new arena string; NULL on a bad %-escape or an
 * encoded NUL (which would silently cut the text short). */
static char *decode(Arena *a, const char *src, size_t n) {
    char *out = arena_alloc(a, n + 1), *w = out;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (src[i] == '+') {
            *w++ = ' ';
        } else if (src[i] == '%') {
            if (i + 2 >= n) return NULL; /* a truncated escape */
            int hi = hex(src[i + 1]), lo = hex(src[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return NULL;
            *w++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *w++ = src[i];
        }
    }
    *w = '\0';
    return out;
}

char *form_value(Arena *a, const char *body, size_t len, const char *key, bool *bad) {
    *bad = false;
    size_t klen = strlen(key);
    const char *p = body, *end = body + len;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *field_end = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(field_end - p));
        const char *name_end = eq ? eq : field_end;
        char *name = decode(a, p, (size_t)(name_end - p));
        if (name && strlen(name) == klen && memcmp(name, key, klen) == 0) {
            char *v = eq ? decode(a, eq + 1, (size_t)(field_end - eq - 1)) : decode(a, "", 0);
            if (!v || !text_valid_utf8(v, strlen(v))) {
                *bad = true;
                return NULL;
            }
            return v;
        }
        p = field_end + 1;
    }
    return NULL;
}

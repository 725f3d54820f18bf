/* multipart: one part of a multipart/form-data body (see multipart.h). */
#include "multipart.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

bool multipart_boundary(const char *ct, char out[71]) {
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0) return false;
    const char *b = strcasestr(ct, "boundary=");
    if (!b) return false;
    b += 9;
    bool quoted = *b == '"';
    if (quoted) b++;
    size_t n = quoted ? strcspn(b, "\"") : strcspn(b, "; \t");
    if (n == 0 || n > 70) return false;
    memcpy(out, b, n);
    out[n] = '\0';
    return true;
}

/* The header block's value of parameter p (name="x"), or NULL; *n its length. */
static const char *param(const char *h, size_t hlen, const char *p, size_t *n) {
    size_t pl = strlen(p);
    for (size_t i = 0; i + pl + 2 <= hlen; i++) {
        if ((i == 0 || h[i - 1] == ' ' || h[i - 1] == ';') && strncasecmp(h + i, p, pl) == 0 && h[i + pl] == '=' &&
            h[i + pl + 1] == '"') {
            const char *v = h + i + pl + 2, *e = memchr(v, '"', hlen - (size_t)(v - h));
            if (!e) return NULL;
            *n = (size_t)(e - v);
            return v;
        }
    }
    return NULL;
}

bool multipart_find(const char *body, size_t len, const char *boundary, const char *field, const char **data,
                    size_t *data_len) {
    char delim[76];
    size_t dl = (size_t)snprintf(delim, sizeof delim, "--%s", boundary);
    const char *end = body + len;
    const char *p = memmem(body, len, delim, dl);
    while (p) {
        p += dl;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return false; /* the closing delimiter */
        const char *headers = memmem(p, (size_t)(end - p), "\r\n", 2);
        if (!headers) return false;
        headers += 2;
        const char *hend = memmem(headers, (size_t)(end - headers), "\r\n\r\n", 4);
        if (!hend) return false;
        const char *content = hend + 4;
        char next_delim[78];
        size_t nl = (size_t)snprintf(next_delim, sizeof next_delim, "\r\n--%s", boundary);
        const char *next = memmem(content, (size_t)(end - content), next_delim, nl);
        if (!next) return false;
        size_t hl = (size_t)(hend - headers), vn = 0, fn = 0;
        const char *name = param(headers, hl, "name", &vn);
        bool has_file = param(headers, hl, "filename", &fn) != NULL;
        if (field ? name && vn == strlen(field) && memcmp(name, field, vn) == 0 : has_file) {
            *data = content;
            *data_len = (size_t)(next - content);
            return true;
        }
        p = next + 2;
    }
    return false;
}

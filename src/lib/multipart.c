/* multipart: multipart/form-data reader (see multipart.h).
 * Layout: [preamble] "--B" CRLF headers CRLF CRLF data CRLF "--B" ... "--B--".
 * Every search is bounded by the end of the body. */
#include "multipart.h"
#include <string.h>
#include <strings.h>
#include "text.h"

/* A boundary is 1..70 characters from RFC 2046's bchars (no trailing space). */
static bool boundary_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("'()+_,-./:=? ", c);
}

const char *multipart_boundary(Arena *a, const char *ct) {
    if (!ct) return NULL;
    while (*ct == ' ') ct++;
    if (strncasecmp(ct, "multipart/form-data", 19) != 0 || (ct[19] != ';' && ct[19] != ' ')) return NULL;
    const char *p = ct + 19;
    while (*p) {
        while (*p == ';' || *p == ' ') p++;
        if (strncasecmp(p, "boundary=", 9) == 0) {
            p += 9;
            bool quoted = *p == '"';
            if (quoted) p++;
            size_t n = 0;
            while (p[n] && (quoted ? p[n] != '"' : p[n] != ';' && p[n] != ' ')) n++;
            if (quoted && p[n] != '"') return NULL;
            if (n == 0 || n > MULTIPART_MAX_BOUNDARY || p[n - 1] == ' ') return NULL;
            for (size_t i = 0; i < n; i++)
                if (!boundary_char(p[i])) return NULL;
            return arena_strndup(a, p, n);
        }
        while (*p && *p != ';') p++;
    }
    return NULL;
}

/* A parameter (name="value") of a Content-Disposition header line, copied
 * to the arena; NULL when absent. Quoted values end at the next quote. */
static char *disposition_param(Arena *a, const char *line, size_t len, const char *param) {
    size_t pl = strlen(param);
    for (size_t i = 0; i + pl + 1 < len; i++) {
        bool start = i == 0 || line[i - 1] == ';' || line[i - 1] == ' ';
        if (!start || strncasecmp(line + i, param, pl) != 0 || line[i + pl] != '=') continue;
        const char *v = line + i + pl + 1, *end = line + len;
        if (v < end && *v == '"') {
            const char *q = memchr(v + 1, '"', (size_t)(end - v - 1));
            if (!q) return NULL;
            return arena_strndup(a, v + 1, (size_t)(q - v - 1));
        }
        const char *e = v;
        while (e < end && *e != ';' && *e != ' ') e++;
        return arena_strndup(a, v, (size_t)(e - v));
    }
    return NULL;
}

/* Reads the header block [h, h + len) of one part into p. */
static bool read_headers(Arena *a, const char *h, size_t len, MultipartPart *p) {
    const char *end = h + len;
    while (h < end) {
        const char *eol = memchr(h, '\r', (size_t)(end - h));
        size_t ll = eol ? (size_t)(eol - h) : (size_t)(end - h);
        if (eol && (eol + 1 >= end || eol[1] != '\n')) return false;
        if (ll > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
            const char *v = h + 20;
            size_t vl = ll - 20;
            while (vl && *v == ' ') v++, vl--;
            if (vl < 9 || strncasecmp(v, "form-data", 9) != 0) return false;
            p->name = disposition_param(a, v, vl, "name");
            p->filename = disposition_param(a, v, vl, "filename");
        } else if (ll > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
            const char *v = h + 13;
            size_t vl = ll - 13;
            while (vl && *v == ' ') v++, vl--;
            p->content_type = arena_strndup(a, v, vl);
        }
        if (!eol) break;
        h = eol + 2;
    }
    return p->name != NULL;
}

int multipart_parse(Arena *a, const char *boundary, const char *body, size_t len, MultipartPart *parts, int max) {
    if (!boundary || !body) return -1;
    char delim[MULTIPART_MAX_BOUNDARY + 5] = "\r\n--";
    size_t bl = strlen(boundary);
    if (bl == 0 || bl > MULTIPART_MAX_BOUNDARY) return -1;
    memcpy(delim + 4, boundary, bl);
    size_t dl = bl + 4;
    const char *end = body + len, *p;
    /* the first delimiter may start the body (no preceding CRLF) */
    if (len >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0) p = body + dl - 2;
    else {
        const char *f = memmem(body, len, delim, dl);
        if (!f) return -1;
        p = f + dl;
    }
    int n = 0;
    for (;;) {
        /* after a delimiter: "--" ends the body, CRLF starts a part */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return n;
        while (p < end && (*p == ' ' || *p == '\t')) p++; /* transport padding */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return -1;
        p += 2;
        if (n == max) return -1;
        size_t room = (size_t)(end - p);
        const char *hend = memmem(p, room < MULTIPART_MAX_HEADERS ? room : MULTIPART_MAX_HEADERS, "\r\n\r\n", 4);
        MultipartPart *part = &parts[n];
        memset(part, 0, sizeof *part);
        /* a part needs its Content-Disposition: no header block is an error */
        if (!hend || !read_headers(a, p, (size_t)(hend - p), part)) return -1;
        const char *data = hend + 4;
        const char *next = memmem(data, (size_t)(end - data), delim, dl);
        if (!next) return -1;
        part->data = data;
        part->len = (size_t)(next - data);
        n++;
        p = next + dl;
    }
}

const MultipartPart *multipart_find(const MultipartPart *parts, int n, const char *name) {
    for (int i = 0; i < n; i++)
        if (strcmp(parts[i].name, name) == 0) return &parts[i];
    return NULL;
}

char *multipart_text(Arena *a, const MultipartPart *parts, int n, const char *name, bool *bad) {
    *bad = false;
    const MultipartPart *p = multipart_find(parts, n, name);
    if (!p) return NULL;
    if (memchr(p->data, '\0', p->len) || !text_valid_utf8(p->data, p->len)) {
        *bad = true;
        return NULL;
    }
    return arena_strndup(a, p->data, p->len);
}

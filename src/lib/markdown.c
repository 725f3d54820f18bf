/* markdown: md4c-html plus a pass over the links it wrote (see .h). The
 * pass can trust every "<a href=" and "<img src=" in md4c's output to be
 * md4c's own: with MD_FLAG_NOHTML a "<" typed by a user is "&lt;". */
#include "markdown.h"
#include <md4c-html.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"

static void collect(const MD_CHAR *text, MD_SIZE size, void *arg) { buf_append(arg, text, size); }

/* The value of one character reference at s ("&amp;" "&#106;" "&#x6A;"),
 * its length in *used; -1 when s is not one. */
static int char_ref(const char *s, size_t len, size_t *used) {
    static const struct { const char *name; char c; } named[] = {
        {"amp;", '&'}, {"quot;", '"'}, {"lt;", '<'}, {"gt;", '>'}, {"apos;", '\''}, {"colon;", ':'},
        {"Tab;", '\t'}, {"NewLine;", '\n'},
    };
    if (len < 3 || s[0] != '&') return -1;
    if (s[1] == '#') {
        size_t i = 2;
        int base = 10;
        if (i < len && (s[i] == 'x' || s[i] == 'X')) base = 16, i++;
        long v = 0;
        size_t start = i;
        for (; i < len && v < 0x110000; i++) {
            int d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0'
                    : base == 16 && (s[i] | 32) >= 'a' && (s[i] | 32) <= 'f' ? (s[i] | 32) - 'a' + 10 : -1;
            if (d < 0) break;
            v = v * base + d;
        }
        if (i == start) return -1;
        if (i < len && s[i] == ';') i++;
        *used = i;
        return v < 128 ? (int)v : 0x80; /* beyond ASCII: cannot be part of a scheme */
    }
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        size_t n = strlen(named[k].name);
        if (len - 1 >= n && memcmp(s + 1, named[k].name, n) == 0) {
            *used = n + 1;
            return named[k].c;
        }
    }
    return -1;
}

bool markdown_url_safe(const char *attr, size_t len, bool image) {
    char scheme[16];
    size_t n = 0;
    bool started = false;
    for (size_t i = 0; i < len;) {
        size_t used = 1;
        int c = (unsigned char)attr[i];
        if (c == '&') {
            int v = char_ref(attr + i, len - i, &used);
            if (v >= 0) c = v;
            else used = 1;
        }
        i += used;
        if (c == '\t' || c == '\n' || c == '\r') continue;     /* browsers drop them anywhere */
        if (!started && (c <= 0x20 || c == 0x7f)) continue;    /* and leading controls and spaces */
        started = true;
        if (c == ':') {
            scheme[n] = '\0';
            if (n == 0) return false;
            if (!strcasecmp(scheme, "http") || !strcasecmp(scheme, "https")) return true;
            return !image && !strcasecmp(scheme, "mailto");
        }
        if (c == '/' || c == '?' || c == '#') return true; /* relative: no scheme */
        if (n + 1 >= sizeof scheme) return true;            /* too long to be a scheme before any ':'? */
        scheme[n++] = (char)c;
    }
    return true;
}

/* Copies html to out, rewriting the opening of every link and image. */
static int rewrite(Buf *out, const char *html, size_t len) {
    static const char A[] = "<a href=\"", IMG[] = "<img src=\"";
    size_t i = 0;
    while (i < len) {
        const char *lt = memchr(html + i, '<', len - i);
        if (!lt) return buf_append(out, html + i, len - i);
        size_t at = (size_t)(lt - html);
        if (buf_append(out, html + i, at - i)) return -1;
        bool link = len - at >= sizeof A - 1 && memcmp(lt, A, sizeof A - 1) == 0;
        bool image = !link && len - at >= sizeof IMG - 1 && memcmp(lt, IMG, sizeof IMG - 1) == 0;
        if (!link && !image) {
            if (buf_append(out, "<", 1)) return -1;
            i = at + 1;
            continue;
        }
        size_t vstart = at + (link ? sizeof A - 1 : sizeof IMG - 1);
        const char *q = memchr(html + vstart, '"', len - vstart);
        size_t vend = q ? (size_t)(q - html) : len;
        bool safe = markdown_url_safe(html + vstart, vend - vstart, image);
        if (buf_puts(out, link ? "<a rel=\"noopener noreferrer\"" : "<img")) return -1;
        if (safe) {
            if (buf_puts(out, link ? " href=\"" : " src=\"") || buf_append(out, html + vstart, vend - vstart) ||
                buf_puts(out, "\""))
                return -1;
        }
        i = q ? vend + 1 : len;
    }
    return 0;
}

char *markdown_to_html(const char *md, size_t len) {
    Buf raw = BUF_INIT, out = BUF_INIT;
    unsigned flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
    if (md_html(md, (MD_SIZE)len, collect, &raw, flags, 0) != 0 || rewrite(&out, buf_str(&raw), raw.len) != 0) {
        buf_free(&raw);
        buf_free(&out);
        return NULL;
    }
    buf_free(&raw);
    if (!out.data && buf_puts(&out, "")) return NULL;
    return buf_take(&out);
}

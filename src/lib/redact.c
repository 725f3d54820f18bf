/* redact: whole-word, case- and accent-blind replacement (see redact.h).
 *
 * The text is folded one code point at a time (utf8proc: case folding,
 * marks stripped), remembering for every folded byte where its code point
 * starts and ends in the original; a needle is found in the folded text
 * and the original bytes it came from are replaced. */
#include "redact.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "buf.h"

typedef struct {
    Buf folded;
    size_t *from, *to; /* per folded byte: its code point's original range */
    size_t cap;
} Folded;

static void folded_free(Folded *f) {
    buf_free(&f->folded);
    free(f->from);
    free(f->to);
}

/* Folds s into f; false on invalid UTF-8 or out of memory. */
static bool fold(const char *s, Folded *f) {
    *f = (Folded){BUF_INIT, NULL, NULL, 0};
    size_t len = strlen(s), i = 0;
    while (i < len) {
        utf8proc_int32_t cp, parts[16];
        utf8proc_ssize_t w = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (w <= 0) return false;
        int boundclass = 0;
        utf8proc_ssize_t np = utf8proc_decompose_char(
            cp, parts, 16, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &boundclass);
        if (np < 0 || np > 16) return false;
        for (utf8proc_ssize_t k = 0; k < np; k++) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t e = utf8proc_encode_char(parts[k], enc);
            if (f->folded.len + (size_t)e > f->cap) {
                size_t cap = f->cap ? f->cap * 2 : 64;
                size_t *from = realloc(f->from, cap * sizeof *from), *to;
                if (!from) return false;
                f->from = from;
                if (!(to = realloc(f->to, cap * sizeof *to))) return false;
                f->to = to;
                f->cap = cap;
            }
            for (utf8proc_ssize_t b = 0; b < e; b++) {
                f->from[f->folded.len + (size_t)b] = i;
                f->to[f->folded.len + (size_t)b] = i + (size_t)w;
            }
            if (buf_append(&f->folded, enc, (size_t)e)) return false;
        }
        i += (size_t)w;
    }
    return true;
}

/* A letter or digit of any script, as a folded byte sees it: ASCII
 * alphanumerics and every byte of a multi-byte character. */
static bool wordish(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

typedef struct {
    char *text;
    size_t len;
} Needle;

/* The needles folded, longest first; *m receives how many were kept. */
static Needle *fold_needles(const char *const *needles, int n, int *m) {
    Needle *out = calloc((size_t)(n > 0 ? n : 1), sizeof *out);
    *m = 0;
    for (int i = 0; out && i < n; i++) {
        Folded f = {BUF_INIT, NULL, NULL, 0};
        if (needles[i] && fold(needles[i], &f) && f.folded.len >= 2) {
            out[*m].len = f.folded.len;
            out[(*m)++].text = buf_take(&f.folded);
        }
        folded_free(&f);
    }
    for (int i = 1; out && i < *m; i++) /* insertion sort, longest first */
        for (int k = i; k > 0 && out[k].len > out[k - 1].len; k--) {
            Needle t = out[k];
            out[k] = out[k - 1];
            out[k - 1] = t;
        }
    return out;
}

static void needles_free(Needle *nd, int m) {
    for (int i = 0; nd && i < m; i++) free(nd[i].text);
    free(nd);
}

/* The needle matching whole words at folded offset at, or -1. */
static int match_at(const Folded *f, size_t at, const Needle *nd, int m) {
    const unsigned char *t = (const unsigned char *)f->folded.data;
    size_t len = f->folded.len;
    if (at > 0 && (wordish(t[at - 1]) || f->from[at - 1] == f->from[at])) return -1;
    for (int i = 0; i < m; i++) {
        size_t end = at + nd[i].len;
        if (end > len || memcmp(t + at, nd[i].text, nd[i].len) != 0) continue;
        if (end < len && (wordish(t[end]) || f->from[end] == f->from[end - 1])) continue;
        return i;
    }
    return -1;
}

char *text_redact(const char *text, const char *const *needles, int n, const char *placeholder, int *count) {
    *count = 0;
    Folded f;
    int m = 0;
    Needle *nd = NULL;
    Buf out = BUF_INIT;
    bool ok = fold(text, &f) && (nd = fold_needles(needles, n, &m)) != NULL;
    size_t copied = 0; /* original bytes written so far */
    for (size_t at = 0; ok && at < f.folded.len;) {
        int k = match_at(&f, at, nd, m);
        if (k < 0) {
            at++;
            continue;
        }
        size_t start = f.from[at], end = f.to[at + nd[k].len - 1];
        ok = buf_append(&out, text + copied, start - copied) == 0 && buf_puts(&out, placeholder) == 0;
        copied = end;
        (*count)++;
        at += nd[k].len;
    }
    if (ok) ok = buf_append(&out, text + copied, strlen(text) - copied) == 0;
    folded_free(&f);
    needles_free(nd, m);
    if (!ok) {
        buf_free(&out);
        *count = 0;
        return NULL;
    }
    return buf_take(&out);
}

int text_mentions(const char *text, const char *const *needles, int n) {
    int count = 0;
    free(text_redact(text, needles, n, "", &count));
    return count > 0;
}

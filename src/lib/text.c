/* text: UTF-8 checks, trimming, folding, edit distance (see text.h). */
#include "text.h"
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <utf8proc.h>

bool text_valid_utf8(const char *s, size_t len) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n < 0 || cp == 0) return false; /* NUL inside text is never valid here */
        p += n;
        left -= n;
    }
    return true;
}

size_t text_utf8_length(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static bool is_space_at(const char *s, size_t left, size_t *width) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)left, &cp);
    if (n <= 0) return false;
    *width = (size_t)n;
    utf8proc_category_t c = utf8proc_category(cp);
    return cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

char *text_trim(const char *s) {
    size_t len = strlen(s), start = 0, end = len, w;
    while (start < len && is_space_at(s + start, len - start, &w)) start += w;
    /* trailing: scan forward and remember where the last non-space ended */
    size_t last = start, i = start;
    while (i < len) {
        if (is_space_at(s + i, len - i, &w)) { i += w; continue; }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        i += n > 0 ? (size_t)n : 1;
        last = i;
    }
    end = last;
    char *out = malloc(end - start + 1);
    if (!out) return NULL;
    memcpy(out, s + start, end - start);
    out[end - start] = '\0';
    return out;
}

char *text_cut(const char *prefix, const char *text, size_t max) {
    size_t used = text_utf8_length(prefix);
    size_t room = max > used ? max - used : 0; /* characters left for text */
    bool cut = text_utf8_length(text) > room;
    if (cut && room) room--; /* for the "…" */
    size_t plen = strlen(prefix), keep = 0, n = 0;
    for (const char *p = text; *p; p++, keep++)
        if (((unsigned char)*p & 0xC0) != 0x80 && n++ == room) break; /* the start of one character too many */
    char *out = malloc(plen + keep + sizeof "…");
    if (!out) return NULL;
    memcpy(out, prefix, plen);
    memcpy(out + plen, text, keep);
    strcpy(out + plen + keep, cut ? "…" : "");
    return out;
}

char *text_fold(const char *s) {
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0) return NULL;
    return (char *)out;
}

int text_distance(const char *a, const char *b, int cap) {
    /* Optimal string alignment: insertions, deletions, substitutions and
     * swaps of two neighbours ("jaav" is one step from "java"). */
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return cap;
    int rows[3][65];
    int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = prev[j - 1] + cost;
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < best) best = v;
        }
        if (best >= cap) return cap;
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb] < cap ? prev[lb] : cap;
}

bool text_equal_ct(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return false;
    return sodium_memcmp(a, b, la) == 0;
}

char *text_ascii_lower(char *s) {
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    return s;
}

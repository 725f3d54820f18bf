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

char *text_fold(const char *s) {
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0) return NULL;
    return (char *)out;
}

int text_distance(const char *a, const char *b, int cap) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return cap;
    int row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0], best = row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (a[i - 1] != b[j - 1]);
            int del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
            if (row[j] < best) best = row[j];
        }
        if (best >= cap) return cap;
    }
    return row[lb] < cap ? row[lb] : cap;
}

bool text_equal_ct(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return false;
    return sodium_memcmp(a, b, la) == 0;
}

/* words: word splitting for skill names (see words.h). */
#include "words.h"
#include <stdbool.h>
#include <utf8proc.h>

/* Width of the code point at s (0 at the end, -1 when invalid) and whether it is a word character. */
static utf8proc_ssize_t at(const char *s, size_t left, bool *word) {
    if (!left) return 0;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)left, &cp);
    if (n <= 0) {
        *word = false;
        return -1;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    *word = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
            c == UTF8PROC_CATEGORY_MN || cp == '+' || cp == '#';
    return n;
}

static bool joiner(char c) { return c == '.' || c == '/' || c == '-' || c == '_'; }

size_t words_split(const char *s, size_t len, Word *out, size_t max, size_t *next) {
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        bool w;
        utf8proc_ssize_t k = at(s + i, len - i, &w);
        size_t step = k > 0 ? (size_t)k : 1;
        bool lead_dot = false;
        if (!w && s[i] == '.' && i + 1 < len) { /* ".NET": a dot glued to a letter after a separator */
            bool w2;
            bool after_sep = i == 0 || !joiner(s[i - 1]);
            utf8proc_ssize_t k2 = at(s + i + 1, len - i - 1, &w2);
            bool prev_word = false;
            if (i > 0) {
                size_t j = i - 1;
                while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
                at(s + j, len - j, &prev_word);
            }
            lead_dot = k2 > 0 && w2 && after_sep && !prev_word;
        }
        if (!w && !lead_dot) {
            i += step;
            continue;
        }
        size_t start = i;
        i += step;
        for (;;) {
            bool cw;
            utf8proc_ssize_t ck = at(s + i, len - i, &cw);
            if (ck > 0 && cw) {
                i += (size_t)ck;
                continue;
            }
            if (ck > 0 && joiner(s[i])) {
                bool nw;
                utf8proc_ssize_t nk = at(s + i + 1, len - i - 1, &nw);
                if (nk > 0 && nw) {
                    i += 1 + (size_t)nk;
                    continue;
                }
            }
            break;
        }
        out[n++] = (Word){start, i - start};
    }
    if (next) *next = i;
    return n;
}

/* extract: skills named in a text (see extract.h). */
#include "extract.h"
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "skills.h"

enum { MAX_WORDS = 4, MAX_RUN = 200 };

/* Reference ids whose labels are also everyday words. */
static const char *const CAPITAL_ONLY[] = {"go", "c", "r", "rest", "express", "safe", "swift", "unity", "nodejs",
                                           "react", "assurance", "oracle", "scrum-master", NULL};

static bool word_byte(unsigned char c) { return isalnum(c) || c >= 0x80; }

typedef struct {
    const char *at;
    size_t len;
} Word;

static bool has_capital(const Word *w, int n) {
    for (int i = 0; i < n; i++)
        for (size_t k = 0; k < w[i].len; k++)
            if (isupper((unsigned char)w[i].at[k])) return true;
    return false;
}

static bool capital_only(const char *id) {
    for (int i = 0; CAPITAL_ONLY[i]; i++)
        if (strcmp(CAPITAL_ONLY[i], id) == 0) return true;
    return false;
}

/* Cuts text into words; returns how many (at most max). */
static int cut(const char *text, Word *w, int max) {
    int n = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p && n < max) {
        if (!word_byte(*p) && !(*p == '.' && word_byte(p[1]))) { /* ".NET" starts a word */
            p++;
            continue;
        }
        const unsigned char *s = p++;
        /* + and # end words (C++, C#); . and - only join two words (Node.js, spring-boot) */
        while (*p && (word_byte(*p) || *p == '+' || *p == '#' || ((*p == '.' || *p == '-') && word_byte(p[1])))) p++;
        w[n++] = (Word){(const char *)s, (size_t)(p - s)};
    }
    return n;
}

int skills_extract(const char *text, Extracted *out, int max) {
    size_t cap = strlen(text) / 2 + 1;
    Word *w = malloc(cap * sizeof *w);
    if (!w) return 0;
    int nw = cut(text, w, (int)cap), n = 0;
    char run[MAX_RUN];
    for (int i = 0; i < nw;) {
        int used = 1;
        for (int k = MAX_WORDS; k >= 1; k--) {
            if (i + k > nw) continue;
            size_t len = 0;
            bool fits = true;
            for (int j = 0; j < k && fits; j++) {
                if (len + w[i + j].len + 2 > sizeof run) fits = false;
                else {
                    if (j) run[len++] = ' ';
                    memcpy(run + len, w[i + j].at, w[i + j].len);
                    len += w[i + j].len;
                }
            }
            if (!fits) continue;
            run[len] = '\0';
            const Skill *s = skills_resolve(run);
            if (!s || (capital_only(s->id) && !has_capital(&w[i], k))) continue;
            int at = 0;
            while (at < n && strcmp(out[at].skill, s->id)) at++;
            if (at < n) out[at].mentions++;
            else if (n < max) out[n++] = (Extracted){s->id, 1};
            used = k;
            break;
        }
        i += used;
    }
    free(w);
    return n;
}

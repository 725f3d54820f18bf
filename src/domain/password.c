/* password: the rules for a new password (see password.h). The list is
 * loaded once at start and read-only afterwards. */
#include "password.h"
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"

static char **g_words;
static size_t g_nwords;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int password_load(const char *text, size_t len) {
    size_t cap = 256, n = 0;
    char **words = malloc(cap * sizeof *words);
    if (!words) return -1;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = (size_t)((nl ? nl : end) - p);
        if (l && p[0] != '#') {
            if (n == cap) {
                char **bigger = realloc(words, cap * 2 * sizeof *words);
                if (!bigger) break;
                words = bigger;
                cap *= 2;
            }
            words[n] = strndup(p, l);
            if (words[n]) n++;
        }
        p += l + 1;
    }
    qsort(words, n, sizeof *words, cmp);
    g_words = words;
    g_nwords = n;
    return 0;
}

static bool listed(const char *s) { return g_nwords && bsearch(&s, g_words, g_nwords, sizeof *g_words, cmp); }

/* Each character follows the previous one (either way) on a keyboard read
 * row after row, or in the digits or the alphabet: "qwertyuiop",
 * "azertyuiopqs", "0987654321". */
static bool is_run(const char *s) {
    static const char *const RUNS[] = {"1234567890", "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn",
                                       "qwertzuiopasdfghjklyxcvbnm", "abcdefghijklmnopqrstuvwxyz"};
    size_t n = strlen(s);
    for (size_t r = 0; r < sizeof RUNS / sizeof RUNS[0]; r++) {
        bool fwd = true, back = true;
        for (size_t i = 1; i < n && (fwd || back); i++) {
            const char *a = strchr(RUNS[r], s[i - 1]), *b = strchr(RUNS[r], s[i]);
            if (!a || !b || !s[i - 1] || !s[i]) fwd = back = false;
            else {
                fwd = fwd && b == a + 1;
                back = back && b == a - 1;
            }
        }
        if (fwd || back) return true;
    }
    return false;
}

static bool common(const char *pw) {
    size_t n = strlen(pw);
    char *low = malloc(n + 1);
    if (!low) return false;
    for (size_t i = 0; i <= n; i++) low[i] = (char)tolower((unsigned char)pw[i]);
    bool same = true;
    for (size_t i = 1; i < n; i++) same = same && low[i] == low[0];
    /* the word before trailing digits and symbols: "Soleil2026!" -> "soleil" */
    size_t k = n;
    while (k > 0 && !isalpha((unsigned char)low[k - 1]) && (unsigned char)low[k - 1] < 0x80) k--;
    bool found = same || listed(low) || is_run(low);
    if (!found && k < n) {
        low[k] = '\0';
        found = k == 0 || listed(low) || is_run(low);
    }
    free(low);
    return found;
}

const char *password_problem(const char *pw) {
    if (!pw || text_utf8_length(pw) < PASSWORD_MIN) return "password_too_short";
    if (strlen(pw) > PASSWORD_MAX) return "password_too_long";
    if (common(pw)) return "password_common";
    return NULL;
}

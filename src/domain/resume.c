/* resume: JSON Resume reading rules (see resume.h). */
#include "resume.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"
#include "../lib/timeutil.h"

static const struct {
    const char *word;
    int level;
} LEVELS[] = {
    {"master", 5},       {"expert", 5},       {"experte", 5},  {"native", 5},      {"maitre", 5},   {"maitrise", 5},
    {"advanced", 4},     {"senior", 4},       {"proficient", 4}, {"fluent", 4},    {"avance", 4},   {"confirme", 4},
    {"confirmee", 4},    {"intermediate", 3}, {"medior", 3},   {"competent", 3},   {"intermediaire", 3},
    {"elementary", 2},   {"basic", 2},        {"notions", 2},  {"junior", 2},      {"elementaire", 2},
    {"beginner", 1},     {"novice", 1},       {"debutant", 1}, {"debutante", 1},
};

int resume_level(const char *word) {
    if (!word) return 0;
    char *t = text_trim(word);
    char *f = t ? text_fold(t) : NULL;
    free(t);
    if (!f) return 0;
    int level = 0;
    if (f[0] >= '1' && f[0] <= '5' && (f[1] == '\0' || strcmp(f + 1, "/5") == 0)) level = f[0] - '0';
    for (size_t i = 0; !level && i < sizeof LEVELS / sizeof LEVELS[0]; i++)
        if (strcmp(LEVELS[i].word, f) == 0) level = LEVELS[i].level;
    free(f);
    return level;
}

const char *resume_level_word(int level) {
    static const char *const words[] = {"", "Beginner", "Elementary", "Intermediate", "Advanced", "Master"};
    return level >= 1 && level <= 5 ? words[level] : "";
}

static bool is_particle(const char *w) {
    static const char *const particles[] = {"de", "van", "von", "di", "le", "da", "del", "du", "des",
                                            "la", "ben", "bin", "al", "el", "dos", "d'", NULL};
    char *f = text_fold(w);
    bool yes = false;
    for (int i = 0; f && particles[i] && !yes; i++) yes = strcmp(f, particles[i]) == 0;
    free(f);
    return yes;
}

static bool all_capitals(const char *w) {
    int letters = 0;
    for (const unsigned char *p = (const unsigned char *)w; *p; p++) {
        if (*p >= 'a' && *p <= 'z') return false;
        if (*p >= 'A' && *p <= 'Z') letters++;
    }
    return letters >= 2;
}

bool resume_split_name(const char *name, char **buf, const char **first, const char **last) {
    *buf = text_trim(name ? name : "");
    if (!*buf) return false;
    /* words cut in place (ends[i] is where word i was cut); past 16 words
     * the rest stays in the last one */
    char *words[16], *ends[16];
    int n = 0;
    for (char *p = *buf; *p && n < 16;) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        words[n] = p;
        while (*p && (n == 15 || (*p != ' ' && *p != '\t'))) p++;
        ends[n++] = p;
        if (*p) *p++ = '\0';
    }
    if (n < 2) return false;
    int cut = n - 1; /* the first word of the last name */
    bool capitals_first = all_capitals(words[0]) && !all_capitals(words[1]);
    for (int i = 1; !capitals_first && i < n - 1; i++)
        if (is_particle(words[i])) {
            cut = i;
            break;
        }
    if (capitals_first) cut = 1; /* "DIALLO Awa": the family name first, in capitals */
    for (int k = 0; k < n - 1; k++)
        if (k != cut - 1) *ends[k] = ' '; /* join the words on either side of the cut */
    *first = capitals_first ? words[1] : words[0];
    *last = capitals_first ? words[0] : words[cut];
    return true;
}

bool resume_valid_date(const char *s) {
    if (!s) return false;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9')) return false;
    }
    if (n == 4) return true;
    if (n == 7) return (s[5] == '0' && s[6] >= '1') || (s[5] == '1' && s[6] <= '2');
    return n == 10 && time_valid_date(s);
}

int resume_months(const char *start, const char *end, int now_year, int now_month) {
    if (!resume_valid_date(start) || (end && *end && !resume_valid_date(end))) return -1;
    int sy = atoi(start), sm = strlen(start) >= 7 ? atoi(start + 5) : 1;
    int ey = now_year, em = now_month;
    if (end && *end) {
        ey = atoi(end);
        em = strlen(end) >= 7 ? atoi(end + 5) : 12;
    }
    int months = (ey * 12 + em) - (sy * 12 + sm);
    return months < 0 ? 0 : months;
}

static bool word_char(char c) {
    return (unsigned char)c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '#';
}

bool resume_has_word(const char *text, const char *term) {
    size_t tl = strlen(term);
    if (!tl) return false;
    for (const char *p = strstr(text, term); p; p = strstr(p + 1, term)) {
        bool before = p == text || !word_char(p[-1]);
        /* a '.' ends a sentence after a word ("java.") but "node.js" stays one word */
        char after = p[tl];
        bool after_ok = !word_char(after) && !(after == '.' && word_char(p[tl + 1]));
        if (before && after_ok) return true;
    }
    return false;
}

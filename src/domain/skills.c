/* skills: the skills reference in memory (see skills.h).
 * Every label and alias is folded once at load into a sorted key table;
 * resolve is a binary search, type-ahead a scan of ~6,000 short keys,
 * which takes microseconds and needs no index. */
#include "skills.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"
#include "../lib/buf.h"
#include "../lib/words.h"
#include "implied.h"

typedef struct {
    char *key;      /* folded label or alias */
    int skill;      /* index into g_skills */
    bool is_label;  /* a label (preferred in type-ahead) rather than an alias */
} Key;

static Skill *g_skills;
static size_t g_nskills;
static Key *g_keys;
static size_t g_nkeys, g_keys_cap;
static char *g_text; /* one copy of both files, cut in place into fields */
static Key *g_phrases; /* the keys cut into words: "amazon web services aws" */
static size_t g_nphrases;
static int g_phrase_words;

static int cmp_skill_id(const void *a, const void *b) {
    return strcmp(((const Skill *)a)->id, ((const Skill *)b)->id);
}
static int cmp_key(const void *a, const void *b) {
    const Key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    return (int)y->is_label - (int)x->is_label;
}

/* Splits text in place into lines and tab-separated fields. */
static char *next_line(char **p) {
    if (!*p || !**p) return NULL;
    char *line = *p, *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = NULL;
    }
    size_t n = strlen(line);
    if (n && line[n - 1] == '\r') line[n - 1] = '\0';
    return line;
}
static int split_tabs(char *line, char **fields, int max) {
    int n = 0;
    while (n < max) {
        fields[n++] = line;
        char *t = strchr(line, '\t');
        if (!t) break;
        *t = '\0';
        line = t + 1;
    }
    return n;
}

static int add_key(const char *text, int skill, bool is_label) {
    char *f = text_fold(text);
    if (!f) return -1;
    if (g_nkeys == g_keys_cap) { /* geometric growth: ~6,000 keys */
        size_t cap = g_keys_cap ? g_keys_cap * 2 : 1024;
        Key *k = realloc(g_keys, cap * sizeof *g_keys);
        if (!k) {
            free(f);
            return -1;
        }
        g_keys = k;
        g_keys_cap = cap;
    }
    g_keys[g_nkeys++] = (Key){f, skill, is_label};
    return 0;
}

/* One phrase per key (keys are sorted labels first, so a phrase shared by
 * two skills goes to the label's). */
static int build_phrases(void) {
    g_phrases = calloc(g_nkeys ? g_nkeys : 1, sizeof *g_phrases);
    if (!g_phrases) return -1;
    for (size_t i = 0; i < g_nkeys; i++) {
        Word w[32];
        size_t nw = words_split(g_keys[i].key, strlen(g_keys[i].key), w, 32, NULL);
        if (!nw) continue;
        Buf b = BUF_INIT;
        for (size_t k = 0; k < nw; k++) {
            if (k) buf_puts(&b, " ");
            buf_append(&b, g_keys[i].key + w[k].start, w[k].len);
        }
        if ((int)nw > g_phrase_words) g_phrase_words = (int)nw;
        g_phrases[g_nphrases++] = (Key){buf_take(&b), g_keys[i].skill, g_keys[i].is_label};
    }
    qsort(g_phrases, g_nphrases, sizeof *g_phrases, cmp_key);
    return 0;
}

const Skill *skills_phrase(const char *phrase) {
    size_t lo = 0, hi = g_nphrases;
    while (lo < hi) { /* first phrase >= phrase */
        size_t mid = (lo + hi) / 2;
        if (strcmp(g_phrases[mid].key, phrase) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < g_nphrases && strcmp(g_phrases[lo].key, phrase) == 0 ? &g_skills[g_phrases[lo].skill] : NULL;
}

int skills_phrase_max_words(void) { return g_phrase_words; }

int skills_load(const char *skills_tsv, size_t skills_len, const char *aliases_tsv, size_t aliases_len) {
    skills_unload();
    g_text = malloc(skills_len + aliases_len + 2);
    if (!g_text) return -1;
    memcpy(g_text, skills_tsv, skills_len);
    g_text[skills_len] = '\0';
    char *aliases = g_text + skills_len + 1;
    memcpy(aliases, aliases_tsv, aliases_len);
    aliases[aliases_len] = '\0';

    char *p = g_text, *line;
    next_line(&p); /* header */
    size_t cap = 1024;
    g_skills = calloc(cap, sizeof *g_skills);
    while ((line = next_line(&p))) {
        char *f[7];
        if (!*line || split_tabs(line, f, 7) < 7) continue;
        if (g_nskills == cap) {
            Skill *s = realloc(g_skills, 2 * cap * sizeof *s);
            if (!s) return -1;
            g_skills = s;
            cap *= 2;
        }
        g_skills[g_nskills++] = (Skill){f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
    }
    qsort(g_skills, g_nskills, sizeof *g_skills, cmp_skill_id);
    for (size_t i = 0; i < g_nskills; i++) {
        if (add_key(g_skills[i].id, (int)i, false) || add_key(g_skills[i].label_en, (int)i, true) ||
            add_key(g_skills[i].label_fr, (int)i, true))
            return -1;
    }
    p = aliases;
    next_line(&p);
    while ((line = next_line(&p))) {
        char *f[2];
        if (!*line || split_tabs(line, f, 2) < 2) continue;
        const Skill *s = skills_get(f[1]);
        if (s && add_key(f[0], (int)(s - g_skills), false)) return -1;
    }
    qsort(g_keys, g_nkeys, sizeof *g_keys, cmp_key);
    if (build_phrases()) return -1;
    return implied_build();
}

void skills_unload(void) {
    implied_free();
    for (size_t i = 0; i < g_nkeys; i++) free(g_keys[i].key);
    free(g_keys);
    for (size_t i = 0; i < g_nphrases; i++) free(g_phrases[i].key);
    free(g_phrases);
    g_phrases = NULL;
    g_nphrases = 0;
    g_phrase_words = 0;
    free(g_skills);
    free(g_text);
    g_keys = NULL;
    g_skills = NULL;
    g_text = NULL;
    g_nkeys = g_nskills = g_keys_cap = 0;
}

size_t skills_count(void) { return g_nskills; }

const Skill *skills_at(size_t i) { return i < g_nskills ? &g_skills[i] : NULL; }

int skills_index(const Skill *s) {
    return s && s >= g_skills && s < g_skills + g_nskills ? (int)(s - g_skills) : -1;
}

const Skill *skills_get(const char *id) {
    if (!id || !g_skills) return NULL;
    Skill key = {.id = id};
    return bsearch(&key, g_skills, g_nskills, sizeof *g_skills, cmp_skill_id);
}

/* Folded copy of text without surrounding spaces; caller frees. */
static char *fold_trimmed(const char *text) {
    char *t = text_trim(text);
    char *f = t ? text_fold(t) : NULL;
    free(t);
    return f;
}

const Skill *skills_resolve(const char *text) {
    const Skill *s = skills_get(text);
    if (s) return s;
    char *f = fold_trimmed(text);
    if (!f) return NULL;
    size_t lo = 0, hi = g_nkeys;
    while (lo < hi) { /* first key >= f */
        size_t mid = (lo + hi) / 2;
        if (strcmp(g_keys[mid].key, f) < 0) lo = mid + 1;
        else hi = mid;
    }
    const Skill *found = lo < g_nkeys && strcmp(g_keys[lo].key, f) == 0 ? &g_skills[g_keys[lo].skill] : NULL;
    free(f);
    return found;
}

/* Adds skill to out unless present; returns the new count. */
static int add_unique(const Skill **out, int n, int max, const Skill *s) {
    for (int i = 0; i < n; i++)
        if (out[i] == s) return n;
    if (n < max) out[n++] = s;
    return n;
}

typedef struct {
    const Skill *skill;
    int rank;     /* lower is better */
    size_t len;   /* length of the key that matched */
} Hit;

static int cmp_hit(const void *a, const void *b) {
    const Hit *x = a, *y = b;
    if (x->rank != y->rank) return x->rank - y->rank;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return strcmp(x->skill->id, y->skill->id);
}

int skills_search(const char *q, const Skill **out, int max) {
    char *f = fold_trimmed(q);
    if (!f) return 0;
    size_t flen = strlen(f);
    Hit *hits = malloc(g_nkeys * sizeof *hits);
    size_t nh = 0;
    for (size_t i = 0; hits && i < g_nkeys; i++) {
        const Key *k = &g_keys[i];
        const char *at = flen ? strstr(k->key, f) : k->key;
        if (!at) continue;
        bool word_start = at == k->key || at[-1] == ' ' || at[-1] == '-' || at[-1] == '(';
        int rank = at == k->key ? 0 : word_start ? 2 : 4;
        if (!k->is_label) rank++;
        hits[nh++] = (Hit){&g_skills[k->skill], rank, strlen(k->key)};
    }
    int n = 0;
    if (hits) {
        qsort(hits, nh, sizeof *hits, cmp_hit);
        for (size_t i = 0; i < nh && n < max; i++) n = add_unique(out, n, max, hits[i].skill);
    }
    free(hits);
    free(f);
    return n;
}

int skills_suggest(const char *text, const Skill **out, int max) {
    char *f = fold_trimmed(text);
    if (!f) return 0;
    Hit *hits = malloc(g_nkeys * sizeof *hits);
    size_t nh = 0;
    int cap = (int)strlen(f) / 2 + 2;
    for (size_t i = 0; hits && i < g_nkeys; i++) {
        int d = text_distance(f, g_keys[i].key, cap);
        if (d < cap) hits[nh++] = (Hit){&g_skills[g_keys[i].skill], d, strlen(g_keys[i].key)};
    }
    int n = 0;
    if (hits) {
        qsort(hits, nh, sizeof *hits, cmp_hit);
        for (size_t i = 0; i < nh && n < max; i++) n = add_unique(out, n, max, hits[i].skill);
    }
    free(hits);
    free(f);
    /* Nothing close by spelling: fall back to labels containing the text. */
    return n ? n : skills_search(text, out, max);
}

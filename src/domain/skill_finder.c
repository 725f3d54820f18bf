/* skill_finder: skills named in free text (see skill_finder.h). */
#include "skill_finder.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/buf.h"
#include "../lib/text.h"
#include "../lib/words.h"

enum { MAX_PHRASE = 256 };

/* Skill names that are also everyday words in French or English. */
static const char *const COMMON[] = {"go", "rust", "swift", "spring", "express", "chef", "puppet", "salt", "less",
                                     "ruby", "dart", "scratch", "julia", "pascal", "ada", "elm", "sas", "hive",
                                     "pig", "flask", "spark", "storm", "camel", "jade", "crystal", "maven", "ant",
                                     "make", "gradle", "sap", "excel", "word", "access", "teams", "office", NULL};
/* ...and those of them that are also languages of one letter or two. */
static const char *const LETTERS[] = {"c", "r", "d", "go", NULL};
static const char *const LANGUAGE_WORDS[] = {"langage", "langages", "language", "languages", "programmation",
                                             "programming", "en", "in", "de", "du", "and", "et", "or", "ou",
                                             "with", "avec", NULL};
/* French words after which an everyday name is a noun ("Chef de projet",
 * "Chef d'équipe"): never a skill there. */
static const char *const NOUN_FOLLOWERS[] = {"de", "d", "du", "des", NULL};

static bool in_list(const char *w, const char *const *list) {
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return true;
    return false;
}

static bool has_capital(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (s[i] >= 'A' && s[i] <= 'Z') return true;
    return false;
}

/* The first byte before offset i that is not a space or tab ('\0' at the start). */
static char before(const char *t, size_t i) {
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t')) i--;
    return i > 0 ? t[i - 1] : '\0';
}
static char after(const char *t, size_t len, size_t i) {
    while (i < len && (t[i] == ' ' || t[i] == '\t')) i++;
    return i < len ? t[i] : '\n';
}

/* Folds t[w] into out (at most cap bytes); false when it does not fit or fold. */
static bool fold_word(const char *t, Word w, char *out, size_t cap) {
    char tmp[MAX_PHRASE];
    if (w.len >= sizeof tmp) return false;
    memcpy(tmp, t + w.start, w.len);
    tmp[w.len] = '\0';
    char *f = text_fold(tmp);
    if (!f) return false;
    size_t n = strlen(f);
    bool ok = n < cap;
    if (ok) memcpy(out, f, n + 1);
    free(f);
    return ok;
}

/* Whether a one-word match of skill name key at word w is really the skill
 * (see the header for the rules). prev is the folded previous word or "". */
static bool plausible(const char *t, size_t len, Word w, const char *key, const char *prev, const char *next_word) {
    bool letters = in_list(key, LETTERS);
    if (!letters && strlen(key) > 2 && !in_list(key, COMMON)) return true;
    if (!has_capital(t + w.start, w.len)) return false;
    size_t end = w.start + w.len;
    unsigned char next = end < len ? (unsigned char)t[end] : ' ';
    unsigned char last = w.start > 0 ? (unsigned char)t[w.start - 1] : ' ';
    /* apostrophes (' and the typographic ’, E2 80 99) and '&' glue words */
    if (next == '\'' || next == '&' || last == '&' || last == '\'') return false;
    if (end + 2 < len && memcmp(t + end, "\xE2\x80\x99", 3) == 0) return false;
    if (w.start >= 3 && memcmp(t + w.start - 3, "\xE2\x80\x99", 3) == 0) return false;
    if (in_list(next_word, NOUN_FOLLOWERS)) return false;
    if (!letters) return true;
    char b = before(t, w.start), a = after(t, len, end);
    if (b && strchr(",;:/(|*-", b)) return true;
    if (w.start >= 2 && (memcmp(t + w.start - 2, "\xC2\xB7", 2) == 0)) return true; /* · */
    if (w.start >= 3 && memcmp(t + w.start - 3, "\xE2\x80\xA2", 3) == 0) return true; /* • */
    if (strchr(",;/)|\n\r", a)) return true;
    return in_list(prev, LANGUAGE_WORDS);
}

static int add_found(SkillFound *out, int n, int max, const Skill *s, size_t at) {
    for (int i = 0; i < n; i++)
        if (out[i].skill == s) {
            out[i].count++;
            return n;
        }
    if (n < max) out[n++] = (SkillFound){s, at, 1};
    return n;
}

/* Every word of text with its folded form (one buffer of NUL-separated
 * folded words; fold[i] is the offset of word i's). Caller frees w, fold, f. */
static size_t all_words(const char *text, size_t len, Word **w, size_t **fold, Buf *f) {
    size_t cap = 0, n = 0, pos = 0;
    *w = NULL;
    *fold = NULL;
    while (pos < len) {
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            Word *nw = realloc(*w, cap * sizeof **w);
            size_t *nf = nw ? realloc(*fold, cap * sizeof **fold) : NULL;
            if (nw) *w = nw;
            if (!nw || !nf) return n;
            *fold = nf;
        }
        size_t next;
        size_t got = words_split(text + pos, len - pos, *w + n, cap - n, &next);
        for (size_t k = n; k < n + got; k++) {
            (*w)[k].start += pos;
            char tmp[MAX_PHRASE];
            (*fold)[k] = f->len;
            if (!fold_word(text, (*w)[k], tmp, sizeof tmp)) tmp[0] = '\0';
            buf_append(f, tmp, strlen(tmp) + 1);
        }
        n += got;
        pos += next;
        if (!got) break;
    }
    return n;
}

int skills_find(const char *text, size_t len, SkillFound *out, int max) {
    int maxw = skills_phrase_max_words();
    if (maxw < 1 || !text) return 0;
    Word *w;
    size_t *fold;
    Buf f = BUF_INIT;
    size_t nw = all_words(text, len, &w, &fold, &f);
    int n = 0;
    const char *prev = "";
    for (size_t i = 0; i < nw;) {
        size_t took = 1;
        for (int k = maxw; k >= 1; k--) {
            if (i + (size_t)k > nw) continue;
            char phrase[MAX_PHRASE];
            size_t pl = 0;
            bool fits = true;
            for (int j = 0; j < k && fits; j++) {
                const char *word = f.data + fold[i + (size_t)j];
                size_t l = strlen(word);
                if (!l || pl + l + 2 > sizeof phrase) fits = false;
                else {
                    if (j) phrase[pl++] = ' ';
                    memcpy(phrase + pl, word, l);
                    pl += l;
                }
            }
            if (!fits) continue;
            phrase[pl] = '\0';
            const Skill *s = skills_phrase(phrase);
            const char *next_word = i + 1 < nw ? f.data + fold[i + 1] : "";
            if (!s || (k == 1 && !plausible(text, len, w[i], phrase, prev, next_word))) continue;
            n = add_found(out, n, max, s, w[i].start);
            took = (size_t)k;
            break;
        }
        prev = f.data + fold[i + took - 1];
        i += took;
    }
    free(w);
    free(fold);
    buf_free(&f);
    return n;
}

char *skills_evidence(const char *text, size_t len, size_t at) {
    /* the line of the mention, cut to about SKILL_EVIDENCE_MAX bytes around
     * it on word boundaries, "…" where something was left out */
    size_t from = at, to = at;
    while (from > 0 && text[from - 1] != '\n' && at - from < SKILL_EVIDENCE_MAX / 2) from--;
    while (to < len && text[to] != '\n' && to - from < SKILL_EVIDENCE_MAX) to++;
    bool cut_left = from > 0 && text[from - 1] != '\n', cut_right = to < len && text[to] != '\n';
    if (cut_left)
        while (from < at && text[from] != ' ') from++;
    if (cut_right)
        while (to > at && text[to - 1] != ' ') to--;
    Buf b = BUF_INIT;
    if (cut_left) buf_puts(&b, "… ");
    for (size_t i = from; i < to; i++) {
        char c = text[i];
        if (c == '\r' || c == '\t' || c == '\f') c = ' ';
        if (c == ' ' && b.len && b.data[b.len - 1] == ' ') continue;
        buf_append(&b, &c, 1);
    }
    if (cut_right) buf_puts(&b, " …");
    char *t = text_trim(buf_str(&b));
    buf_free(&b);
    return t;
}

/* dedupe: duplicate keys and the name rule (see dedupe.h). */
#include "dedupe.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/buf.h"
#include "../lib/text.h"

char *dedupe_email_key(const char *email) {
    if (!email) return NULL;
    char *t = text_trim(email);
    if (t && !*t) {
        free(t);
        return NULL;
    }
    return t ? text_ascii_lower(t) : NULL;
}

char *dedupe_phone_key(const char *phone) {
    if (!phone) return NULL;
    Buf d = BUF_INIT;
    bool plus = false;
    for (const char *p = phone; *p; p++) {
        if (*p >= '0' && *p <= '9') buf_append(&d, p, 1);
        else if (*p == '+' && d.len == 0) plus = true;
    }
    const char *digits = buf_str(&d);
    const char *national = plus && strncmp(digits, "33", 2) == 0      ? digits + 2
                           : !plus && strncmp(digits, "0033", 4) == 0 ? digits + 4
                                                                      : NULL;
    Buf k = BUF_INIT;
    /* "+33 (0)6 12..." keeps its national 0; "+33 6 12..." gets one */
    if (national) buf_printf(&k, "%s%s", *national == '0' ? "" : "0", national);
    else buf_printf(&k, "%s%s", plus ? "00" : "", digits);
    buf_free(&d);
    if (k.len < 6) {
        buf_free(&k);
        return NULL;
    }
    return buf_take(&k);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

char *dedupe_words_key(const char *text, bool sort) {
    if (!text) return NULL;
    char *f = text_fold(text);
    if (!f) return NULL;
    /* words are runs of letters and digits (any byte >= 0x80 belongs to a letter) */
    size_t n = 0, cap = 8;
    char **words = malloc(cap * sizeof *words);
    if (!words) {
        free(f);
        return NULL;
    }
    for (char *p = f; *p;) {
        while (*p && !((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) *p++ = '\0';
        if (!*p) break;
        if (n == cap) {
            char **w = realloc(words, 2 * cap * sizeof *w);
            if (!w) break;
            words = w;
            cap *= 2;
        }
        words[n++] = p;
        while ((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) p++;
    }
    if (sort) qsort(words, n, sizeof *words, cmp_str);
    Buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? " " : "", words[i]);
    free(words);
    free(f);
    if (!b.len) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

char *dedupe_name_key(const char *first_name, const char *last_name) {
    Buf b = BUF_INIT;
    buf_printf(&b, "%s %s", first_name ? first_name : "", last_name ? last_name : "");
    char *k = dedupe_words_key(buf_str(&b), true);
    buf_free(&b);
    return k;
}

/* Every word of small (2 words at least) is a word of big; both are sorted keys. */
static bool words_within(const char *small, const char *big) {
    if (!strchr(small, ' ')) return false;
    for (const char *w = small; *w;) {
        size_t len = strcspn(w, " ");
        bool found = false;
        for (const char *v = big; *v && !found;) {
            size_t vl = strcspn(v, " ");
            found = vl == len && strncmp(v, w, len) == 0;
            v += vl;
            if (*v) v++;
        }
        if (!found) return false;
        w += len;
        if (*w) w++;
    }
    return true;
}

bool dedupe_names_similar(const char *a, const char *b) {
    if (!a || !b) return false;
    if (strcmp(a, b) == 0) return true;
    size_t la = strlen(a), lb = strlen(b);
    size_t shorter = la < lb ? la : lb;
    int allowed = shorter >= 16 ? 2 : shorter >= 8 ? 1 : 0;
    if (allowed && text_distance(a, b, allowed + 1) <= allowed) return true;
    return la < lb ? words_within(a, b) : words_within(b, a);
}

int dedupe_merge_skills(const PersonSkill *a, int na, const PersonSkill *b, int nb, PersonSkill *out) {
    int n = 0;
    for (int i = 0; i < na; i++) out[n++] = a[i];
    for (int j = 0; j < nb; j++) {
        int i = 0;
        while (i < na && strcmp(out[i].skill, b[j].skill) != 0) i++;
        if (i == na) {
            out[n++] = b[j];
            continue;
        }
        if (b[j].level > out[i].level) out[i].level = b[j].level;
        if (b[j].years > out[i].years) out[i].years = b[j].years;
    }
    return n;
}

int dedupe_stage_rank(const char *stage) {
    static const char *const order[] = {"sourced", "contacted", "interview", "client_interview", "offer", "hired"};
    for (int i = 0; stage && i < 6; i++)
        if (strcmp(order[i], stage) == 0) return i + 1;
    return 0;
}

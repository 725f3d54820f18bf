/* mentions: "@handle" and "#channel" references (see .h). */
#include "mentions.h"
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

static bool name_char(unsigned char c) { return isalnum(c) || c == '.' || c == '_' || c == '-'; }

/* Characters after which a sigil is part of a word, an address or a URL. */
static bool joins_previous(unsigned char c) {
    return c >= 0x80 || name_char(c) || c == '@' || c == '#' || c == '/' || c == '&' || c == '+' || c == ':' ||
           c == '=' || c == '\\';
}

/* Length of the run of backticks at s. */
static size_t ticks(const char *s) {
    size_t n = 0;
    while (s[n] == '`') n++;
    return n;
}

static bool seen(MentionName *out, int n, const char *name) {
    for (int i = 0; i < n; i++)
        if (strcmp(out[i], name) == 0) return true;
    return false;
}

int mentions_find(const char *text, char sigil, MentionName *out, int max) {
    int n = 0;
    size_t code = 0; /* inside code opened by this many backticks; 0 outside */
    for (const char *p = text; *p && n < max; p++) {
        if (*p == '`') {
            size_t k = ticks(p);
            if (!code) code = k;
            else if (k == code) code = 0;
            p += k - 1;
            continue;
        }
        if (code || *p != sigil) continue;
        if (p > text && joins_previous((unsigned char)p[-1])) continue;
        const char *s = p + 1;
        if (!isalnum((unsigned char)*s)) continue;
        size_t len = 0;
        while (name_char((unsigned char)s[len])) len++;
        while (len && (s[len - 1] == '.' || s[len - 1] == '-' || s[len - 1] == '_')) len--;
        p = s + len - 1;
        if (len > MENTION_MAX || s[len] == '@') continue; /* too long, or "@a@b" */
        MentionName name;
        for (size_t i = 0; i < len; i++) name[i] = (char)tolower((unsigned char)s[i]);
        name[len] = '\0';
        if (!seen(out, n, name)) memcpy(out[n++], name, len + 1);
    }
    return n;
}

/* Whether some word of s starts with q; words are split at the bytes for
 * which sep is true (multi-byte characters are parts of words). */
static bool word_starts_with(const char *s, const char *q, bool (*sep)(unsigned char)) {
    size_t n = strlen(q);
    for (const char *p = s; *p; p++)
        if ((p == s || sep((unsigned char)p[-1])) && !sep((unsigned char)*p) && strncmp(p, q, n) == 0) return true;
    return false;
}

static bool handle_sep(unsigned char c) { return c == '.' || c == '-' || c == '_'; }
static bool name_sep(unsigned char c) { return c < 0x80 && !isalnum(c); }

int mention_match(const char *handle, const char *folded_name, const char *q) {
    if (!q || !*q || !handle) return -1;
    if (strncmp(handle, q, strlen(q)) == 0) return 0;
    if (word_starts_with(handle, q, handle_sep) || (folded_name && word_starts_with(folded_name, q, name_sep))) return 1;
    return -1;
}

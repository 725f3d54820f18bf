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

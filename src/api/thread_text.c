/* thread_text: text helpers of incident and ritual threads (see .h). */
#include "thread_text.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "../store/users.h"

/* s with each of the characters in specials escaped, line breaks made spaces. */
static void md_escaped(Buf *b, const char *s, const char *specials) {
    for (; s && *s; s++) {
        if (strchr(specials, *s)) buf_puts(b, "\\");
        char c[2] = {*s == '\n' || *s == '\r' ? ' ' : *s, '\0'};
        buf_puts(b, c);
    }
}

void md_text(Buf *b, const char *s) { md_escaped(b, s, "\\`*_[]<>#!|~"); }

void md_name(Buf *b, const char *s) { md_escaped(b, s, "\\`*_[]<>#!|~@"); }

void md_user(Request *rq, Buf *b, long long id) {
    User u;
    if (id > 0 && store_user_get(rq->db, &rq->arena, id, &u) == STORE_OK) md_text(b, u.name);
    else buf_puts(b, "?");
}

void md_date(Buf *b, long days) {
    int y, m, d;
    time_days_civil(days, &y, &m, &d);
    buf_printf(b, "%02d/%02d/%04d", d, m, y);
}

const char *thread_name(Request *rq, const char *prefix, const char *text, size_t max) {
    char *name = text_cut(prefix, text, max);
    const char *out = arena_strdup(&rq->arena, name ? name : prefix);
    free(name);
    return out;
}

/* thread_text: text helpers of incident and ritual threads (see .h). */
#include "thread_text.h"
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
    size_t room = max - text_utf8_length(prefix); /* characters left for text */
    bool cut = text_utf8_length(text) > room;
    if (cut) room--; /* for the "…" */
    Buf b = BUF_INIT;
    buf_puts(&b, prefix);
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80 && n++ == room) break; /* the start of one character too many */
        buf_append(&b, p, 1);
    }
    if (cut) buf_puts(&b, "…");
    const char *out = arena_strdup(&rq->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

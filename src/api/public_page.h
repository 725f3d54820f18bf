/* public_page: the shell of the server-rendered pages people open without
 * signing in (survey, careers, application status): language choice,
 * <head> with the product's public stylesheet, one <main>. Usable without
 * JavaScript; every text inside goes through html_text(). */
#ifndef ALLIANCE_PUBLIC_PAGE_H
#define ALLIANCE_PUBLIC_PAGE_H
#include <stdbool.h>
#include "../lib/buf.h"
#include "api.h"

typedef struct {
    const char *title;       /* plain text, escaped here */
    const char *main_class;  /* class of <main> */
    bool indexable;          /* false: <meta name="robots" content="noindex"> */
    const char *head_extra;  /* raw markup added to <head> (already safe), or NULL */
} PublicPage;

/* ?lang=fr|en overrides Accept-Language. */
void public_choose_language(Request *rq);
/* "fr" or "en". */
const char *public_lang_code(const Request *rq);
/* Answers a whole page around body (HTML already escaped). */
void public_page(Request *rq, Response *rs, int status, const PublicPage *pg, const char *body);
/* Appends "1 décembre 2026" / "1 December 2026" for an ISO date or
 * timestamp (the text as is when it is not one). */
void public_long_date(Buf *b, Request *rq, const char *iso);
/* Appends "<tag>text</tag>" with text escaped (the message key looked up). */
void html_tag_msg(Buf *b, Request *rq, const char *tag, const char *key);

#endif

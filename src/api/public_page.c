/* public_page: the shared shell of public pages (see public_page.h). */
#include "public_page.h"
#include <stdio.h>
#include <string.h>
#include "../lib/html.h"

void public_choose_language(Request *rq) {
    const char *lang = req_query(rq, "lang");
    if (lang && strcmp(lang, "en") == 0) rq->lang = LANG_EN;
    else if (lang && strcmp(lang, "fr") == 0) rq->lang = LANG_FR;
}

const char *public_lang_code(const Request *rq) { return rq->lang == LANG_EN ? "en" : "fr"; }

void public_page(Request *rq, Response *rs, int status, const PublicPage *pg, const char *body) {
    Buf b = BUF_INIT;
    buf_printf(&b, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
               public_lang_code(rq));
    if (!pg->indexable) buf_puts(&b, "<meta name=\"robots\" content=\"noindex\">");
    buf_puts(&b, "<title>");
    html_text(&b, pg->title);
    buf_puts(&b, "</title><link rel=\"stylesheet\" href=\"/css/public.css\">");
    if (pg->head_extra) buf_puts(&b, pg->head_extra);
    buf_puts(&b, "</head><body><main class=\"");
    html_text(&b, pg->main_class);
    buf_puts(&b, "\">");
    buf_puts(&b, body);
    buf_puts(&b, "</main></body></html>");
    rs->raw = arena_strndup(&rq->arena, buf_str(&b), b.len);
    rs->raw_len = b.len;
    buf_free(&b);
    rs->content_type = "text/html; charset=utf-8";
    rs->status = status;
}

void html_tag_msg(Buf *b, Request *rq, const char *tag, const char *key) {
    buf_printf(b, "<%s>", tag);
    html_text(b, i18n(rq->lang, key));
    buf_printf(b, "</%s>", tag);
}

/* "1 décembre 2026" / "1 December 2026" of an ISO timestamp. */
void public_long_date(Buf *b, Request *rq, const char *iso) {
    char text[64];
    i18n_long_date(rq->lang, iso, text, sizeof text);
    html_text(b, text);
}

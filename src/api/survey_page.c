/* survey_page: the public page a client's contact opens from a survey link
 * (no sign-in): a 0–10 recommendation score and a comment, answered once.
 * Server-rendered HTML, usable without JavaScript, French or English
 * (?lang= or Accept-Language). A wrong token gets a page that reveals
 * nothing; an expired or answered one says so plainly. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../lib/form.h"
#include "../lib/html.h"
#include "../lib/secret.h"
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "../store/surveys.h"
#include "../http/event_log.h"
#include "api.h"
#include "public_page.h"

enum { MAX_COMMENT = 2000 };

/* Sends a whole page around body (HTML already escaped). */
static void page(Request *rq, Response *rs, int status, const char *body) {
    PublicPage pg = {.title = i18n(rq->lang, "survey_title"), .main_class = "survey"};
    public_page(rq, rs, status, &pg, body);
}

/* A page holding one message. */
static void message_page(Request *rq, Response *rs, int status, const char *key) {
    Buf b = BUF_INIT;
    buf_puts(&b, "<h1>");
    html_text(&b, i18n(rq->lang, "survey_title"));
    buf_puts(&b, "</h1><p class=\"message\">");
    html_text(&b, i18n(rq->lang, key));
    buf_puts(&b, "</p>");
    page(rq, rs, status, buf_str(&b));
    buf_free(&b);
}

static void form_page(Request *rq, Response *rs, int status, const char *error_key, int score, const char *comment) {
    Buf b = BUF_INIT;
    buf_puts(&b, "<h1>");
    html_text(&b, i18n(rq->lang, "survey_title"));
    buf_puts(&b, "</h1><p>");
    html_text(&b, i18n(rq->lang, "survey_intro"));
    buf_puts(&b, "</p><form method=\"post\" action=\"/s/");
    html_text(&b, rq->token);
    buf_printf(&b, "?lang=%s\">", rq->lang == LANG_EN ? "en" : "fr");
    if (error_key) {
        buf_puts(&b, "<p class=\"error\" role=\"alert\" id=\"survey-error\">");
        html_text(&b, i18n(rq->lang, error_key));
        buf_puts(&b, "</p>");
    }
    buf_puts(&b, "<fieldset class=\"scores\"><legend>");
    html_text(&b, i18n(rq->lang, "survey_question"));
    buf_puts(&b, "</legend><div class=\"scale\">");
    for (int i = 0; i <= 10; i++)
        buf_printf(&b, "<label><input type=\"radio\" name=\"score\" value=\"%d\"%s%s><span>%d</span></label>", i,
                   i == score ? " checked" : "", i == 0 ? " required" : "", i);
    buf_puts(&b, "</div><p class=\"ends\"><span>");
    html_text(&b, i18n(rq->lang, "survey_likely_low"));
    buf_puts(&b, "</span><span>");
    html_text(&b, i18n(rq->lang, "survey_likely_high"));
    buf_puts(&b, "</span></p></fieldset><label for=\"comment\">");
    html_text(&b, i18n(rq->lang, "survey_comment"));
    buf_printf(&b, "</label><textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"%d\">", MAX_COMMENT);
    html_text(&b, comment);
    buf_puts(&b, "</textarea><button type=\"submit\">");
    html_text(&b, i18n(rq->lang, "survey_send"));
    buf_puts(&b, "</button></form>");
    page(rq, rs, status, buf_str(&b));
    buf_free(&b);
}

/* The survey of the link, or a page saying why there is none to answer. */
static bool open_survey(Request *rq, Response *rs, Survey *s) {
    char hash[SECRET_HASH_LEN], now[21];
    secret_token_hash(rq->token, hash);
    StoreResult r = store_survey_by_token(rq->db, &rq->arena, hash, s);
    if (r == STORE_ERROR) {
        reply_db_error(rq, rs);
        return false;
    }
    if (r == STORE_NOT_FOUND) {
        message_page(rq, rs, 404, "survey_invalid");
        return false;
    }
    time_now_iso(now);
    if (!s->answered_at && strcmp(now, s->expires_at) > 0) {
        message_page(rq, rs, 410, "survey_expired");
        return false;
    }
    return true;
}

void survey_page_get(Request *rq, Response *rs) {
    public_choose_language(rq);
    Survey s;
    if (!open_survey(rq, rs, &s)) return;
    if (s.answered_at) return message_page(rq, rs, 200, "survey_done");
    form_page(rq, rs, 200, NULL, -1, "");
}

/* Parses "0".."10"; -1 otherwise. */
static int parse_score(const char *v) {
    if (!v || !*v || strlen(v) > 2) return -1;
    int n = 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9') return -1;
        n = n * 10 + (*v - '0');
    }
    return n <= 10 ? n : -1;
}

void survey_page_post(Request *rq, Response *rs) {
    public_choose_language(rq);
    Survey s;
    if (!open_survey(rq, rs, &s)) return;
    if (s.answered_at) return message_page(rq, rs, 409, "survey_done");
    const char *ct = req_header(rq, "Content-Type");
    if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
        return message_page(rq, rs, 415, "unsupported_media");
    if (rq->body_too_large) return message_page(rq, rs, 413, "too_large");
    const char *body = buf_str(&rq->body);
    bool bad_score, bad_comment;
    int score = parse_score(form_value(&rq->arena, body, rq->body.len, "score", &bad_score));
    char *comment = form_value(&rq->arena, body, rq->body.len, "comment", &bad_comment);
    char *trimmed = comment ? text_trim(comment) : NULL;
    const char *clean = trimmed ? arena_strdup(&rq->arena, trimmed) : "";
    free(trimmed);
    if (bad_comment) return form_page(rq, rs, 422, "survey_bad_encoding", score, "");
    if (score < 0) return form_page(rq, rs, 422, "survey_score_required", -1, clean);
    if (text_utf8_length(clean) > MAX_COMMENT) return form_page(rq, rs, 422, "survey_comment_too_long", score, clean);
    char now[21];
    time_now_iso(now);
    StoreResult r = store_survey_answer(rq->db, s.id, score, *clean ? clean : NULL, now);
    if (r == STORE_CONFLICT) return message_page(rq, rs, 409, "survey_done");
    if (r != STORE_OK) return reply_db_error(rq, rs);
    event_record(rq, "survey.answered", "survey", s.id, (EventRefs){s.client_id, s.need_id, -1}, NULL,
                 json_pack("{s:i}", "score", score));
    rs->audit_type = "survey";
    rs->audit_id = s.id;
    message_page(rq, rs, 200, "survey_thanks");
}

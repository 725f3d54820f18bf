/* application_page: the candidate's private status page,
 * /applications/{token} (the token of the link is the only credential;
 * lib/secret.h: 256 random bits, stored hashed). It says the stage in
 * plain words, the next step and the date of the last change, and lets
 * the candidate withdraw (with a reason) or send a new CV. A wrong token
 * gets a 404 page that says nothing of why. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../domain/pipeline.h"
#include "../http/event_log.h"
#include "../lib/form.h"
#include "../lib/html.h"
#include "../lib/text.h"
#include "../store/application_links.h"
#include "../store/candidacies.h"
#include "cv.h"
#include "public_page.h"

enum { MAX_REASON = 2000 };

static void page(Request *rq, Response *rs, int status, const char *body) {
    PublicPage pg = {.title = i18n(rq->lang, "application_title"), .main_class = "careers application"};
    public_page(rq, rs, status, &pg, body);
}

static void not_found(Request *rq, Response *rs) {
    Buf b = BUF_INIT;
    html_tag_msg(&b, rq, "h1", "application_title");
    html_tag_msg(&b, rq, "p", "application_invalid");
    page(rq, rs, 404, buf_str(&b));
    buf_free(&b);
}

/* The candidacy of the link, or the 404 page. */
static bool open_application(Request *rq, Response *rs, CandidacyRow *row) {
    long long id;
    StoreResult r = store_application_link_find(rq->db, rq->token, &id);
    if (r == STORE_OK) r = store_candidacy_get(rq->db, &rq->arena, id, row);
    if (r == STORE_ERROR) {
        reply_db_error(rq, rs);
        return false;
    }
    if (r != STORE_OK) {
        not_found(rq, rs);
        return false;
    }
    return true;
}

static bool is_closed(const char *stage) { return stage_is_exit(stage) || strcmp(stage, "hired") == 0; }

static void status_page(Request *rq, Response *rs, int status, const CandidacyRow *row, const char *notice_key,
                        const char *error_key, const char *reason) {
    const Candidacy *c = &row->c;
    const char *lang = public_lang_code(rq);
    Buf b = BUF_INIT;
    html_tag_msg(&b, rq, "h1", "application_title");
    buf_puts(&b, "<p class=\"offer-title\">");
    html_text(&b, row->need_title);
    buf_puts(&b, "</p>");
    if (notice_key) {
        buf_puts(&b, "<p class=\"notice\" role=\"status\">");
        html_text(&b, i18n(rq->lang, notice_key));
        buf_puts(&b, "</p>");
    }
    if (error_key) {
        buf_puts(&b, "<p class=\"error\" role=\"alert\" id=\"application-error\">");
        html_text(&b, i18n(rq->lang, error_key));
        buf_puts(&b, "</p>");
    }
    buf_puts(&b, "<dl class=\"status\"><dt>");
    html_text(&b, i18n(rq->lang, "application_stage"));
    buf_printf(&b, "</dt><dd class=\"stage stage-%s\" id=\"stage\">", c->stage);
    html_text(&b, i18n(rq->lang, arena_printf(&rq->arena, "application_stage_%s", c->stage)));
    buf_puts(&b, "</dd><dt>");
    html_text(&b, i18n(rq->lang, "application_next"));
    buf_puts(&b, "</dt><dd>");
    html_text(&b, i18n(rq->lang, arena_printf(&rq->arena, "application_next_%s", c->stage)));
    buf_puts(&b, "</dd><dt>");
    html_text(&b, i18n(rq->lang, "application_updated"));
    buf_printf(&b, "</dt><dd><time datetime=\"%.20s\">", c->updated_at);
    public_long_date(&b, rq, c->updated_at);
    buf_puts(&b, "</time></dd></dl>");
    if (!is_closed(c->stage)) {
        buf_puts(&b, "<section aria-labelledby=\"cv-title\"><h2 id=\"cv-title\">");
        html_text(&b, i18n(rq->lang, "application_new_cv"));
        buf_puts(&b, "</h2><form method=\"post\" enctype=\"multipart/form-data\" action=\"/applications/");
        html_text(&b, rq->token);
        buf_printf(&b, "/cv?lang=%s\"><div class=\"field\"><label for=\"f-cv\">", lang);
        html_text(&b, i18n(rq->lang, "careers_cv"));
        buf_puts(&b, "</label><span class=\"hint\" id=\"cv-hint\">");
        html_text(&b, i18n(rq->lang, "careers_cv_hint"));
        buf_puts(&b, "</span><input id=\"f-cv\" name=\"cv\" type=\"file\" required aria-describedby=\"cv-hint\" "
                     "accept=\".pdf,.docx,.odt,.txt\"></div><button type=\"submit\">");
        html_text(&b, i18n(rq->lang, "application_send_cv"));
        buf_puts(&b, "</button></form></section>");
        buf_puts(&b, "<section aria-labelledby=\"withdraw-title\"><h2 id=\"withdraw-title\">");
        html_text(&b, i18n(rq->lang, "application_withdraw"));
        buf_puts(&b, "</h2><form method=\"post\" action=\"/applications/");
        html_text(&b, rq->token);
        buf_printf(&b, "/withdraw?lang=%s\"><div class=\"field\"><label for=\"f-reason\">", lang);
        html_text(&b, i18n(rq->lang, "application_reason"));
        buf_printf(&b, "</label><textarea id=\"f-reason\" name=\"reason\" rows=\"3\" required maxlength=\"%d\">",
                   MAX_REASON);
        html_text(&b, reason);
        buf_puts(&b, "</textarea></div><button type=\"submit\" class=\"secondary\">");
        html_text(&b, i18n(rq->lang, "application_withdraw_send"));
        buf_puts(&b, "</button></form></section>");
    }
    /* the right of access, from the candidate's own link */
    buf_puts(&b, "<section aria-labelledby=\"data-title\"><h2 id=\"data-title\">");
    html_text(&b, i18n(rq->lang, "application_data_title"));
    buf_puts(&b, "</h2>");
    html_tag_msg(&b, rq, "p", "application_data_text");
    buf_puts(&b, "<p><a id=\"export-json\" href=\"/applications/");
    html_text(&b, rq->token);
    buf_puts(&b, "/export\">");
    html_text(&b, i18n(rq->lang, "application_data_json"));
    buf_puts(&b, "</a> · <a id=\"export-zip\" href=\"/applications/");
    html_text(&b, rq->token);
    buf_puts(&b, "/export?format=zip\">");
    html_text(&b, i18n(rq->lang, "application_data_zip"));
    buf_puts(&b, "</a></p></section>");
    page(rq, rs, status, buf_str(&b));
    buf_free(&b);
}

void application_export(Request *rq, Response *rs) {
    CandidacyRow row;
    if (!open_application(rq, rs, &row)) return;
    person_export(rq, rs, row.c.person_id);
}

void application_page_get(Request *rq, Response *rs) {
    public_choose_language(rq);
    CandidacyRow row;
    if (!open_application(rq, rs, &row)) return;
    const char *done = req_query(rq, "done"), *notice = NULL;
    if (done && strcmp(done, "withdrawn") == 0) notice = "application_withdrawn";
    else if (done && strcmp(done, "cv") == 0) notice = "application_cv_received";
    else if (done && strcmp(done, "applied") == 0) notice = "application_received";
    status_page(rq, rs, 200, &row, notice, NULL, "");
}

static void back_to_status(Request *rq, Response *rs, const char *done) {
    reply_header(rq, rs, "Location",
                 arena_printf(&rq->arena, "/applications/%s?lang=%s&done=%s", rq->token, public_lang_code(rq), done));
    rs->status = 303;
}

void application_withdraw(Request *rq, Response *rs) {
    public_choose_language(rq);
    CandidacyRow row;
    if (!open_application(rq, rs, &row)) return;
    if (is_closed(row.c.stage)) return status_page(rq, rs, 409, &row, NULL, "application_closed", "");
    const char *ct = req_header(rq, "Content-Type");
    if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
        return status_page(rq, rs, 415, &row, NULL, "unsupported_media", "");
    if (rq->body_too_large) return status_page(rq, rs, 413, &row, NULL, "too_large", "");
    bool bad;
    char *sent = form_value(&rq->arena, buf_str(&rq->body), rq->body.len, "reason", &bad);
    char *trimmed = sent ? text_trim(sent) : NULL;
    const char *reason = trimmed ? arena_strdup(&rq->arena, trimmed) : "";
    free(trimmed);
    if (bad) return status_page(rq, rs, 422, &row, NULL, "survey_bad_encoding", "");
    if (!*reason) return status_page(rq, rs, 422, &row, NULL, "application_reason_required", "");
    if (text_utf8_length(reason) > MAX_REASON) return status_page(rq, rs, 422, &row, NULL, "application_reason_too_long", reason);
    const char *from = row.c.stage;
    row.c.stage = "withdrawn";
    row.c.reason = reason;
    if (pipeline_check_move(from, row.c.stage, reason) != MOVE_OK)
        return status_page(rq, rs, 409, &row, NULL, "application_closed", "");
    StoreResult r = store_candidacy_update(rq->db, &rq->arena, &row.c, row.c.version);
    if (r != STORE_OK) return reply_db_error(rq, rs);
    EventRefs refs = {row.client_id, row.c.need_id, row.c.person_id};
    event_record(rq, "candidacy.stage", "candidacy", row.c.id, refs, json_pack("{s:s}", "stage", from),
                 json_pack("{s:s, s:s, s:s}", "stage", "withdrawn", "reason", reason, "by", "candidate"));
    rs->audit_type = "candidacy";
    rs->audit_id = row.c.id;
    back_to_status(rq, rs, "withdrawn");
}

/* The page again, with why the file could not be taken. */
static void cv_fail(Request *rq, Response *rs, int status, const char *key, const void *arg) {
    status_page(rq, rs, status, arg, NULL, key, "");
}

void application_cv(Request *rq, Response *rs) {
    public_choose_language(rq);
    CandidacyRow row;
    if (!open_application(rq, rs, &row)) return;
    if (is_closed(row.c.stage)) return status_page(rq, rs, 409, &row, NULL, "application_closed", "");
    MultipartPart parts[MULTIPART_MAX_PARTS];
    int np = upload_parts(rq, rs, parts, cv_fail, &row);
    if (np < 0) return;
    const MultipartPart *file = multipart_find(parts, np, "cv");
    if (!file || !file->filename || !file->len) return status_page(rq, rs, 422, &row, NULL, "careers_cv_required", "");
    CvUpload up;
    CvStatus cs = cv_prepare(rq, file, &up);
    if (cs != CV_OK) {
        cv_upload_free(&up);
        return status_page(rq, rs, cs == CV_TOO_LARGE && file->len > MAX_UPLOAD_FILE ? 413 : 422, &row, NULL,
                           cv_status_key(cs), "");
    }
    if (!cv_begin_write(rq)) {
        cv_upload_free(&up);
        return reply_db_error(rq, rs);
    }
    Document doc;
    int proposed;
    StoreResult r = cv_save(rq, row.c.person_id, &up, &doc, &proposed);
    cv_upload_free(&up);
    if (r != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "document";
    rs->audit_id = doc.id;
    back_to_status(rq, rs, "cv");
}

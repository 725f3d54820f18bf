/* privacy_page: /privacy/{token}, the page the retention warning links to
 * (privacy/notice.c). The token is the only credential (256 random bits,
 * stored hashed, valid until a month after the end date). It says what
 * the firm keeps and until when, and lets the person stay in the talent
 * pool (renew: the end moves to talent_pool_months after today) or leave it
 * (withdraw: the data goes at the end of the recruitment rule). A wrong or
 * expired token, or an erased person, gets one 404 page. */
#include <string.h>
#include <strings.h>
#include "../http/event_log.h"
#include "../lib/html.h"
#include "../lib/timeutil.h"
#include "../privacy/intake.h"
#include "../privacy/people_retention.h"
#include "../store/settings.h"
#include "legal_bases.h"
#include "public_page.h"

static void page(Request *rq, Response *rs, int status, const char *body) {
    PublicPage pg = {.title = i18n(rq->lang, "privacy_page_title"), .main_class = "careers application privacy"};
    public_page(rq, rs, status, &pg, body);
}

/* The person of the link and their facts, or the 404 page. */
static bool open_link(Request *rq, Response *rs, RetentionRow *row, Settings *s) {
    char now[21];
    time_now_iso(now);
    long long id;
    RetentionRow *rows;
    int n = 0;
    StoreResult r = store_privacy_link_find(rq->db, rq->token, now, &id);
    if (r == STORE_OK) r = store_retention_rows(rq->db, &rq->arena, id, &rows, &n);
    if (r == STORE_OK) r = store_settings_get(rq->db, &rq->arena, s);
    if (r == STORE_ERROR) {
        reply_db_error(rq, rs);
        return false;
    }
    if (r != STORE_OK || n != 1) {
        Buf b = BUF_INIT;
        html_tag_msg(&b, rq, "h1", "privacy_page_title");
        html_tag_msg(&b, rq, "p", "application_invalid");
        page(rq, rs, 404, buf_str(&b));
        buf_free(&b);
        return false;
    }
    *row = rows[0];
    return true;
}

/* A paragraph of a message with one %s: a date, written out. */
static void dated(Buf *b, Request *rq, const char *key, long day, const char *id) {
    char iso[11], when[64];
    time_days_iso(day, iso);
    i18n_long_date(rq->lang, iso, when, sizeof when);
    buf_printf(b, "<p id=\"%s\">", id);
    html_text(b, arena_printf(&rq->arena, i18n(rq->lang, key), when));
    buf_puts(b, "</p>");
}

static void form(Buf *b, Request *rq, const char *action, const char *label_key, bool secondary) {
    buf_puts(b, "<form method=\"post\" action=\"/privacy/");
    html_text(b, rq->token);
    buf_printf(b, "/%s?lang=%s\"><button type=\"submit\" id=\"privacy-%s\"%s>", action, public_lang_code(rq), action,
               secondary ? " class=\"secondary\"" : "");
    html_text(b, i18n(rq->lang, label_key));
    buf_puts(b, "</button></form>");
}

static void status_page(Request *rq, Response *rs, const RetentionRow *row, const Settings *s, const char *notice) {
    RetentionEnd end = person_retention(&s->retention, row);
    bool pooled = row->pool_consent != NULL;
    Buf b = BUF_INIT;
    html_tag_msg(&b, rq, "h1", "privacy_page_title");
    if (notice) {
        buf_puts(&b, "<p class=\"notice\" role=\"status\" id=\"privacy-notice\">");
        html_text(&b, i18n(rq->lang, notice));
        buf_puts(&b, "</p>");
    }
    buf_puts(&b, "<p>");
    html_text(&b, arena_printf(&rq->arena, i18n(rq->lang, "privacy_page_hello"), row->first_name));
    buf_puts(&b, "</p>");
    html_tag_msg(&b, rq, "p", "privacy_page_what");
    if (end.until >= 0) dated(&b, rq, pooled ? "privacy_page_until_pool" : "privacy_page_until", end.until, "privacy-until");
    else html_tag_msg(&b, rq, "p", "privacy_page_in_process");
    buf_puts(&b, "<section class=\"apply\"><h2>");
    html_text(&b, i18n(rq->lang, "privacy_page_pool_title"));
    buf_puts(&b, "</h2><p>");
    html_text(&b, arena_printf(&rq->arena, i18n(rq->lang, "privacy_page_pool_text"), s->retention.talent_pool_months));
    buf_puts(&b, "</p>");
    form(&b, rq, "renew", pooled ? "privacy_page_renew" : "privacy_page_join", false);
    if (pooled) {
        html_tag_msg(&b, rq, "p", "privacy_page_leave_text");
        form(&b, rq, "withdraw", "privacy_page_leave", true);
    }
    buf_puts(&b, "</section>");
    page(rq, rs, 200, buf_str(&b));
    buf_free(&b);
}

void privacy_page_get(Request *rq, Response *rs) {
    public_choose_language(rq);
    RetentionRow row;
    Settings s;
    if (!open_link(rq, rs, &row, &s)) return;
    const char *done = req_query(rq, "done"), *notice = NULL;
    if (done && strcmp(done, "renewed") == 0) notice = "privacy_page_renewed";
    else if (done && strcmp(done, "withdrawn") == 0) notice = "privacy_page_withdrawn";
    status_page(rq, rs, &row, &s, notice);
}

static void back(Request *rq, Response *rs, const char *done) {
    reply_header(rq, rs, "Location",
                 arena_printf(&rq->arena, "/privacy/%s?lang=%s&done=%s", rq->token, public_lang_code(rq), done));
    rs->status = 303;
}

/* A form post: the media type a browser sends for it. */
static bool form_post(Request *rq, Response *rs) {
    const char *ct = req_header(rq, "Content-Type");
    if (ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) return true;
    reply_problem(rq, rs, 415, "unsupported-media-type", "unsupported_media", NULL);
    return false;
}

void privacy_page_renew(Request *rq, Response *rs) {
    public_choose_language(rq);
    RetentionRow row;
    Settings s;
    if (!form_post(rq, rs) || !open_link(rq, rs, &row, &s)) return;
    LegalBasis b;
    bool given;
    if (privacy_pool_renew(rq->db, &rq->arena, row.person_id, "renewal_page", &b, &given) != STORE_OK)
        return reply_db_error(rq, rs);
    legal_basis_record(rq, &b, given ? "recorded" : "renewed");
    rs->audit_type = "legal_basis";
    rs->audit_id = b.id;
    back(rq, rs, "renewed");
}

void privacy_page_withdraw(Request *rq, Response *rs) {
    public_choose_language(rq);
    RetentionRow row;
    Settings s;
    if (!form_post(rq, rs) || !open_link(rq, rs, &row, &s)) return;
    LegalBasis b;
    StoreResult r = store_pool_consent_of(rq->db, &rq->arena, row.person_id, &b);
    if (r == STORE_NOT_FOUND) return back(rq, rs, "withdrawn"); /* already out of the pool */
    char now[21];
    time_now_iso(now);
    if (r == STORE_OK) r = store_legal_basis_mark(rq->db, &rq->arena, &b, true, now);
    if (r != STORE_OK) return reply_db_error(rq, rs);
    legal_basis_record(rq, &b, "withdrawn");
    rs->audit_type = "legal_basis";
    rs->audit_id = b.id;
    back(rq, rs, "withdrawn");
}

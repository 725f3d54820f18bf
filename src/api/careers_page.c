/* careers_page: the public careers site (no sign-in, fr/en, no JavaScript
 * needed): GET /careers lists the open and published needs, searchable by
 * skill and location; GET /careers/{slug} shows one offer with its
 * schema.org JobPosting (JSON-LD) and the application form; POST
 * /careers/{slug}/apply receives it (multipart/form-data, the CV read
 * before the write transaction opens: ROUTE_OWN_TX).
 *
 * The JSON-LD block is data (<script type="application/ld+json">): the
 * Content-Security-Policy "script-src 'self'" forbids inline scripts, which
 * browsers and crawlers do not apply to data blocks, so it stays strict. */
#include <stdlib.h>
#include <string.h>
#include "../domain/pipeline.h"
#include "../http/event_log.h"
#include "../domain/skills.h"
#include "../lib/html.h"
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "../store/application_links.h"
#include "../store/applicants.h"
#include "../store/candidacies.h"
#include "../store/needs.h"
#include "../store/settings.h"
#include "../privacy/intake.h"
#include "careers.h"
#include "duplicates.h"
#include "cv.h"
#include "public_page.h"
#include "skill_input.h"

enum { MAX_OFFERS = 200, MAX_SLUG_WORDS = 50, MAX_NAME = 200, MAX_PHONE = 40, MAX_MESSAGE = 5000,
       VALID_DAYS = 60 };

/* ---- slugs ---- */

const char *careers_path(Arena *a, const Need *n) {
    char *f = text_fold(n->title ? n->title : "");
    char slug[MAX_SLUG_WORDS + 1];
    size_t k = 0;
    for (const char *p = f ? f : ""; *p && k < MAX_SLUG_WORDS; p++) {
        bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        if (alnum) slug[k++] = *p;
        else if (k && slug[k - 1] != '-') slug[k++] = '-';
    }
    free(f);
    while (k && slug[k - 1] == '-') k--;
    slug[k] = '\0';
    return arena_printf(a, "/careers/%s%s%lld", slug, k ? "-" : "", n->id);
}

long long careers_slug_id(const char *slug) {
    const char *dash = strrchr(slug, '-'), *digits = dash ? dash + 1 : slug;
    if (!*digits || strlen(digits) > 15) return -1;
    long long v = 0;
    for (const char *p = digits; *p; p++) {
        if (*p < '0' || *p > '9') return -1;
        v = v * 10 + (*p - '0');
    }
    return v > 0 ? v : -1;
}

/* ---- pieces of pages ---- */

static void msg(Buf *b, Request *rq, const char *key) { html_text(b, i18n(rq->lang, key)); }

/* "FR · EN" links to the same page in the other language. */
static void language_links(Buf *b, Request *rq, const char *path) {
    buf_puts(b, "<nav class=\"langs\" aria-label=\"Langue / Language\">");
    buf_puts(b, rq->lang == LANG_FR ? "<strong>FR</strong>" : "<a href=\"");
    if (rq->lang != LANG_FR) {
        html_text(b, path);
        buf_puts(b, "?lang=fr\" hreflang=\"fr\">FR</a>");
    }
    buf_puts(b, " · ");
    buf_puts(b, rq->lang == LANG_EN ? "<strong>EN</strong>" : "<a href=\"");
    if (rq->lang != LANG_EN) {
        html_text(b, path);
        buf_puts(b, "?lang=en\" hreflang=\"en\">EN</a>");
    }
    buf_puts(b, "</nav>");
}

static const char *remote_key(const char *remote) {
    if (remote && strcmp(remote, "full") == 0) return "careers_remote_full";
    if (remote && strcmp(remote, "partial") == 0) return "careers_remote_partial";
    return "careers_remote_none";
}

/* An amount with its thousands grouped: "45 000" (a narrow no-break
 * space) in French, "45,000" in English. */
static const char *amount(Request *rq, long long v) {
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%lld", v);
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) buf_puts(&b, rq->lang == LANG_EN ? "," : "\u202f");
        buf_append(&b, &digits[i], 1);
    }
    const char *out = arena_strdup(&rq->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* "jusqu'à 650 € par jour" or "45 000 – 55 000 € par an"; nothing when neither is given. */
static void pay_text(Buf *b, Request *rq, const Need *n) {
    if (n->salary_min > 0 || n->salary_max > 0) {
        if (n->salary_min > 0 && n->salary_max > 0)
            buf_printf(b, i18n(rq->lang, "careers_salary_band"), amount(rq, n->salary_min), amount(rq, n->salary_max));
        else buf_printf(b, i18n(rq->lang, n->salary_min > 0 ? "careers_salary_from" : "careers_salary_upto"),
                        amount(rq, n->salary_min > 0 ? n->salary_min : n->salary_max));
    } else if (n->daily_rate_max > 0) {
        buf_printf(b, i18n(rq->lang, "careers_rate_upto"), amount(rq, n->daily_rate_max));
    }
}

static void skill_name(Buf *b, Request *rq, const char *id) { html_text(b, skill_label(rq, id)); }

/* ---- GET /careers ---- */

/* A query parameter for a public page: trimmed (arena copy), NULL when
 * absent or blank; *bad when not UTF-8 or longer than max characters. */
static const char *page_param(Request *rq, const char *name, size_t max, bool *bad) {
    const char *v = req_query(rq, name);
    if (!v) return NULL;
    if (!text_valid_utf8(v, strlen(v)) || text_utf8_length(v) > max) {
        *bad = true;
        return NULL;
    }
    char *t = text_trim(v);
    const char *out = t && *t ? arena_strdup(&rq->arena, t) : NULL;
    free(t);
    return out;
}

/* folded needle is a substring of folded hay */
static bool folded_contains(const char *hay, const char *needle) {
    if (!hay) return false;
    char *h = text_fold(hay), *n = text_fold(needle);
    bool found = h && n && strstr(h, n);
    free(h);
    free(n);
    return found;
}

static bool matches_location(const Need *n, const char *where) {
    if (!where) return true;
    char *w = text_fold(where);
    bool remote = w && (strstr(w, "remote") || strstr(w, "teletravail") || strstr(w, "distance"));
    free(w);
    if (remote && strcmp(n->remote, "none") != 0) return true;
    return folded_contains(n->location, where);
}

/* A known skill (id, label or alias) must be required by the offer; other
 * text is looked for in the title ("Tech lead"). */
static bool matches_skill(const Need *n, const Skill *s, const char *text) {
    if (!text) return true;
    if (!s) return folded_contains(n->title, text);
    for (int i = 0; i < n->nskills; i++)
        if (strcmp(n->skills[i].skill, s->id) == 0) return true;
    return false;
}

static void offer_item(Buf *b, Request *rq, const Need *n) {
    buf_puts(b, "<li class=\"offer\"><h2><a href=\"");
    html_text(b, careers_path(&rq->arena, n));
    buf_printf(b, "?lang=%s\">", public_lang_code(rq));
    html_text(b, n->title);
    buf_puts(b, "</a></h2><p class=\"facts\">");
    if (n->location) {
        html_text(b, n->location);
        buf_puts(b, " · ");
    }
    msg(b, rq, remote_key(n->remote));
    Buf pay = BUF_INIT;
    pay_text(&pay, rq, n);
    if (pay.len) {
        buf_puts(b, " · ");
        html_text(b, buf_str(&pay));
    }
    buf_free(&pay);
    buf_puts(b, "</p>");
    if (n->nskills) {
        buf_puts(b, "<ul class=\"tags\">");
        for (int i = 0; i < n->nskills && i < 6; i++) {
            buf_puts(b, "<li>");
            skill_name(b, rq, n->skills[i].skill);
            buf_puts(b, "</li>");
        }
        buf_puts(b, "</ul>");
    }
    buf_puts(b, "</li>");
}

static void careers_page(Request *rq, Response *rs, int status, const char *body) {
    PublicPage pg = {.title = i18n(rq->lang, "careers_title"), .main_class = "careers", .indexable = true};
    public_page(rq, rs, status, &pg, body);
}

void careers_list_page(Request *rq, Response *rs) {
    public_choose_language(rq);
    bool bad = false;
    const char *skill = page_param(rq, "skill", 100, &bad), *where = page_param(rq, "location", 100, &bad);
    Buf b = BUF_INIT;
    language_links(&b, rq, "/careers");
    html_tag_msg(&b, rq, "h1", "careers_title");
    html_tag_msg(&b, rq, "p", "careers_intro");
    buf_printf(&b, "<form class=\"search\" method=\"get\" action=\"/careers\" role=\"search\">"
                   "<input type=\"hidden\" name=\"lang\" value=\"%s\"><label>", public_lang_code(rq));
    msg(&b, rq, "careers_skill");
    buf_puts(&b, "<input name=\"skill\" maxlength=\"100\" value=\"");
    html_text(&b, skill);
    buf_puts(&b, "\"></label><label>");
    msg(&b, rq, "careers_location");
    buf_puts(&b, "<input name=\"location\" maxlength=\"100\" value=\"");
    html_text(&b, where);
    buf_puts(&b, "\"></label><button type=\"submit\">");
    msg(&b, rq, "careers_search");
    buf_puts(&b, "</button></form>");
    if (bad) {
        buf_puts(&b, "<p class=\"error\" role=\"alert\">");
        msg(&b, rq, "careers_bad_search");
        buf_puts(&b, "</p>");
        careers_page(rq, rs, 400, buf_str(&b));
        buf_free(&b);
        return;
    }
    Need *needs;
    int n;
    if (store_careers_list(rq->db, &rq->arena, MAX_OFFERS, &needs, &n) != STORE_OK) {
        buf_free(&b);
        return reply_db_error(rq, rs);
    }
    const Skill *s = skill ? skills_resolve(skill) : NULL;
    int shown = 0;
    Buf list = BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (!matches_skill(&needs[i], s, skill) || !matches_location(&needs[i], where)) continue;
        offer_item(&list, rq, &needs[i]);
        shown++;
    }
    buf_printf(&b, "<p class=\"count\" role=\"status\">");
    buf_printf(&b, i18n(rq->lang, shown == 1 ? "careers_count_one" : "careers_count"), shown);
    buf_puts(&b, "</p>");
    if (shown) {
        buf_puts(&b, "<ul class=\"offers\">");
        buf_puts(&b, buf_str(&list));
        buf_puts(&b, "</ul>");
    } else {
        buf_puts(&b, "<p class=\"empty\">");
        msg(&b, rq, skill || where ? "careers_none_match" : "careers_none");
        if (skill || where) {
            buf_printf(&b, " <a href=\"/careers?lang=%s\">", public_lang_code(rq));
            msg(&b, rq, "careers_all");
            buf_puts(&b, "</a>");
        }
        buf_puts(&b, "</p>");
    }
    buf_free(&list);
    careers_page(rq, rs, 200, buf_str(&b));
    buf_free(&b);
}

/* ---- GET /careers/{slug} ---- */

/* The offer of the path, or a 404 page (unknown, not open or not
 * published: the page does not say which). */
static bool open_offer(Request *rq, Response *rs, Need *n) {
    long long id = careers_slug_id(rq->token);
    StoreResult r = id > 0 ? store_need_get(rq->db, &rq->arena, id, n) : STORE_NOT_FOUND;
    if (r == STORE_ERROR) {
        reply_db_error(rq, rs);
        return false;
    }
    if (r == STORE_NOT_FOUND || !n->published || strcmp(n->status, "open") != 0) {
        Buf b = BUF_INIT;
        language_links(&b, rq, "/careers");
        html_tag_msg(&b, rq, "h1", "careers_offer_gone_title");
        buf_puts(&b, "<p>");
        msg(&b, rq, "careers_offer_gone");
        buf_printf(&b, " <a href=\"/careers?lang=%s\">", public_lang_code(rq));
        msg(&b, rq, "careers_all");
        buf_puts(&b, "</a></p>");
        PublicPage pg = {.title = i18n(rq->lang, "careers_offer_gone_title"), .main_class = "careers"};
        public_page(rq, rs, 404, &pg, buf_str(&b));
        buf_free(&b);
        return false;
    }
    return true;
}

/* "YYYY-MM-DD" of an ISO timestamp plus days. */
static void date_plus(const char *iso, long days, char out[11]) {
    char d[11];
    snprintf(d, sizeof d, "%.10s", iso);
    long base = time_date_days(d);
    if (base < 0) base = time(NULL) / 86400;
    char full[21];
    time_iso((time_t)(base + days) * 86400, full);
    snprintf(out, 11, "%.10s", full);
}

/* The schema.org JobPosting of an offer, ready to embed: '<', '>' and '&'
 * are written as \u escapes so no text can close the <script> element. */
static char *job_posting(Request *rq, const Need *n, const char *url) {
    char posted[11], until[11];
    const char *since = n->published_at ? n->published_at : n->updated_at;
    date_plus(since, 0, posted);
    date_plus(since, VALID_DAYS, until);
    const char *firm = getenv("ALLIANCE_FIRM_NAME");
    if (!firm || !*firm) firm = "Alliance";
    Buf skills = BUF_INIT;
    for (int i = 0; i < n->nskills; i++) buf_printf(&skills, "%s%s", i ? ", " : "", skill_label(rq, n->skills[i].skill));
    const char *desc = n->description && *n->description ? n->description : n->title;
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:s, s:b, s:{s:s, s:s, s:s}}", "@context",
                          "https://schema.org", "@type", "JobPosting", "title", n->title, "description", desc,
                          "datePosted", posted, "validThrough", arena_printf(&rq->arena, "%sT23:59:59Z", until),
                          "hiringOrganization", "@type", "Organization", "name", firm, "employmentType",
                          n->salary_min > 0 || n->salary_max > 0 ? "FULL_TIME" : "CONTRACTOR", "directApply", 1,
                          "identifier", "@type", "PropertyValue", "name", firm, "value",
                          arena_printf(&rq->arena, "%lld", n->id));
    json_object_set_new(j, "url", json_string(url));
    if (skills.len) json_object_set_new(j, "skills", json_string(buf_str(&skills)));
    buf_free(&skills);
    if (strcmp(n->remote, "full") == 0) {
        json_object_set_new(j, "jobLocationType", json_string("TELECOMMUTE"));
        json_object_set_new(j, "applicantLocationRequirements", json_pack("{s:s, s:s}", "@type", "Country", "name", "France"));
    }
    if (strcmp(n->remote, "full") != 0 || n->location) {
        json_t *addr = json_pack("{s:s, s:s}", "@type", "PostalAddress", "addressCountry", "FR");
        if (n->location) json_object_set_new(addr, "addressLocality", json_string(n->location));
        json_object_set_new(j, "jobLocation", json_pack("{s:s, s:o}", "@type", "Place", "address", addr));
    }
    json_t *value = NULL;
    if (n->salary_min > 0 || n->salary_max > 0) {
        value = json_pack("{s:s, s:s}", "@type", "QuantitativeValue", "unitText", "YEAR");
        if (n->salary_min > 0) json_object_set_new(value, "minValue", json_integer(n->salary_min));
        if (n->salary_max > 0) json_object_set_new(value, "maxValue", json_integer(n->salary_max));
    } else if (n->daily_rate_max > 0) {
        value = json_pack("{s:s, s:s, s:I}", "@type", "QuantitativeValue", "unitText", "DAY", "maxValue", n->daily_rate_max);
    }
    if (value)
        json_object_set_new(j, "baseSalary", json_pack("{s:s, s:s, s:o}", "@type", "MonetaryAmount", "currency", "EUR",
                                                       "value", value));
    char *text = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    Buf b = BUF_INIT;
    for (const char *p = text ? text : "{}"; *p; p++) {
        if (*p == '<') buf_puts(&b, "\\u003c");
        else if (*p == '>') buf_puts(&b, "\\u003e");
        else if (*p == '&') buf_puts(&b, "\\u0026");
        else buf_append(&b, p, 1);
    }
    free(text);
    char *out = arena_strdup(&rq->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* Plain text as paragraphs: blank lines separate them, line breaks stay. */
static void paragraphs(Buf *b, const char *text) {
    buf_puts(b, "<p>");
    for (const char *p = text; *p; p++) {
        if (*p == '\r') continue;
        if (p[0] == '\n' && p[1] == '\n') {
            while (p[1] == '\n' || p[1] == '\r') p++;
            buf_puts(b, "</p><p>");
        } else if (*p == '\n') buf_puts(b, "<br>");
        else {
            char one[2] = {*p, 0};
            html_text(b, one);
        }
    }
    buf_puts(b, "</p>");
}

/* What the candidate typed, kept when the form comes back with errors. */
typedef struct {
    const char *name, *email, *phone, *message;
    bool consent, talent_pool; /* talent_pool: the optional box, never ticked for them */
} Applicant;

typedef struct {
    const char *field, *key;
} FieldError;

static void field_error(Buf *b, Request *rq, const FieldError *errs, int nerr, const char *field) {
    for (int i = 0; i < nerr; i++)
        if (strcmp(errs[i].field, field) == 0) {
            buf_printf(b, "<span class=\"field-error\" id=\"err-%s\">", field);
            msg(b, rq, errs[i].key);
            buf_puts(b, "</span>");
        }
}

static bool has_error(const FieldError *errs, int nerr, const char *field) {
    for (int i = 0; i < nerr; i++)
        if (strcmp(errs[i].field, field) == 0) return true;
    return false;
}

/* One labelled input of the form (type "textarea" for a text area). */
static void form_input(Buf *b, Request *rq, const char *name, const char *type, const char *label_key,
                       const char *value, int max, bool required, const FieldError *errs, int nerr) {
    bool wrong = has_error(errs, nerr, name);
    buf_printf(b, "<div class=\"field\"><label for=\"f-%s\">", name);
    msg(b, rq, label_key);
    if (!required) {
        buf_puts(b, " <span class=\"optional\">");
        msg(b, rq, "careers_optional");
        buf_puts(b, "</span>");
    }
    buf_puts(b, "</label>");
    field_error(b, rq, errs, nerr, name);
    if (strcmp(type, "textarea") == 0) {
        buf_printf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"5\" maxlength=\"%d\"%s>", name, name, max,
                   wrong ? " aria-invalid=\"true\"" : "");
        html_text(b, value);
        buf_puts(b, "</textarea>");
    } else {
        buf_printf(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" maxlength=\"%d\"%s%s value=\"", name, name, type,
                   max, required ? " required" : "", wrong ? " aria-invalid=\"true\"" : "");
        html_text(b, value);
        buf_puts(b, "\">");
    }
    buf_puts(b, "</div>");
}

static void offer_page(Request *rq, Response *rs, int status, const Need *n, const Applicant *ap,
                       const FieldError *errs, int nerr) {
    const char *path = careers_path(&rq->arena, n);
    Buf b = BUF_INIT;
    language_links(&b, rq, path);
    buf_printf(&b, "<p class=\"back\"><a href=\"/careers?lang=%s\">", public_lang_code(rq));
    msg(&b, rq, "careers_back");
    buf_puts(&b, "</a></p><article><h1>");
    html_text(&b, n->title);
    buf_puts(&b, "</h1><dl class=\"facts\">");
    if (n->location) {
        html_tag_msg(&b, rq, "dt", "careers_location");
        buf_puts(&b, "<dd>");
        html_text(&b, n->location);
        buf_puts(&b, "</dd>");
    }
    html_tag_msg(&b, rq, "dt", "careers_remote");
    buf_puts(&b, "<dd>");
    msg(&b, rq, remote_key(n->remote));
    buf_puts(&b, "</dd>");
    if (n->start_date) {
        html_tag_msg(&b, rq, "dt", "careers_start");
        buf_puts(&b, "<dd>");
        public_long_date(&b, rq, n->start_date);
        buf_puts(&b, "</dd>");
    }
    if (n->duration_days > 0) {
        html_tag_msg(&b, rq, "dt", "careers_duration");
        buf_puts(&b, "<dd>");
        buf_printf(&b, i18n(rq->lang, "careers_days"), n->duration_days);
        buf_puts(&b, "</dd>");
    }
    Buf pay = BUF_INIT;
    pay_text(&pay, rq, n);
    if (pay.len) {
        html_tag_msg(&b, rq, "dt", n->salary_min > 0 || n->salary_max > 0 ? "careers_salary" : "careers_rate");
        buf_puts(&b, "<dd>");
        html_text(&b, buf_str(&pay));
        buf_puts(&b, "</dd>");
    }
    buf_free(&pay);
    buf_puts(&b, "</dl>");
    if (n->description && *n->description) {
        html_tag_msg(&b, rq, "h2", "careers_mission");
        paragraphs(&b, n->description);
    }
    if (n->nskills) {
        html_tag_msg(&b, rq, "h2", "careers_skills");
        buf_puts(&b, "<table class=\"skills\"><thead><tr>");
        html_tag_msg(&b, rq, "th", "careers_skill_col");
        html_tag_msg(&b, rq, "th", "careers_level_col");
        buf_puts(&b, "</tr></thead><tbody>");
        for (int i = 0; i < n->nskills; i++) {
            const Requirement *r = &n->skills[i];
            buf_puts(&b, "<tr><td>");
            skill_name(&b, rq, r->skill);
            if (r->mandatory) {
                buf_puts(&b, " <span class=\"required\">");
                msg(&b, rq, "careers_mandatory");
                buf_puts(&b, "</span>");
            }
            buf_printf(&b, "</td><td><span class=\"level\" aria-hidden=\"true\">%.*s%.*s</span> ", r->min_level * 3,
                       "●●●●●", (5 - r->min_level) * 3, "○○○○○");
            msg(&b, rq, arena_printf(&rq->arena, "careers_level_%d", r->min_level));
            buf_puts(&b, "</td></tr>");
        }
        buf_puts(&b, "</tbody></table>");
    }
    buf_puts(&b, "</article><section class=\"apply\" aria-labelledby=\"apply-title\"><h2 id=\"apply-title\">");
    msg(&b, rq, "careers_apply_title");
    buf_puts(&b, "</h2>");
    if (nerr) {
        buf_puts(&b, "<div class=\"error\" role=\"alert\" id=\"apply-errors\"><p>");
        msg(&b, rq, "careers_fix_errors");
        buf_puts(&b, "</p><ul>");
        for (int i = 0; i < nerr; i++) {
            buf_printf(&b, "<li><a href=\"#f-%s\">", errs[i].field);
            msg(&b, rq, errs[i].key);
            buf_puts(&b, "</a></li>");
        }
        buf_puts(&b, "</ul></div>");
    }
    buf_puts(&b, "<form method=\"post\" enctype=\"multipart/form-data\" action=\"");
    html_text(&b, path);
    buf_printf(&b, "/apply?lang=%s\">", public_lang_code(rq));
    form_input(&b, rq, "name", "text", "careers_name", ap->name, MAX_NAME, true, errs, nerr);
    form_input(&b, rq, "email", "email", "careers_email", ap->email, 254, true, errs, nerr);
    form_input(&b, rq, "phone", "tel", "careers_phone", ap->phone, MAX_PHONE, false, errs, nerr);
    form_input(&b, rq, "message", "textarea", "careers_message", ap->message, MAX_MESSAGE, false, errs, nerr);
    buf_puts(&b, "<div class=\"field\"><label for=\"f-cv\">");
    msg(&b, rq, "careers_cv");
    buf_puts(&b, "</label><span class=\"hint\" id=\"cv-hint\">");
    msg(&b, rq, "careers_cv_hint");
    buf_puts(&b, "</span>");
    field_error(&b, rq, errs, nerr, "cv");
    if (nerr && !has_error(errs, nerr, "cv")) { /* browsers never send a file back */
        buf_puts(&b, "<span class=\"hint\" id=\"cv-again\">");
        msg(&b, rq, "careers_cv_again");
        buf_puts(&b, "</span>");
    }
    buf_printf(&b, "<input id=\"f-cv\" name=\"cv\" type=\"file\" required aria-describedby=\"cv-hint\"%s "
                   "accept=\".pdf,.docx,.odt,.txt,application/pdf,"
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                   "application/vnd.oasis.opendocument.text,text/plain\"></div>",
               has_error(errs, nerr, "cv") ? " aria-invalid=\"true\"" : "");
    /* privacy: the retention the firm set (store/settings.h) */
    Settings set;
    if (store_settings_get(rq->db, &rq->arena, &set) != STORE_OK)
        set.retention = (RetentionPolicy){RETENTION_REJECTED_MONTHS, RETENTION_POOL_MONTHS, RETENTION_WARNING_DAYS};
    buf_puts(&b, "<div class=\"field consent\">");
    field_error(&b, rq, errs, nerr, "consent");
    buf_printf(&b, "<label><input id=\"f-consent\" type=\"checkbox\" name=\"consent\" value=\"yes\" required%s> ",
               ap->consent ? " checked" : "");
    html_text(&b, arena_printf(&rq->arena, i18n(rq->lang, "careers_consent"), set.retention.rejected_months));
    buf_puts(&b, "</label></div>");
    /* the talent pool is a consent of its own: optional, unticked */
    buf_printf(&b, "<div class=\"field consent\"><label><input id=\"f-talent-pool\" type=\"checkbox\" "
                   "name=\"talent_pool\" value=\"yes\"%s> ",
               ap->talent_pool ? " checked" : "");
    html_text(&b, arena_printf(&rq->arena, i18n(rq->lang, "careers_talent_pool"), set.retention.talent_pool_months));
    buf_puts(&b, "</label></div><button type=\"submit\">");
    msg(&b, rq, "careers_send");
    buf_puts(&b, "</button></form></section>");

    /* the offer's public address: ALLIANCE_PUBLIC_URL ("https://jobs.example.fr")
     * when set, else the Host the visitor used */
    const char *base = getenv("ALLIANCE_PUBLIC_URL"), *host = req_header(rq, "Host");
    const char *url = base && *base ? arena_printf(&rq->arena, "%s%s", base, path)
                                    : arena_printf(&rq->arena, "http://%s%s", host ? host : "localhost", path);
    const char *head = arena_printf(&rq->arena, "<script type=\"application/ld+json\">%s</script>",
                                    job_posting(rq, n, url));
    PublicPage pg = {.title = n->title, .main_class = "careers", .indexable = true, .head_extra = head};
    public_page(rq, rs, status, &pg, buf_str(&b));
    buf_free(&b);
}

void careers_offer_page(Request *rq, Response *rs) {
    public_choose_language(rq);
    Need n;
    if (!open_offer(rq, rs, &n)) return;
    const char *path = careers_path(&rq->arena, &n);
    if (strcmp(path + strlen("/careers/"), rq->token) != 0) { /* an old title: to the current address */
        reply_header(rq, rs, "Location", arena_printf(&rq->arena, "%s?lang=%s", path, public_lang_code(rq)));
        rs->status = 301;
        return;
    }
    Applicant none = {"", "", "", "", false, false};
    offer_page(rq, rs, 200, &n, &none, NULL, 0);
}

/* ---- POST /careers/{slug}/apply ---- */

/* The body could not be read at all (too large, not multipart): the form
 * of the offer (arg) again, empty, with the reason. */
static void apply_fail(Request *rq, Response *rs, int status, const char *key, const void *arg) {
    Applicant none = {"", "", "", "", false, false};
    FieldError e = {strcmp(key, "cv_too_large") == 0 ? "cv" : "form", key};
    offer_page(rq, rs, status, arg, &none, &e, 1);
}

/* Splits "Awa Diallo Ndiaye" into first "Awa Diallo" and last "Ndiaye". */
static void split_name(Arena *a, const char *name, const char **first, const char **last) {
    const char *sp = strrchr(name, ' ');
    if (!sp) {
        *first = name;
        *last = "";
        return;
    }
    *first = arena_strndup(a, name, (size_t)(sp - name));
    *last = sp + 1;
}

/* Trimmed arena copy of a text field; NULL when blank. */
static const char *clean_field(Request *rq, const char *v) {
    if (!v) return NULL;
    char *t = text_trim(v);
    const char *out = t && *t ? arena_strdup(&rq->arena, t) : NULL;
    free(t);
    return out;
}

void careers_apply(Request *rq, Response *rs) {
    public_choose_language(rq);
    Need n;
    if (!open_offer(rq, rs, &n)) return;
    MultipartPart parts[MULTIPART_MAX_PARTS];
    int np = upload_parts(rq, rs, parts, apply_fail, &n);
    if (np < 0) return;
    FieldError errs[8];
    int nerr = 0;
    bool bad[5] = {false};
    Applicant ap = {clean_field(rq, multipart_text(&rq->arena, parts, np, "name", &bad[0])),
                    clean_field(rq, multipart_text(&rq->arena, parts, np, "email", &bad[1])),
                    clean_field(rq, multipart_text(&rq->arena, parts, np, "phone", &bad[2])),
                    clean_field(rq, multipart_text(&rq->arena, parts, np, "message", &bad[3])),
                    multipart_find(parts, np, "consent") != NULL, multipart_find(parts, np, "talent_pool") != NULL};
    if (bad[0] || !ap.name || text_utf8_length(ap.name) > MAX_NAME) errs[nerr++] = (FieldError){"name", "careers_name_required"};
    if (bad[1] || !ap.email || strlen(ap.email) > 254 || !validate_email(ap.email))
        errs[nerr++] = (FieldError){"email", "careers_email_invalid"};
    if (bad[2] || (ap.phone && text_utf8_length(ap.phone) > MAX_PHONE)) errs[nerr++] = (FieldError){"phone", "careers_phone_invalid"};
    if (bad[3] || (ap.message && text_utf8_length(ap.message) > MAX_MESSAGE))
        errs[nerr++] = (FieldError){"message", "careers_message_too_long"};
    const MultipartPart *file = multipart_find(parts, np, "cv");
    if (!file || !file->filename || !file->len) errs[nerr++] = (FieldError){"cv", "careers_cv_required"};
    if (!ap.consent) errs[nerr++] = (FieldError){"consent", "careers_consent_required"};
    Applicant echo = {ap.name ? ap.name : "", ap.email ? ap.email : "", ap.phone ? ap.phone : "",
                      ap.message ? ap.message : "", ap.consent, ap.talent_pool};
    if (nerr) return offer_page(rq, rs, 422, &n, &echo, errs, nerr);
    CvUpload up;
    CvStatus cs = cv_prepare(rq, file, &up);
    if (cs != CV_OK) {
        cv_upload_free(&up);
        FieldError e = {"cv", cv_status_key(cs)};
        return offer_page(rq, rs, cs == CV_TOO_LARGE && file->len > MAX_UPLOAD_FILE ? 413 : 422, &n, &echo, &e, 1);
    }
    if (!cv_begin_write(rq)) {
        cv_upload_free(&up);
        return reply_db_error(rq, rs);
    }
    char *email = arena_strdup(&rq->arena, ap.email);
    text_ascii_lower(email);
    Person p = {.kind = "candidate", .email = email, .phone = ap.phone, .daily_rate = -1};
    split_name(&rq->arena, ap.name, &p.first_name, &p.last_name);
    bool created;
    StoreResult r = store_applicant_find_or_create(rq->db, &rq->arena, &p, &created);
    Candidacy c = {.person_id = p.id, .need_id = n.id, .stage = "sourced", .source = "careers"};
    if (r == STORE_OK) r = store_candidacy_insert(rq->db, &rq->arena, &c);
    if (r == STORE_CONFLICT) {
        cv_upload_free(&up);
        FieldError e = {"email", "careers_already_applied"};
        return offer_page(rq, rs, 409, &n, &echo, &e, 1);
    }
    char now[21];
    time_now_iso(now);
    if (r == STORE_OK) r = store_candidacy_set_application(rq->db, c.id, ap.message, now);
    char token[SECRET_TOKEN_LEN];
    if (r == STORE_OK) r = store_application_link_create(rq->db, c.id, token);
    Document doc;
    int proposed = 0;
    if (r == STORE_OK) r = cv_save(rq, p.id, &up, &doc, &proposed);
    /* privacy: this application's basis, and the talent pool if they said yes */
    if (r == STORE_OK) r = privacy_intake(rq->db, &rq->arena, &p, "careers_form", c.id, -1, ap.talent_pool);
    cv_upload_free(&up);
    if (r != STORE_OK) return reply_db_error(rq, rs);
    /* an application received: a candidacy created, from the careers page */
    EventRefs refs = {n.client_id, n.id, p.id};
    event_record(rq, "candidacy.created", "candidacy", c.id, refs, NULL,
                 json_pack("{s:s, s:n, s:s, s:I, s:b}", "stage", c.stage, "reason", "source", "careers", "document_id",
                           doc.id, "new_person", created));
    person_record_change(rq, &p, created ? "person.created" : "person.updated");
    int ndup = 0; /* a new applicant may be someone already known by phone or name and city */
    if (created && duplicates_check(rq->db, &rq->arena, &p, NULL, &ndup) != STORE_OK) return reply_db_error(rq, rs);
    if (!candidate_notify(rq, rs, c.id, "application_received", NULL)) return;
    rs->audit_type = "candidacy";
    rs->audit_id = c.id;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/applications/%s?lang=%s&done=applied", token, public_lang_code(rq)));
    rs->status = 303;
}

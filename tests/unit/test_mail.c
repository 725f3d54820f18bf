/* Mail building blocks: MIME (lib/mime.c), iCalendar (lib/ics.c),
 * templates (domain/mail_templates.c), the response clock (domain/sla.c)
 * and ISO 8601 times with a zone (lib/timeutil.c). */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "domain/mail_templates.h"
#include "domain/sla.h"
#include "lib/ics.h"
#include "lib/mime.h"
#include "lib/timeutil.h"

static time_t at(const char *iso) {
    time_t t;
    if (!time_parse_iso(iso, &t)) fail_msg("bad time %s", iso);
    return t;
}

static void test_plain_ascii_subject_stays_readable(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    mime_header_words(&b, "Interview for: Java developer");
    assert_string_equal(buf_str(&b), "Interview for: Java developer");
    buf_free(&b);
}

static void test_accented_subject_becomes_utf8_encoded_words_under_76_columns(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    mime_header_words(&b, "Entretien déplacé : Développeuse Rust à Orléans, équipe plateforme données");
    const char *s = buf_str(&b);
    assert_true(strncmp(s, "=?UTF-8?B?", 10) == 0);
    for (const char *line = s; line;) {
        const char *end = strstr(line, "\r\n");
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 76) fail_msg("line of %zu characters: %.*s", len, (int)len, line);
        line = end ? end + 2 : NULL;
    }
    assert_non_null(strstr(s, "?=\r\n =?UTF-8?B?")); /* folded into several words */
    buf_free(&b);
}

static void test_header_values_cannot_add_headers(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    mime_header_words(&b, "Bonjour\r\nBcc: victim@example.org");
    assert_null(strchr(buf_str(&b), '\n'));
    assert_null(strchr(buf_str(&b), '\r'));
    buf_free(&b);
}

static void test_quoted_printable_encodes_accents_equals_dots_and_trailing_spaces(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    mime_quoted_printable(&b, "é = 1 \n.hidden\nfin");
    assert_string_equal(buf_str(&b), "=C3=A9 =3D 1=20\r\n=2Ehidden\r\nfin");
    buf_free(&b);
}

static void test_quoted_printable_lines_are_at_most_76_characters(void **state) {
    (void)state;
    char text[400];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    for (int i = 0; i < 399; i += 7) text[i] = (char)0xC3, text[i + 1] = (char)0xA9, i++; /* é here and there */
    Buf b = BUF_INIT;
    mime_quoted_printable(&b, text);
    for (const char *line = buf_str(&b); line;) {
        const char *end = strstr(line, "\r\n");
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 76) fail_msg("line of %zu", len);
        line = end ? end + 2 : NULL;
    }
    buf_free(&b);
}

static void test_message_has_date_message_id_mime_and_an_ics_part(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    MimeMail m = {.from = "Équipe RH <rh@example.org>", .to = "a@example.org", .to_name = "Zoë Dupont",
                  .subject = "Entretien", .text = "Bonjour\n", .ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                  .ics_method = "CANCEL", .message_id = "abc@example.org", .date = at("2026-12-01T19:48:33Z")};
    assert_int_equal(mime_build(&b, &m), 0);
    const char *s = buf_str(&b);
    assert_non_null(strstr(s, "\r\nDate: Tue, 01 Dec 2026 19:48:33 +0000\r\n"));
    assert_non_null(strstr(s, "\r\nMessage-ID: <abc@example.org>\r\n"));
    assert_non_null(strstr(s, "From: =?UTF-8?B?"));
    assert_non_null(strstr(s, " <rh@example.org>\r\n"));
    assert_non_null(strstr(s, "\r\nTo: =?UTF-8?B?"));
    assert_non_null(strstr(s, "Content-Type: multipart/mixed; boundary="));
    assert_non_null(strstr(s, "Content-Type: text/calendar; charset=UTF-8; method=CANCEL"));
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p > 0x7f) fail_msg("8-bit byte at %ld", (long)(p - s));
    buf_free(&b);
}

static void test_address_is_taken_from_a_display_form(void **state) {
    (void)state;
    char a[64];
    assert_true(mime_address("Recrutement <rh@example.org>", a, sizeof a));
    assert_string_equal(a, "rh@example.org");
    assert_true(mime_address("rh@example.org", a, sizeof a));
    assert_string_equal(a, "rh@example.org");
    assert_false(mime_address("Name <>", a, sizeof a));
}

static void test_ics_keeps_uid_and_sequence_and_cancels(void **state) {
    (void)state;
    const char *who[] = {"a@example.org", "b@example.org"};
    IcsEvent e = {.uid = "interview-1@example.org", .sequence = 2, .method = "CANCEL",
                  .start = at("2027-01-12T09:00:00Z"), .end = at("2027-01-12T10:00:00Z"), .stamp = at("2026-12-01T00:00:00Z"),
                  .summary = "Entretien : Développeuse", .location = "Salle Ébène, 3e étage", .organizer = "rh@example.org",
                  .attendees = who, .nattendees = 2};
    char *s = ics_build(&e);
    assert_non_null(s);
    assert_non_null(strstr(s, "METHOD:CANCEL\r\n"));
    assert_non_null(strstr(s, "UID:interview-1@example.org\r\n"));
    assert_non_null(strstr(s, "SEQUENCE:2\r\n"));
    assert_non_null(strstr(s, "STATUS:CANCELLED\r\n"));
    assert_non_null(strstr(s, "DTSTART:20270112T090000Z\r\n"));
    assert_non_null(strstr(s, "LOCATION:Salle Ébène\\, 3e étage\r\n"));
    free(s);
}

static void test_every_stage_has_a_template_with_a_status_link(void **state) {
    (void)state;
    const char *stages[] = {"sourced", "contacted", "interview", "client_interview", "offer", "hired", "rejected", "withdrawn"};
    for (size_t i = 0; i < N_ELEMS(stages); i++) {
        const MailTemplate *t = mail_template_default(mail_kind_for_stage(stages[i]));
        if (!t) fail_msg("no template for %s", stages[i]);
        if (!strstr(t->body_fr, "{{status_link}}") || !strstr(t->body_en, "{{status_link}}"))
            fail_msg("%s: no status link", stages[i]);
    }
    assert_null(mail_kind_for_stage("nope"));
    assert_null(mail_template_default("nope"));
}

static void test_defaults_use_only_known_placeholders(void **state) {
    (void)state;
    char bad[64];
    for (int i = 0; MAIL_TEMPLATE_DEFAULTS[i].kind; i++) {
        const MailTemplate *t = &MAIL_TEMPLATE_DEFAULTS[i];
        const char *texts[] = {t->subject_fr, t->body_fr, t->subject_en, t->body_en};
        for (int k = 0; k < 4; k++)
            if (mail_template_check(texts[k], bad, sizeof bad) != TPL_OK) fail_msg("%s: %s", t->kind, bad);
    }
}

static void test_unknown_and_unclosed_placeholders_are_refused(void **state) {
    (void)state;
    char bad[64];
    assert_int_equal(mail_template_check("Hi {{ first_name }}, {{salary}}", bad, sizeof bad), TPL_UNKNOWN_PLACEHOLDER);
    assert_string_equal(bad, "salary");
    assert_int_equal(mail_template_check("Hi {{first_name", bad, sizeof bad), TPL_UNCLOSED);
    assert_int_equal(mail_template_check("{{}}", bad, sizeof bad), TPL_UNKNOWN_PLACEHOLDER);
    assert_int_equal(mail_template_check("plain { text } }}", bad, sizeof bad), TPL_OK);
}

static void test_render_replaces_values_once_and_never_reinterprets_them(void **state) {
    (void)state;
    TemplateVar v[] = {{"first_name", "{{need_title}}"}, {"need_title", "Java"}, {"candidate_message", NULL}};
    char *s = mail_template_render("Bonjour {{first_name}} ({{ need_title }})\n\n{{candidate_message}}\n\nFin", v, 3);
    assert_string_equal(s, "Bonjour {{need_title}} (Java)\n\nFin");
    free(s);
}

static void test_the_response_clock_skips_weekends(void **state) {
    (void)state;
    char iso[21];
    /* Monday 10:00, one working day back: the Friday before */
    time_iso(sla_cutoff(at("2026-11-30T10:00:00Z"), 1), iso);
    assert_string_equal(iso, "2026-11-27T10:00:00Z");
    /* Wednesday, five working days back: the Wednesday before */
    time_iso(sla_cutoff(at("2026-12-02T09:00:00Z"), 5), iso);
    assert_string_equal(iso, "2026-11-25T09:00:00Z");
    /* Sunday noon, one day: Thursday noon (Saturday and Sunday do not count) */
    time_iso(sla_cutoff(at("2026-11-29T12:00:00Z"), 1), iso);
    assert_string_equal(iso, "2026-11-27T12:00:00Z");
    assert_int_equal(sla_working_days_between(at("2026-11-27T10:00:00Z"), at("2026-11-30T10:00:00Z")), 1);
    assert_int_equal(sla_working_days_between(at("2026-11-20T10:00:00Z"), at("2026-12-01T10:00:00Z")), 7);
}

static void test_percentiles_are_nearest_rank(void **state) {
    (void)state;
    double v[] = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
    double med, p90;
    sla_percentiles(v, 10, &med, &p90);
    assert_true(med == 5.5 && p90 == 9);
    double one[] = {3};
    sla_percentiles(one, 1, &med, &p90);
    assert_true(med == 3 && p90 == 3);
    sla_percentiles(NULL, 0, &med, &p90);
    assert_true(med == -1 && p90 == -1);
}

static void test_iso_times_need_a_zone_and_real_values(void **state) {
    (void)state;
    time_t t;
    assert_true(time_parse_iso("2026-12-03T15:00+01:00", &t));
    assert_int_equal((long long)t, (long long)at("2026-12-03T14:00:00Z"));
    assert_true(time_parse_iso("2026-12-03T14:00:00-02:30", &t));
    assert_int_equal((long long)t, (long long)at("2026-12-03T16:30:00Z"));
    const char *bad[] = {"2026-12-03T14:00:00", "2026-12-03 14:00Z", "2026-02-30T10:00Z", "2026-12-03T24:00Z",
                         "2026-12-03T14:60Z", "2026-12-03T14:00:00+1:00", "2026-12-03T14:00:00+15:00", "",
                         "2026-12-03T14:00:00Zjunk", "2026-12-03T14:00:61Z"};
    for (size_t i = 0; i < N_ELEMS(bad); i++)
        if (time_parse_iso(bad[i], &t)) fail_msg("%s should be refused", bad[i]);
    assert_false(time_parse_iso(NULL, &t));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_ascii_subject_stays_readable),
        cmocka_unit_test(test_accented_subject_becomes_utf8_encoded_words_under_76_columns),
        cmocka_unit_test(test_header_values_cannot_add_headers),
        cmocka_unit_test(test_quoted_printable_encodes_accents_equals_dots_and_trailing_spaces),
        cmocka_unit_test(test_quoted_printable_lines_are_at_most_76_characters),
        cmocka_unit_test(test_message_has_date_message_id_mime_and_an_ics_part),
        cmocka_unit_test(test_address_is_taken_from_a_display_form),
        cmocka_unit_test(test_ics_keeps_uid_and_sequence_and_cancels),
        cmocka_unit_test(test_every_stage_has_a_template_with_a_status_link),
        cmocka_unit_test(test_defaults_use_only_known_placeholders),
        cmocka_unit_test(test_unknown_and_unclosed_placeholders_are_refused),
        cmocka_unit_test(test_render_replaces_values_once_and_never_reinterprets_them),
        cmocka_unit_test(test_the_response_clock_skips_weekends),
        cmocka_unit_test(test_percentiles_are_nearest_rank),
        cmocka_unit_test(test_iso_times_need_a_zone_and_real_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

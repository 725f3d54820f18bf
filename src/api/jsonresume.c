/* jsonresume: POST /api/v1/import/jsonresume and GET /api/v1/people/{id}/resume.json
 * (jsonresume.org, schema v1.0.0).
 *
 * Import: basics.name (split into first and last name, domain/resume.h),
 * basics.email, basics.phone, basics.location.city; skills[].name and
 * skills[].keywords[] are looked up in the skills reference (labels and
 * aliases); skills[].level words become 1..5 (3 when absent); work[] gives
 * each skill its years: the months of the positions whose text names it.
 * Words the reference does not know are kept as tags on the person and
 * listed in the answer (the name of an entry that has keywords is a group
 * name, not a tag). Sections Alliance does not keep (education,
 * projects...) are accepted and ignored. A document of the wrong shape is
 * a 422 naming every field in error, and nothing is written. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "../domain/resume.h"
#include "../domain/skills.h"
#include "../lib/text.h"
#include "../store/duplicates.h"
#include "../store/people.h"
#include "../privacy/intake.h"
#include "api.h"
#include "duplicates.h"
#include "skill_input.h"

enum { MAX_SECTION = 200, MAX_WORDS = 100, MAX_TEXT = 10000, MAX_TAGS = 200 };

static const char SCHEMA_URL[] = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/* Checks the shape of one value: an object, an array (of at most max
 * items) or a string (of at most max characters); adds an error otherwise. */
static bool want(Request *rq, json_t *errs, json_t *v, const char *field, char type, size_t max) {
    if (!v || json_is_null(v)) return false;
    const char *key = NULL;
    if (type == 'o' && !json_is_object(v)) key = "must_be_object";
    else if (type == 'a' && !json_is_array(v)) key = "must_be_array";
    else if (type == 's' && !json_is_string(v)) key = "must_be_string";
    if (key) {
        errors_add(rq, errs, field, key);
        return false;
    }
    if (type == 'a' && json_array_size(v) > max) {
        errors_add(rq, errs, field, "must_be_between", 0LL, (long long)max);
        return false;
    }
    if (type == 's' && text_utf8_length(json_string_value(v)) > max) {
        errors_add(rq, errs, field, "too_long", (int)max);
        return false;
    }
    return true;
}

/* An array of strings at field; false when it is not one (errors added). */
static bool want_strings(Request *rq, json_t *errs, json_t *v, const char *field) {
    if (!want(rq, errs, v, field, 'a', MAX_WORDS)) return false;
    size_t i;
    json_t *w;
    bool ok = true;
    json_array_foreach(v, i, w) ok &= want(rq, errs, w, arena_printf(&rq->arena, "%s[%zu]", field, i), 's', 200);
    return ok;
}

/* The shape the import relies on; every other member is free. */
static void check_shape(Request *rq, json_t *doc, json_t *errs) {
    json_t *basics = json_object_get(doc, "basics");
    if (!basics || json_is_null(basics)) errors_add(rq, errs, "basics", "required");
    else if (want(rq, errs, basics, "basics", 'o', 0)) {
        json_t *name = json_object_get(basics, "name");
        if (!name || json_is_null(name)) errors_add(rq, errs, "basics.name", "required");
        else want(rq, errs, name, "basics.name", 's', 200);
        want(rq, errs, json_object_get(basics, "email"), "basics.email", 's', 254);
        want(rq, errs, json_object_get(basics, "phone"), "basics.phone", 's', 40);
        json_t *loc = json_object_get(basics, "location");
        if (want(rq, errs, loc, "basics.location", 'o', 0))
            want(rq, errs, json_object_get(loc, "city"), "basics.location.city", 's', 100);
    }
    json_t *skills = json_object_get(doc, "skills"), *work = json_object_get(doc, "work"), *item;
    size_t i;
    if (want(rq, errs, skills, "skills", 'a', MAX_SECTION)) json_array_foreach(skills, i, item) {
            const char *at = arena_printf(&rq->arena, "skills[%zu]", i);
            if (!want(rq, errs, item, at, 'o', 0)) {
                if (!item || json_is_null(item)) errors_add(rq, errs, at, "must_be_object");
                continue;
            }
            want(rq, errs, json_object_get(item, "name"), arena_printf(&rq->arena, "%s.name", at), 's', 100);
            want(rq, errs, json_object_get(item, "level"), arena_printf(&rq->arena, "%s.level", at), 's', 40);
            json_t *kw = json_object_get(item, "keywords");
            if (kw && !json_is_null(kw)) want_strings(rq, errs, kw, arena_printf(&rq->arena, "%s.keywords", at));
        }
    if (want(rq, errs, work, "work", 'a', MAX_SECTION)) json_array_foreach(work, i, item) {
            const char *at = arena_printf(&rq->arena, "work[%zu]", i);
            if (!want(rq, errs, item, at, 'o', 0)) {
                if (!item || json_is_null(item)) errors_add(rq, errs, at, "must_be_object");
                continue;
            }
            static const char *const texts[] = {"name", "position", "summary"};
            for (int t = 0; t < 3; t++)
                want(rq, errs, json_object_get(item, texts[t]), arena_printf(&rq->arena, "%s.%s", at, texts[t]), 's',
                     MAX_TEXT);
            static const char *const dates[] = {"startDate", "endDate"};
            for (int t = 0; t < 2; t++) {
                const char *f = arena_printf(&rq->arena, "%s.%s", at, dates[t]);
                json_t *d = json_object_get(item, dates[t]);
                if (want(rq, errs, d, f, 's', 10) && *json_string_value(d) && !resume_valid_date(json_string_value(d)))
                    errors_add(rq, errs, f, "resume_bad_date");
            }
            json_t *hl = json_object_get(item, "highlights");
            if (hl && !json_is_null(hl)) want_strings(rq, errs, hl, arena_printf(&rq->arena, "%s.highlights", at));
        }
}

typedef struct {
    const Skill *skill;
    int level;
    const char *from;   /* the text that named it */
} Mapped;

typedef struct {
    Request *rq;
    Mapped *mapped;
    int nmapped;
    const char **tags;
    int ntags;
} Reading;

static void add_word(Reading *r, const char *text, int level) {
    char *t = text_trim(text);
    if (!t || !*t) {
        free(t);
        return;
    }
    const Skill *s = skills_resolve(t);
    if (s) {
        for (int i = 0; i < r->nmapped; i++)
            if (r->mapped[i].skill == s) {
                if (level > r->mapped[i].level) r->mapped[i].level = level;
                free(t);
                return;
            }
        r->mapped[r->nmapped++] = (Mapped){s, level, arena_strdup(&r->rq->arena, t)};
    } else {
        bool known = false;
        for (int i = 0; i < r->ntags && !known; i++) known = strcasecmp(r->tags[i], t) == 0;
        if (!known && r->ntags < MAX_TAGS) r->tags[r->ntags++] = arena_strdup(&r->rq->arena, t);
    }
    free(t);
}

/* Folded text of one position: what its skills are looked for in. */
static char *work_text(json_t *w) {
    Buf b = BUF_INIT;
    const char *keys[] = {"position", "summary"};
    for (int k = 0; k < 2; k++)
        if (jstr(w, keys[k])) buf_printf(&b, " %s", jstr(w, keys[k]));
    size_t i;
    json_t *h;
    json_array_foreach(json_object_get(w, "highlights"), i, h) buf_printf(&b, " %s", json_string_value(h));
    char *f = text_fold(buf_str(&b));
    buf_free(&b);
    return f;
}

/* Years of a skill: the months of the positions naming it (id, either label or the word used). */
static int skill_years(json_t *work, const Mapped *m, char **texts) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    const char *terms[] = {m->skill->id, m->skill->label_en, m->skill->label_fr, m->from};
    int months = 0;
    size_t i;
    json_t *w;
    json_array_foreach(work, i, w) {
        bool named = false;
        for (int t = 0; t < 4 && !named && texts[i]; t++) {
            char *f = text_fold(terms[t]);
            named = f && resume_has_word(texts[i], f);
            free(f);
        }
        int n = named ? resume_months(jstr(w, "startDate"), jstr(w, "endDate"), tm.tm_year + 1900, tm.tm_mon + 1) : -1;
        if (n > 0) months += n;
    }
    int years = (months + 6) / 12;
    return months ? (years > 60 ? 60 : years) : -1;
}

/* Errors of the person's checks name the resume's members ("basics.email"). */
static void name_fields_as_resume(json_t *errs) {
    static const char *const names[][2] = {{"email", "basics.email"},     {"phone", "basics.phone"},
                                           {"location", "basics.location.city"}, {"first_name", "basics.name"},
                                           {"last_name", "basics.name"}};
    size_t i;
    json_t *e;
    json_array_foreach(errs, i, e) {
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (jstr(e, "field") && strcmp(jstr(e, "field"), names[k][0]) == 0) {
                json_object_set_new(e, "field", json_string(names[k][1]));
                break;
            }
    }
}

void import_jsonresume(Request *rq, Response *rs) {
    const char *kind = req_query(rq, "kind");
    if (!kind) kind = "candidate";
    if (strcmp(kind, "candidate") != 0 && strcmp(kind, "consultant") != 0)
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "kind: candidate | consultant");
    json_t *doc = rq->json, *errs = json_array();
    check_shape(rq, doc, errs);
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_t *basics = json_object_get(doc, "basics"), *skills = json_object_get(doc, "skills"),
           *work = json_object_get(doc, "work");
    char *buf;
    const char *first, *last;
    if (!resume_split_name(jstr(basics, "name"), &buf, &first, &last)) {
        free(buf);
        errors_add(rq, errs, "basics.name", "resume_full_name");
        return reply_invalid(rq, rs, errs);
    }
    /* the person as POST /api/v1/people would take it, through the same validation */
    json_t *in = json_pack("{s:s, s:s, s:s}", "kind", kind, "first_name", first, "last_name", last);
    free(buf);
    if (jstr(basics, "email")) json_object_set_new(in, "email", json_string(jstr(basics, "email")));
    if (jstr(basics, "phone")) json_object_set_new(in, "phone", json_string(jstr(basics, "phone")));
    const char *city = jstr(json_object_get(basics, "location"), "city");
    if (city) json_object_set_new(in, "location", json_string(city));

    size_t words = 1;
    size_t i;
    json_t *s;
    json_array_foreach(skills, i, s) words += 1 + json_array_size(json_object_get(s, "keywords"));
    Reading r = {rq, arena_alloc(&rq->arena, words * sizeof(Mapped)), 0, arena_alloc(&rq->arena, MAX_TAGS * sizeof(char *)), 0};
    json_t *defaulted = json_array();
    json_array_foreach(skills, i, s) {
        int level = resume_level(jstr(s, "level"));
        if (!level) {
            json_array_append_new(defaulted, json_pack("{s:s, s:s?}", "skill", jstr(s, "name") ? jstr(s, "name") : "",
                                                       "level", jstr(s, "level")));
            level = 3;
        }
        /* an entry with keywords may be a group ("Web Development", or the
         * "Other" of an export): its name is a skill when known, never a tag */
        json_t *kws = json_object_get(s, "keywords");
        if (jstr(s, "name") && (json_array_size(kws) == 0 || skills_resolve(jstr(s, "name"))))
            add_word(&r, jstr(s, "name"), level);
        size_t k;
        json_t *kw;
        json_array_foreach(json_object_get(s, "keywords"), k, kw) add_word(&r, json_string_value(kw), level);
    }
    char **texts = arena_alloc(&rq->arena, (json_array_size(work) + 1) * sizeof *texts);
    json_array_foreach(work, i, s) texts[i] = work_text(s);
    json_t *skills_in = json_array(), *mapped = json_array();
    for (int m = 0; m < r.nmapped && m < 100; m++) {
        int years = skill_years(work, &r.mapped[m], texts);
        json_t *item = json_pack("{s:s, s:i}", "skill", r.mapped[m].skill->id, "level", r.mapped[m].level);
        if (years >= 0) json_object_set_new(item, "years", json_integer(years));
        json_array_append_new(skills_in, item);
        json_array_append_new(mapped, json_pack("{s:s, s:s, s:i, s:o}", "from", r.mapped[m].from, "skill",
                                                r.mapped[m].skill->id, "level", r.mapped[m].level, "years",
                                                json_int_or_null(years)));
    }
    json_array_foreach(work, i, s) free(texts[i]);
    json_object_set_new(in, "skills", skills_in);

    Person p = {.daily_rate = -1};
    bool valid = person_read(rq, in, false, &p, errs);
    json_decref(in);
    if (!valid) {
        name_fields_as_resume(errs);
        json_decref(mapped);
        json_decref(defaulted);
        return reply_invalid(rq, rs, errs);
    }
    json_decref(errs);
    StoreResult res = store_person_insert(rq->db, &rq->arena, &p);
    if (res == STORE_OK) res = privacy_intake(rq->db, &rq->arena, &p, "import", -1, rq->user.id, false);
    for (int t = 0; res == STORE_OK && t < r.ntags; t++) res = store_person_tag_add(rq->db, p.id, r.tags[t]);
    DuplicateHit *hits;
    int nhits;
    if (res == STORE_OK) res = duplicates_check(rq->db, &rq->arena, &p, &hits, &nhits);
    if (res == STORE_OK) record_imported(rq, &p, "jsonresume");
    json_t *person = res == STORE_OK ? person_detail_json(rq, &p) : NULL;
    if (!person) {
        json_decref(mapped);
        json_decref(defaulted);
        return res == STORE_OK ? reply_db_error(rq, rs) : reply_store_error(rq, rs, res);
    }
    json_t *unknown = json_array();
    for (int t = 0; t < r.ntags; t++) json_array_append_new(unknown, json_string(r.tags[t]));
    rs->audit_type = "person";
    rs->audit_id = p.id;
    reply_versioned(rq, rs, p.version,
                    json_pack("{s:o, s:o, s:o, s:o}", "person", person, "skills_mapped", mapped, "unknown_keywords",
                              unknown, "levels_defaulted", defaulted));
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/people/%lld", p.id));
}

void people_resume_json(Request *rq, Response *rs) {
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    const char **tags;
    int ntags;
    if (store_person_tags(rq->db, &rq->arena, p.id, &tags, &ntags) != STORE_OK) return reply_db_error(rq, rs);
    json_t *basics = json_pack("{s:s}", "name", arena_printf(&rq->arena, "%s %s", p.first_name, p.last_name));
    if (p.email) json_object_set_new(basics, "email", json_string(p.email));
    if (p.phone) json_object_set_new(basics, "phone", json_string(p.phone));
    if (p.location) json_object_set_new(basics, "location", json_pack("{s:s}", "city", p.location));
    json_t *skills = json_array();
    for (int i = 0; i < p.nskills; i++)
        json_array_append_new(skills, json_pack("{s:s, s:s, s:[s]}", "name", skill_label(rq, p.skills[i].skill), "level",
                                                resume_level_word(p.skills[i].level), "keywords", p.skills[i].skill));
    if (ntags) {
        json_t *kw = json_array();
        for (int i = 0; i < ntags; i++) json_array_append_new(kw, json_string(tags[i]));
        json_array_append_new(skills, json_pack("{s:s, s:o}", "name", rq->lang == LANG_EN ? "Other" : "Autres",
                                                "keywords", kw));
    }
    json_t *doc = json_pack("{s:s, s:o, s:o, s:{s:s, s:s}}", "$schema", SCHEMA_URL, "basics", basics, "skills", skills,
                            "meta", "version", "v1.0.0", "lastModified", p.updated_at);
    reply_versioned(rq, rs, p.version, doc);
    reply_header(rq, rs, "Content-Disposition",
                 arena_printf(&rq->arena, "attachment; filename=\"resume-%lld.json\"", p.id));
}

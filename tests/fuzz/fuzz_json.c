/* The JSON body of a request, as the server reads it (json_body_parse) and
 * a handler checks it (validate_object with every field type, nested
 * objects, the skills lists of people and needs with their look-ups). */
#include "fuzz.h"
#include "api/skill_input.h"
#include "http/validate.h"
#include "lib/text.h"

static const char *const COLOURS[] = {"red", "green", "blue", NULL};
static const FieldSpec SPEC[] = {
    {"name", F_STRING, true, 0, 100, NULL},
    {"text", F_TEXT, false, 0, 2000, NULL},
    {"n", F_INT, false, -5, 100000, NULL},
    {"ok", F_BOOL, false, 0, 0, NULL},
    {"day", F_DATE, false, 0, 10, NULL},
    {"email", F_EMAIL, false, 0, 254, NULL},
    {"colour", F_ENUM, false, 0, 0, COLOURS, true},
    {"skills", F_ARRAY, false, 0, 100, NULL},
    {"owner_id", F_ID, false, 1, 1LL << 53, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static void check_errors(json_t *errs) {
    size_t i;
    json_t *e;
    json_array_foreach(errs, i, e) {
        FUZZ_CHECK(json_is_string(json_object_get(e, "field")));
        const char *m = json_string_value(json_object_get(e, "message"));
        FUZZ_CHECK(m && text_valid_utf8(m, strlen(m)));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_skills();
    json_t *obj;
    char detail[JSON_ERROR_TEXT_LENGTH];
    BodyStatus st = json_body_parse((const char *)data, size, &obj, detail);
    if (st != BODY_OK) {
        FUZZ_CHECK(!obj);
        return 0;
    }
    FUZZ_CHECK(json_is_object(obj));
    for (int partial = 0; partial < 2; partial++) {
        json_t *copy = json_deep_copy(obj);
        Request rq = {.lang = partial ? LANG_EN : LANG_FR};
        json_t *errs = json_array();
        int n = validate_object(&rq, copy, SPEC, partial, errs);
        FUZZ_CHECK(n == (int)json_array_size(errs));
        if (n == 0) {
            /* what a handler then relies on */
            const char *name = jstr(copy, "name");
            FUZZ_CHECK(partial || (name && *name));
            if (name) FUZZ_CHECK(text_utf8_length(name) <= 100);
            if (jhas(copy, "n") && !json_is_null(json_object_get(copy, "n"))) {
                long long v = jint(copy, "n");
                FUZZ_CHECK(v >= -5 && v <= 100000);
            }
        }
        json_t *skills = json_object_get(copy, "skills");
        if (json_is_array(skills)) {
            PersonSkill *ps;
            Requirement *req;
            int np = 0, nr = 0;
            skill_input_person(&rq, skills, &ps, &np, errs);
            skill_input_need(&rq, skills, &req, &nr, errs);
            for (int i = 0; i < np; i++) FUZZ_CHECK(skills_get(ps[i].skill) && ps[i].level >= 1 && ps[i].level <= 5);
            for (int i = 0; i < nr; i++) FUZZ_CHECK(skills_get(req[i].skill) && req[i].min_level >= 1);
        }
        check_errors(errs);
        char *out = json_dumps(errs, JSON_COMPACT);
        FUZZ_CHECK(out);
        free(out);
        json_decref(errs);
        json_decref(copy);
        arena_free(&rq.arena);
    }
    json_decref(obj);
    return 0;
}

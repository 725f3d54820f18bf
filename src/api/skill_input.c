/* skill_input: skills lists of people and needs (see skill_input.h). */
#include "skill_input.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"
#include "../domain/skills.h"

static const FieldSpec PERSON_SKILL[] = {
    {"skill", F_STRING, true, 0, 100, NULL},
    {"level", F_INT, true, 1, 5, NULL},
    {"years", F_INT, false, 0, 60, NULL},
    {"label", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec NEED_SKILL[] = {
    {"skill", F_STRING, true, 0, 100, NULL},
    {"min_level", F_INT, true, 1, 5, NULL},
    {"weight", F_INT, false, 1, 5, NULL},
    {"mandatory", F_BOOL, false, 0, 0, NULL},
    {"label", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

void skill_error_unknown(Request *rq, json_t *errs, const char *field, const char *text) {
    const Skill *close[3];
    int n = skills_suggest(text, close, 3);
    if (!n) {
        errors_add(rq, errs, field, "unknown_skill");
        return;
    }
    Buf list = BUF_INIT;
    for (int k = 0; k < n; k++)
        buf_printf(&list, "%s%s (%s)", k ? ", " : "", rq->lang == LANG_EN ? close[k]->label_en : close[k]->label_fr,
                   close[k]->id);
    errors_add(rq, errs, field, "unknown_skill_suggest", buf_str(&list));
    buf_free(&list);
}

/* Validates item i and resolves its skill; NULL when anything is wrong
 * (errors added). seen holds the ids already listed, to refuse twins. */
static const Skill *read_item(Request *rq, json_t *item, int i, const FieldSpec *spec, const char **seen, int nseen,
                              json_t *errs) {
    const char *at = arena_printf(&rq->arena, "skills[%d]", i);
    if (!json_is_object(item)) {
        errors_add(rq, errs, at, "must_be_object");
        return NULL;
    }
    if (validate_object_at(rq, item, spec, false, errs, at)) return NULL;
    const char *text = jstr(item, "skill");
    const Skill *s = skills_resolve(text);
    const char *field = arena_printf(&rq->arena, "%s.skill", at);
    if (!s) {
        skill_error_unknown(rq, errs, field, text);
        return NULL;
    }
    for (int k = 0; k < nseen; k++)
        if (strcmp(seen[k], s->id) == 0) {
            errors_add(rq, errs, field, "skill_twice");
            return NULL;
        }
    return s;
}

void skill_input_person(Request *rq, json_t *arr, PersonSkill **out, int *n, json_t *errs) {
    size_t count = json_array_size(arr);
    *out = arena_alloc(&rq->arena, (count + 1) * sizeof **out);
    const char **seen = arena_alloc(&rq->arena, (count + 1) * sizeof *seen);
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        json_t *item = json_array_get(arr, i);
        const Skill *s = read_item(rq, item, (int)i, PERSON_SKILL, seen, *n, errs);
        if (!s) continue;
        seen[*n] = s->id;
        (*out)[(*n)++] = (PersonSkill){s->id, (int)jint(item, "level"), (int)jint(item, "years")};
    }
}

void skill_input_need(Request *rq, json_t *arr, Requirement **out, int *n, json_t *errs) {
    size_t count = json_array_size(arr);
    *out = arena_alloc(&rq->arena, (count + 1) * sizeof **out);
    const char **seen = arena_alloc(&rq->arena, (count + 1) * sizeof *seen);
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        json_t *item = json_array_get(arr, i);
        const Skill *s = read_item(rq, item, (int)i, NEED_SKILL, seen, *n, errs);
        if (!s) continue;
        seen[*n] = s->id;
        long long w = jint(item, "weight");
        (*out)[(*n)++] = (Requirement){s->id, (int)jint(item, "min_level"), w < 0 ? 1 : (int)w, jbool(item, "mandatory")};
    }
}

json_t *skill_json_person(Request *rq, const PersonSkill *s) {
    json_t *j = json_pack("{s:s, s:s, s:i}", "skill", s->skill, "label", skill_label(rq, s->skill), "level", s->level);
    json_object_set_new(j, "years", s->years < 0 ? json_null() : json_integer(s->years));
    return j;
}

json_t *skill_json_need(Request *rq, const Requirement *r) {
    return json_pack("{s:s, s:s, s:i, s:i, s:b}", "skill", r->skill, "label", skill_label(rq, r->skill), "min_level",
                     r->min_level, "weight", r->weight, "mandatory", r->mandatory);
}

/* matching engine: "java:4,kubernetes" as mandatory requirements of weight 1
 * (level 1 when not given). */
void skill_input_query(Request *rq, const char *spec, Requirement **out, int *n, json_t *errs) {
    *n = 0;
    *out = arena_alloc(&rq->arena, SKILL_QUERY_MAX * sizeof **out);
    const char *p = spec;
    for (int i = 0; *p; i++) {
        size_t len = strcspn(p, ",");
        char *item = arena_strndup(&rq->arena, p, len);
        p += len + (p[len] == ',');
        const char *field = arena_printf(&rq->arena, "skills[%d]", i);
        char *colon = strrchr(item, ':');
        long level = 1;
        if (colon) {
            char *end;
            *colon = '\0';
            level = strtol(colon + 1, &end, 10);
            if (!colon[1] || *end || level < 1 || level > 5) {
                errors_add(rq, errs, field, "level_range");
                continue;
            }
        }
        char *name = text_trim(item);
        const Skill *s = name && *name ? skills_resolve(name) : NULL;
        if (!s) skill_error_unknown(rq, errs, field, name ? name : item);
        free(name);
        if (!s) continue;
        bool twice = false;
        for (int k = 0; k < *n; k++) twice |= strcmp((*out)[k].skill, s->id) == 0;
        if (twice) errors_add(rq, errs, field, "skill_twice");
        else if (*n == SKILL_QUERY_MAX) errors_add(rq, errs, field, "too_many_skills");
        else (*out)[(*n)++] = (Requirement){s->id, (int)level, 1, true};
    }
}

/* validate: declared field checks for JSON bodies (see validate.h). */
#include "validate.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"
#include "../lib/timeutil.h"

void errors_add(Request *rq, json_t *errs, const char *field, const char *key, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, key);
    vsnprintf(msg, sizeof msg, i18n(rq->lang, key), ap);
    va_end(ap);
    json_array_append_new(errs, json_pack("{s:s, s:s}", "field", field, "message", msg));
}

bool validate_email(const char *s) {
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.')) return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"') return false;
    return at[1] != '.' && s[strlen(s) - 1] != '.';
}

static bool in_choices(const char *s, const char *const *choices) {
    for (int i = 0; choices[i]; i++)
        if (strcmp(s, choices[i]) == 0) return true;
    return false;
}

static void check_field(Request *rq, json_t *obj, const FieldSpec *f, json_t *v, json_t *errs, const char *name) {
    switch (f->type) {
    case F_IGNORED:
        return;
    case F_STRING:
    case F_TEXT:
    case F_DATE:
    case F_EMAIL:
    case F_ENUM: {
        if (!json_is_string(v)) {
            errors_add(rq, errs, name, "must_be_string");
            return;
        }
        char *t = text_trim(json_string_value(v));
        if (!t) return;
        json_object_set_new(obj, f->name, json_string(t)); /* store the trimmed text */
        size_t n = text_utf8_length(t);
        if (f->required && n == 0) errors_add(rq, errs, name, "required");
        else if (f->max && n > (size_t)f->max) errors_add(rq, errs, name, "too_long", (int)f->max);
        else if (n && f->type == F_DATE && !time_valid_date(t)) errors_add(rq, errs, name, "must_be_date");
        else if (n && f->type == F_EMAIL && !validate_email(t)) errors_add(rq, errs, name, "must_be_email");
        else if (f->type == F_ENUM && !in_choices(t, f->choices)) {
            char list[256] = "";
            for (int i = 0; f->choices[i]; i++) {
                if (i) strncat(list, ", ", sizeof list - strlen(list) - 1);
                strncat(list, f->choices[i], sizeof list - strlen(list) - 1);
            }
            errors_add(rq, errs, name, "must_be_one_of", list);
        }
        if (n == 0 && !f->required) json_object_set_new(obj, f->name, json_null());
        free(t);
        return;
    }
    case F_INT:
    case F_ID:
        if (!json_is_integer(v)) {
            errors_add(rq, errs, name, "must_be_integer");
            return;
        }
        if (json_integer_value(v) < f->min || json_integer_value(v) > f->max)
            errors_add(rq, errs, name, "must_be_between", f->min, f->max);
        return;
    case F_BOOL:
        if (!json_is_boolean(v)) errors_add(rq, errs, name, "must_be_boolean");
        return;
    case F_ARRAY:
        if (!json_is_array(v)) errors_add(rq, errs, name, "must_be_array");
        else if (f->max && json_array_size(v) > (size_t)f->max)
            errors_add(rq, errs, name, "must_be_between", (long long)0, f->max);
        return;
    }
}

int validate_object(Request *rq, json_t *obj, const FieldSpec *specs, bool partial, json_t *errs) {
    return validate_object_at(rq, obj, specs, partial, errs, NULL);
}

int validate_object_at(Request *rq, json_t *obj, const FieldSpec *specs, bool partial, json_t *errs,
                       const char *prefix) {
#define NAME(n) (prefix ? arena_printf(&rq->arena, "%s.%s", prefix, (n)) : (n))
    size_t before = json_array_size(errs);
    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(obj, tmp, key, v) {
        const FieldSpec *f = specs;
        while (f->name && strcmp(f->name, key) != 0) f++;
        if (!f->name) errors_add(rq, errs, NAME(key), "unknown_field");
    }
    for (const FieldSpec *f = specs; f->name; f++) {
        v = json_object_get(obj, f->name);
        if (!v) {
            if (f->required && !partial) errors_add(rq, errs, NAME(f->name), "required");
            continue;
        }
        if (json_is_null(v)) {
            if (f->required || f->not_null) errors_add(rq, errs, NAME(f->name), "required");
            continue;
        }
        check_field(rq, obj, f, v, errs, NAME(f->name));
    }
    return (int)(json_array_size(errs) - before);
#undef NAME
}

const char *jstr(json_t *obj, const char *key) { return json_string_value(json_object_get(obj, key)); }
long long jint(json_t *obj, const char *key) {
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? json_integer_value(v) : -1;
}
bool jbool(json_t *obj, const char *key) { return json_is_true(json_object_get(obj, key)); }
bool jhas(json_t *obj, const char *key) { return json_object_get(obj, key) != NULL; }

void jset_str(Request *rq, json_t *obj, const char *key, const char **out) {
    if (jhas(obj, key)) *out = arena_strdup(&rq->arena, jstr(obj, key));
}

void jset_int(json_t *obj, const char *key, long long *out) {
    if (jhas(obj, key)) *out = jint(obj, key);
}

/* validate: checks a JSON object against a declared list of fields, so
 * handlers see only typed, bounded values. Every failure becomes one entry
 * {field, message} (in the user's language) in an errors array, and the
 * handler answers 422 once with all of them. Strings are trimmed in place. */
#ifndef ALLIANCE_VALIDATE_H
#define ALLIANCE_VALIDATE_H
#include <jansson.h>
#include <stdbool.h>
#include "http.h"

typedef enum {
    F_STRING, F_TEXT, F_INT, F_BOOL, F_DATE, F_EMAIL, F_ENUM, F_ARRAY, F_ID,
    F_IGNORED,   /* accepted and ignored: read-only fields echoed back by clients */
} FieldType;

typedef struct {
    const char *name;
    FieldType type;
    bool required;        /* must be present and not null on create */
    long long min, max;   /* F_INT bounds; F_STRING/F_TEXT max length in characters (max) */
    const char *const *choices;  /* F_ENUM, NULL-terminated */
    bool not_null;        /* optional (a default applies on create) but never null */
} FieldSpec;

/* Checks obj; on create (partial=false) required fields must be present;
 * on update (partial=true) they may be absent but not null. Unknown fields
 * are errors. Appends to errs; returns the number of errors added. */
int validate_object(Request *rq, json_t *obj, const FieldSpec *specs, bool partial, json_t *errs);
/* The same for an object nested at prefix ("skills[2]"): fields are named
 * "skills[2].level" in errors. */
int validate_object_at(Request *rq, json_t *obj, const FieldSpec *specs, bool partial, json_t *errs,
                       const char *prefix);
/* Appends {field, message} where message is i18n(key) formatted with the
 * remaining arguments. */
void errors_add(Request *rq, json_t *errs, const char *field, const char *key, ...);

/* An e-mail address as F_EMAIL accepts it (one '@', a dot in the domain, no space). */
bool validate_email(const char *s);

/* Field readers for validated objects: NULL / -1 / false when absent or null. */
const char *jstr(json_t *obj, const char *key);
long long jint(json_t *obj, const char *key);
bool jbool(json_t *obj, const char *key);
bool jhas(json_t *obj, const char *key);  /* present, even null */
/* When key is present in obj, copies its value into *out (NULL for null):
 * the way a PATCH overlays given fields on the current object. */
void jset_str(Request *rq, json_t *obj, const char *key, const char **out);
void jset_int(json_t *obj, const char *key, long long *out);

#endif

/* skill_input: reading the "skills" list of a person or a need. Each item
 * names a skill by id, label or alias ("k8s", "Postgres"); an unknown one is
 * an error naming the field and offering the closest known skills. */
#ifndef ALLIANCE_SKILL_INPUT_H
#define ALLIANCE_SKILL_INPUT_H
#include "../domain/model.h"
#include "api.h"

/* Parses a person's skills [{skill, level, years}] from arr. */
void skill_input_person(Request *rq, json_t *arr, PersonSkill **out, int *n, json_t *errs);
/* Parses a need's skills [{skill, min_level, weight, mandatory}] from arr. */
void skill_input_need(Request *rq, json_t *arr, Requirement **out, int *n, json_t *errs);

/* An unknown skill at field: the error offers the closest known skills. */
void skill_error_unknown(Request *rq, json_t *errs, const char *field, const char *text);
/* matching engine: a query's "java:4,kubernetes" as mandatory requirements
 * (level 1 when not given), at most SKILL_QUERY_MAX. */
enum { SKILL_QUERY_MAX = 20 };
void skill_input_query(Request *rq, const char *spec, Requirement **out, int *n, json_t *errs);

json_t *skill_json_person(Request *rq, const PersonSkill *s);
json_t *skill_json_need(Request *rq, const Requirement *r);
const char *skill_label(Request *rq, const char *id);

#endif

/* store/capabilities: what the firm can deliver, counted from people's
 * skills: per skill, consultants by level and availability, candidates in
 * the pipeline; per need, who meets each requirement. */
#ifndef ALLIANCE_STORE_CAPABILITIES_H
#define ALLIANCE_STORE_CAPABILITIES_H
#include "store.h"

typedef struct {
    const char *skill;
    int consultants, available, by_level[6]; /* by_level[1..5] */
    int candidates_in_pipeline;
} Capability;

/* skill NULL: every skill held by someone. People count when they hold the
 * skill at min_level or more; a consultant is available when available_from
 * is absent or on or before available_by ("YYYY-MM-DD"). Ordered by skill. */
StoreResult store_capabilities(Db *db, Arena *a, const char *skill, int min_level, const char *available_by,
                               Capability **out, int *n);
/* Consultants and candidates holding skill at min_level or more. */
StoreResult store_skill_meeting(Db *db, const char *skill, int min_level, int *consultants, int *candidates);

#endif

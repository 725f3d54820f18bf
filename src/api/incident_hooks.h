/* incident_hooks: what follows a change of an incident beyond its own row
 * (see incident_hooks.c), and the JSON shared by the incidents API and
 * the ritual agenda. */
#ifndef ALLIANCE_INCIDENT_HOOKS_H
#define ALLIANCE_INCIDENT_HOOKS_H
#include "api.h"

/* Called after an incident was created (before NULL) or changed (before:
 * its state until now), in the request's transaction. False on a storage
 * failure (the request then fails). */
bool incident_after_change(Request *rq, long long id, const Incident *before);
json_t *incident_json(const Incident *i);
/* Open or in progress and due before now (ISO 8601 UTC). */
bool incident_overdue(const Incident *i, const char *now);

#endif

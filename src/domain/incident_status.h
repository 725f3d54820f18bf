/* incident_status: the rules of incidents ("hot potatoes"), without I/O.
 * Statuses go open -> in_progress -> resolved -> closed; a resolved
 * incident may be reopened (back to in_progress) when the fix does not
 * hold; closed is final. Resolving needs a resolution summary. Each
 * severity has a time to resolve (SLA, configurable in incident_sla); the
 * due date is the opening time plus that delay. */
#ifndef ALLIANCE_INCIDENT_STATUS_H
#define ALLIANCE_INCIDENT_STATUS_H
#include <stdbool.h>

extern const char *const INCIDENT_STATUSES[];    /* NULL-terminated, in order */
extern const char *const INCIDENT_SEVERITIES[];  /* low medium high critical */

bool incident_status_valid(const char *s);
bool incident_severity_valid(const char *s);
/* open or in_progress: someone still has to act (and it can be overdue). */
bool incident_status_active(const char *s);

typedef enum {
    INCIDENT_MOVE_OK = 0,
    INCIDENT_MOVE_SUMMARY_REQUIRED,  /* to resolved without a resolution */
    INCIDENT_MOVE_FROM_CLOSED,       /* closed is final */
    INCIDENT_MOVE_NOT_ALLOWED,       /* e.g. open -> closed, resolved -> open */
    INCIDENT_MOVE_UNKNOWN,           /* not a status */
} IncidentMove;

/* Checks a move from -> to (from NULL: a new incident, which may only be
 * open). Staying in the same status is allowed (an edit), except that a
 * resolved incident keeps needing its resolution. resolution may be NULL. */
IncidentMove incident_check_move(const char *from, const char *to, const char *resolution);

/* The default time to resolve, in hours: critical 4, high 24, medium 72,
 * low 168; -1 for an unknown severity. */
int incident_default_sla_hours(const char *severity);

#endif

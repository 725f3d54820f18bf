/* incident_status: incident statuses, moves and SLA defaults (see .h). */
#include "incident_status.h"
#include <string.h>

const char *const INCIDENT_STATUSES[] = {"open", "in_progress", "resolved", "closed", NULL};
const char *const INCIDENT_SEVERITIES[] = {"low", "medium", "high", "critical", NULL};

static int index_of(const char *const *list, const char *s) {
    if (!s) return -1;
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0) return i;
    return -1;
}

bool incident_status_valid(const char *s) { return index_of(INCIDENT_STATUSES, s) >= 0; }
bool incident_severity_valid(const char *s) { return index_of(INCIDENT_SEVERITIES, s) >= 0; }

bool incident_status_active(const char *s) {
    return s && (strcmp(s, "open") == 0 || strcmp(s, "in_progress") == 0);
}

enum { OPEN, IN_PROGRESS, RESOLVED, CLOSED };

/* allowed[from][to]: forward along the chain (open may be resolved at
 * once), and resolved back to in_progress (reopened). */
static const bool allowed[4][4] = {
    [OPEN] = {[OPEN] = true, [IN_PROGRESS] = true, [RESOLVED] = true},
    [IN_PROGRESS] = {[IN_PROGRESS] = true, [RESOLVED] = true},
    [RESOLVED] = {[IN_PROGRESS] = true, [RESOLVED] = true, [CLOSED] = true},
    [CLOSED] = {[CLOSED] = true},
};

IncidentMove incident_check_move(const char *from, const char *to, const char *resolution) {
    int t = index_of(INCIDENT_STATUSES, to);
    if (t < 0) return INCIDENT_MOVE_UNKNOWN;
    if (!from) return t == OPEN ? INCIDENT_MOVE_OK : INCIDENT_MOVE_NOT_ALLOWED;
    int f = index_of(INCIDENT_STATUSES, from);
    if (f < 0) return INCIDENT_MOVE_UNKNOWN;
    if (f == CLOSED && t != CLOSED) return INCIDENT_MOVE_FROM_CLOSED;
    if (!allowed[f][t]) return INCIDENT_MOVE_NOT_ALLOWED;
    if ((t == RESOLVED || t == CLOSED) && (!resolution || !*resolution)) return INCIDENT_MOVE_SUMMARY_REQUIRED;
    return INCIDENT_MOVE_OK;
}

int incident_default_sla_hours(const char *severity) {
    static const int hours[] = {7 * 24, 3 * 24, 24, 4};
    int i = index_of(INCIDENT_SEVERITIES, severity);
    return i < 0 ? -1 : hours[i];
}

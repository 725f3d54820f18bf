/* permissions: which role may do what, in one table (permissions.c).
 * Actions are named "<resource>.<verb>"; routes declare theirs. */
#ifndef ALLIANCE_PERMISSIONS_H
#define ALLIANCE_PERMISSIONS_H
#include <stdbool.h>

extern const char *const ROLES[];   /* NULL-terminated: admin manager sales recruiter tech consultant client */
bool role_valid(const char *role);
/* An account of the firm (not a client contact's): the only kind that may
 * own, join, attend or be mentioned in the firm's work. */
bool role_in_firm(const char *role);
/* True when role may perform action; unknown actions are denied. */
bool permission_allows(const char *role, const char *action);
/* Incidents and rituals: an object someone is involved in (owner,
 * participant, author) is theirs to change; admins and managers may
 * change any. */
bool permission_involved(const char *role, bool involved);

#endif

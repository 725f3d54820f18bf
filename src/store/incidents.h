/* store/incidents: incidents, their participants and the SLA setting.
 * "Overdue" is decided in SQL against a time given by the caller (an
 * incident still open or in progress whose due_at is past). */
#ifndef ALLIANCE_STORE_INCIDENTS_H
#define ALLIANCE_STORE_INCIDENTS_H
#include "store.h"

typedef struct {
    long long client_id;      /* -1: any */
    const char *status;       /* NULL: any */
    bool active;              /* only open or in progress */
    const char *overdue_at;   /* not NULL: only active incidents due before this time */
    long long involved;       /* -1: anyone; else owner, participant or author */
} IncidentsFilter;

StoreResult store_incident_get(Db *db, Arena *a, long long id, Incident *i);
/* Newest first. */
StoreResult store_incidents_list(Db *db, Arena *a, const IncidentsFilter *f, long long before_id, int limit,
                                 Incident **out, int *n);
/* Inserts every field of i (accepted_at, resolved_at... included) and its participants. */
StoreResult store_incident_insert(Db *db, Arena *a, Incident *i);
/* Replaces the fields and the participants when the version matches. */
StoreResult store_incident_update(Db *db, Arena *a, Incident *i, long long expected_version);
/* Sets the incident's channel (once made) without a new version. */
StoreResult store_incident_set_channel(Db *db, long long id, long long channel_id);

/* The SLA in hours for each severity, in INCIDENT_SEVERITIES order, and
 * its version (1: the defaults, never changed). */
typedef struct {
    int hours[4];
    long long version;
    const char *updated_at;   /* NULL: the defaults */
} IncidentSla;
StoreResult store_incident_sla_get(Db *db, Arena *a, IncidentSla *s);
/* STALE when expected is not the current version. */
StoreResult store_incident_sla_set(Db *db, Arena *a, IncidentSla *s, long long expected);

#endif

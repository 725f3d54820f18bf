/* store/kpis: what the KPIs are computed from (domain/kpi.h).
 *
 * Method: incremental, at write time. The log holds one row per change and
 * most of them are candidacy moves; reading and parsing them at every
 * question would cost a scan of the whole log (and ~2 us of JSON parsing
 * per state). Instead, in the transaction that appends an event
 * (store_event_add):
 *   - a candidacy event folds into its candidacy's row (kpi_candidacies:
 *     created, first answer, hired, highest stage), with the pure function
 *     the unit tests check (kpi_candidacy_apply);
 *   - an event of a need, deal, review, survey or incident leaves its
 *     parsed states in kpi_facts (kpi_fact_from_event).
 * A question then reads those rows by time (indexes) and computes in C.
 * Both tables are projections of the log: store_kpi_rebuild makes them
 * again from it (migration 70 does so for a log already there). */
#ifndef ALLIANCE_STORE_KPIS_H
#define ALLIANCE_STORE_KPIS_H
#include "../domain/kpi.h"
#include "store.h"

/* Folds event event_id into the KPI rows (called by store_event_add). */
StoreResult store_kpi_project(Db *db, const Event *e, long long event_id);
/* Empties kpi_candidacies and folds the whole log again. */
StoreResult store_kpi_rebuild(Db *db);

/* Fills in (arrays from the arena) for the instants [from, to) (ISO UTC),
 * for one client or all (client_id -1): facts up to `to`, candidacies
 * created or hired in the period, consultants and their missions, skill
 * coverage of open needs now. */
StoreResult store_kpi_load(Db *db, Arena *a, const char *from, const char *to, long long client_id, KpiInput *in);

#endif

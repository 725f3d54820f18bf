/* store/kpis: what the KPIs are computed from (domain/kpi.h).
 *
 * Method: the log holds one row per change and most of them are candidacy
 * moves, so reading them at every question would cost a scan of the whole
 * log. Instead every candidacy event also folds, in the same transaction,
 * into one row per candidacy (kpi_candidacies: created, first answer,
 * hired, highest stage), with the same pure function the tests check
 * (kpi_candidacy_apply); the few events of needs, deals, reviews, surveys
 * and incidents are read as they are (index on type and time). The table is
 * a projection of the log: it can always be rebuilt from it
 * (store_kpi_rebuild). */
#ifndef ALLIANCE_STORE_KPIS_H
#define ALLIANCE_STORE_KPIS_H
#include "../domain/kpi.h"
#include "store.h"

/* Folds a candidacy event into its row (called by store_event_add). */
StoreResult store_kpi_project(Db *db, const Event *e);
/* Empties kpi_candidacies and folds the whole log again. */
StoreResult store_kpi_rebuild(Db *db);

/* Fills in (arrays from the arena) for the instants [from, to) (ISO UTC),
 * for one client or all (client_id -1): facts up to `to`, candidacies
 * created or hired in the period, consultants and their missions, skill
 * coverage of open needs now. */
StoreResult store_kpi_load(Db *db, Arena *a, const char *from, const char *to, long long client_id, KpiInput *in);

#endif

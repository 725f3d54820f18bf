/* store/alerts: the "no ghosting" queries: candidacies whose candidate has
 * waited too long, and the time each candidacy took to get its first
 * answer. Candidate-facing actions move candidacies.last_contact_at (and
 * set first_answer_at once): store_candidacy_touch_contact(). */
#ifndef ALLIANCE_STORE_ALERTS_H
#define ALLIANCE_STORE_ALERTS_H
#include <stdbool.h>
#include "store.h"

typedef struct {
    long long candidacy_id, person_id, need_id, owner_id;  /* owner -1: none */
    const char *stage, *person_name, *need_title, *owner_name, *owner_email, *waiting_since;
} OverdueRow;

/* Active candidacies (not hired, rejected, withdrawn) whose last
 * candidate-facing action is older than cutoff, oldest first; owner_id
 * -1: every owner. */
StoreResult store_overdue_list(Db *db, Arena *a, const char *cutoff, long long owner_id, int limit, OverdueRow **out,
                               int *n);
/* Seconds from creation to first answer, for every candidacy answered
 * since `since` (ISO time); caller's arena. */
StoreResult store_first_answer_delays(Db *db, Arena *a, const char *since, double **out, int *n);
/* Records a candidate-facing action now; first marks the first answer. */
StoreResult store_candidacy_touch_contact(Db *db, long long candidacy_id, const char *now, bool first);

#endif

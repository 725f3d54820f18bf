/* store/applicants: what an application from the careers page writes
 * besides the candidacy itself. */
#ifndef ALLIANCE_STORE_APPLICANTS_H
#define ALLIANCE_STORE_APPLICANTS_H
#include "store.h"

/* The person with p->email (compared in lower case) if there is one: p is
 * then replaced by them, unchanged (an application never edits someone's
 * record). Otherwise p is inserted. *created tells which. */
StoreResult store_applicant_find_or_create(Db *db, Arena *a, Person *p, bool *created);
/* Keeps the candidate's message and the time they consented to the
 * processing of their data on the candidacy. */
StoreResult store_candidacy_set_application(Db *db, long long candidacy_id, const char *message,
                                            const char *consent_at);

#endif

/* digest: the daily e-mail to each recruiter (candidacy owner) listing the
 * candidates who have waited longer than response_sla_days working days.
 * Several servers: store_settings_claim_digest() lets one of them send
 * each day's digest. `alliance digest` sends one on demand. */
#ifndef ALLIANCE_DIGEST_H
#define ALLIANCE_DIGEST_H
#include "../store/store.h"

/* Queues one digest mail per owner with overdue candidacies, in the
 * caller's transaction. *mails and *overdue receive the counts;
 * candidacies without an owner are counted in *unowned (no mail). */
StoreResult mail_digest_queue(Db *db, Arena *a, int *mails, int *overdue, int *unowned);
/* From ALLIANCE_DIGEST_HOUR (UTC) on, once a day across servers: claims
 * the day and queues the digest, in a transaction of its own. */
void mail_digest_if_due(Db *db);

#endif

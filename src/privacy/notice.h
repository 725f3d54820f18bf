/* notice: the mail that warns a person, warning_days (30) before their
 * data is erased, once per end date, through the outbox (mail/compose.h),
 * in their language, worded by the "retention_notice" template; it carries
 * a private link to /privacy/{token} (api/privacy_page.c) where they renew
 * their consent to the talent pool, which pushes the end back. */
#ifndef ALLIANCE_NOTICE_H
#define ALLIANCE_NOTICE_H
#include "../store/store.h"

enum { NOTICE_LINK_DAYS_AFTER = 30 }; /* the link outlives the end date by this much */

/* Queues the warnings due on day today (days since 1970-01-01) in one
 * write transaction; *sent receives how many. */
StoreResult notice_send_due(Db *db, Arena *a, long today, int *sent);

#endif

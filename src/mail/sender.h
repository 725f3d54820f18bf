/* sender: the thread of `alliance serve` that delivers the outbox over
 * SMTP (libcurl). It claims due mails (store/outbox.h: exclusive across
 * servers), sends each, and marks it sent, or schedules a retry with
 * exponential backoff (ALLIANCE_MAIL_BACKOFF_MS doubled per attempt, at
 * most one hour; failed for good after ALLIANCE_MAIL_MAX_ATTEMPTS). It
 * also sends the daily digest to owners (mail/digest.h) once a day across
 * all servers. Without ALLIANCE_SMTP_URL no thread runs and mail waits. */
#ifndef ALLIANCE_SENDER_H
#define ALLIANCE_SENDER_H
#include <stdbool.h>

/* Starts the thread when SMTP is configured; false on failure to start. */
bool mail_sender_start(void);
/* Asks the thread to stop and waits for it (a delivery in progress ends
 * first; a mail it had claimed and not sent is retried after its lease). */
void mail_sender_stop(void);

#endif

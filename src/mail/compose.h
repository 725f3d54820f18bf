/* compose: turns a mail into an outbox row, inside the caller's
 * transaction. The message is built once, here (MIME, Message-ID, Date),
 * and every delivery attempt sends the same bytes. */
#ifndef ALLIANCE_COMPOSE_H
#define ALLIANCE_COMPOSE_H
#include "../store/store.h"

typedef struct {
    const char *kind;             /* template kind or "interviewer_*", "digest" */
    const char *to, *to_name;
    const char *subject, *text;   /* UTF-8 */
    const char *ics, *ics_method; /* NULL: no invitation */
    long long candidacy_id;       /* -1: none */
} Mail;

/* Adds the mail to the outbox; CONFLICT/ERROR from the store. */
StoreResult mail_queue(Db *db, const Mail *m);

#endif

/* store/outbox: mail waiting to be sent. A handler adds a mail in the
 * transaction of the change that causes it (so a change is never committed
 * without its mail, nor a mail without its change); sender threads claim
 * due mails, deliver them and mark them sent.
 *
 * Claims are exclusive across threads and processes: on PostgreSQL with
 * SELECT ... FOR UPDATE SKIP LOCKED (two servers never wait for or take the
 * same rows), on SQLite by a guarded UPDATE inside BEGIN IMMEDIATE. A claim
 * holds a lease; a mail whose sender died is claimed again once the lease
 * expires, so delivery is at least once: a sender killed between the SMTP
 * server's acceptance and the "sent" mark sends that mail again, with the
 * same Message-ID, so the duplicate is recognizable. */
#ifndef ALLIANCE_STORE_OUTBOX_H
#define ALLIANCE_STORE_OUTBOX_H
#include <stdbool.h>
#include "store.h"

typedef struct {
    long long id, candidacy_id;   /* -1: none */
    const char *message_id, *kind, *recipient, *subject;
    const char *message;          /* the RFC 5322 text; only on add and claim */
    const char *status;           /* pending | sending | sent | failed */
    int attempts;
    const char *next_attempt_at, *last_error, *created_at, *sent_at;
} OutboxMail;

/* Adds m (status pending, due now); *id receives the new id when not NULL. */
StoreResult store_outbox_add(Db *db, const OutboxMail *m, long long *id);
/* True in *due when some mail is due at now (or its lease expired): a
 * read without the write lock, so idle senders do not queue writers. */
StoreResult store_outbox_due(Db *db, const char *now, bool *due);
/* In a transaction of its own: claims at most max mails that are due (or
 * whose lease expired before now) for claim, until lease_until; counts an
 * attempt for each. */
StoreResult store_outbox_claim(Db *db, Arena *a, const char *claim, const char *now, const char *lease_until, int max,
                               OutboxMail **out, int *n);
/* Marks a claimed mail sent and forgets its text (it holds a status
 * link); NOT_FOUND when the claim was lost (lease
 * expired and taken by another sender). */
StoreResult store_outbox_sent(Db *db, long long id, const char *claim, const char *now);
/* A failed attempt: back to pending at next_at, or failed for good when
 * give_up. */
StoreResult store_outbox_failed(Db *db, long long id, const char *claim, const char *next_at, const char *error,
                                bool give_up);
/* Newest first; status NULL: any. message is not read. */
StoreResult store_outbox_list(Db *db, Arena *a, const char *status, long long before_id, int limit, OutboxMail **out,
                              int *n);

#endif

/* candidate_mail: the one function every handler calls when something the
 * candidate must hear about happens (an application received, a stage
 * reached, an interview planned, moved or cancelled). In the caller's
 * transaction it renders the kind's template in the candidate's language,
 * mints a private status link for this message, queues the mail, and
 * records the candidate-facing action (the "no ghosting" clock).
 * A candidate without an e-mail address gets no mail, but the action is
 * still recorded. */
#ifndef ALLIANCE_CANDIDATE_MAIL_H
#define ALLIANCE_CANDIDATE_MAIL_H
#include "../store/interviews.h"
#include "../store/store.h"

/* kind: a template kind (domain/mail_templates.h), e.g. "stage_offer" or
 * "application_received"; iv: the interview for "interview_*" kinds, else
 * NULL. */
StoreResult candidate_mail_queue(Db *db, Arena *a, long long candidacy_id, const char *kind, const Interview *iv);
/* The invitation (REQUEST, or CANCEL when the interview is cancelled) to
 * each interviewer of iv, in French. */
StoreResult interviewer_mail_queue(Db *db, Arena *a, long long candidacy_id, const Interview *iv);

#endif

/* candidate_notify: the door every handler uses to tell a candidate
 * something (an application received, a stage reached, an interview
 * planned, moved or cancelled): queues the mail (mail/candidate_mail.h)
 * in the request's transaction and records the candidate-facing action in
 * the event log ("candidate.message", with first_answer true the first
 * time a human answer reaches this candidacy: the KPI "time to first
 * answer"). */
#include <string.h>
#include "../http/event_log.h"
#include "../mail/candidate_mail.h"
#include "../store/candidacies.h"
#include "api.h"

bool candidate_notify(Request *rq, Response *rs, long long candidacy_id, const char *kind, const Interview *iv) {
    CandidacyRow row;
    StoreResult r = store_candidacy_get(rq->db, &rq->arena, candidacy_id, &row);
    bool unanswered = r == STORE_OK && !row.c.first_answer_at;
    if (r == STORE_OK) r = candidate_mail_queue(rq->db, &rq->arena, candidacy_id, kind, iv);
    if (r != STORE_OK) {
        reply_store_error(rq, rs, r);
        return false;
    }
    bool first = unanswered && strcmp(kind, "application_received") != 0;
    EventRefs refs = {row.client_id, row.c.need_id, row.c.person_id};
    event_record(rq, "candidate.message", "candidacy", candidacy_id, refs, NULL,
                 json_pack("{s:s, s:b, s:o}", "kind", kind, "first_answer", first, "interview_id",
                           json_int_or_null(iv ? iv->id : -1)));
    return true;
}

/* store/interviews: interviews of a candidacy, with their interviewers
 * (user ids). Times are UTC ISO 8601; an interview occupies
 * [starts_at, ends_at). The iCalendar UID is fixed at creation and the
 * SEQUENCE grows with every change sent to the attendees. */
#ifndef ALLIANCE_STORE_INTERVIEWS_H
#define ALLIANCE_STORE_INTERVIEWS_H
#include "store.h"

enum { INTERVIEW_MAX_INTERVIEWERS = 10 };

typedef struct Interview {
    long long id, version, candidacy_id;
    const char *uid;
    int sequence;
    const char *status;             /* scheduled | cancelled */
    const char *starts_at, *ends_at;
    int duration_minutes;
    const char *place, *video_url;  /* NULL when not given */
    long long interviewers[INTERVIEW_MAX_INTERVIEWERS];
    int ninterviewers;
    long long created_by;
    const char *created_at, *updated_at;
} Interview;

StoreResult store_interview_get(Db *db, Arena *a, long long id, Interview *iv);
StoreResult store_interviews_of_candidacy(Db *db, Arena *a, long long candidacy_id, Interview **out, int *n);
/* Inserts iv with its interviewers; id, version, timestamps are set. */
StoreResult store_interview_insert(Db *db, Arena *a, Interview *iv);
/* Writes times, place, status, sequence and interviewers when the version
 * is still expected. */
StoreResult store_interview_update(Db *db, Arena *a, Interview *iv, long long expected);
/* Interviewers must be sorted by id (rows are locked in that order).
 * The first interviewer among iv's who already has another scheduled
 * interview overlapping iv's time (*user, and that interview in *other);
 * *user = -1 when there is none. */
StoreResult store_interview_conflict(Db *db, const Interview *iv, long long *user, long long *other);

#endif

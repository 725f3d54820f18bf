/* ritual_util: what the rituals API, the agenda and the calendar feed
 * share about a ritual (rituals.c, ritual_hooks.c). */
#ifndef ALLIANCE_RITUAL_UTIL_H
#define ALLIANCE_RITUAL_UTIL_H
#include <time.h>
#include "../domain/ritual_schedule.h"
#include "api.h"

typedef struct {
    time_t start, end;
    long days;                 /* the local date, days since 1970-01-01 */
    char date[11];             /* "2027-03-29", Paris */
    char starts_at[21], ends_at[21];  /* UTC */
} Occurrence;

RitualRule ritual_rule_of(const Ritual *r);
/* The occurrence not yet ended at now; false when the rule never matches. */
bool ritual_next_occurrence(const Ritual *r, time_t now, Occurrence *o);
json_t *occurrence_json(const Ritual *r, const Occurrence *o);
/* The author or a participant. */
bool ritual_involved(const Ritual *r, long long user_id);
/* After a ritual was created (before NULL) or changed: its channel. False
 * on a storage failure. */
bool ritual_after_change(Request *rq, long long id, const Ritual *before);
/* Records a ritual's event (ritual.created, ritual.updated, ritual.point):
 * facts only (after: versions, ids), for the live stream of ritual pages. */
void ritual_event_record(Request *rq, const char *type, long long ritual_id, json_t *after);
/* Posts the notes and decisions of an occurrence in the ritual's channel;
 * false when there is no channel mechanism (or on a storage failure). */
bool ritual_post_notes(Request *rq, const Ritual *r, const char *markdown);

#endif

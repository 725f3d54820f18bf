/* ritual_schedule: when a recurring ritual happens, without I/O. Rituals
 * are held in Europe/Paris (paris_time.h):
 *   daily    every working day, Monday to Friday;
 *   weekly   on one weekday (1 Monday .. 7 Sunday);
 *   monthly  on one day of the month, 1..28 (so that every month has it).
 * An occurrence is "next" until it ends: during the meeting it is still
 * the one whose agenda is shown. */
#ifndef ALLIANCE_RITUAL_SCHEDULE_H
#define ALLIANCE_RITUAL_SCHEDULE_H
#include <stdbool.h>
#include <time.h>

extern const char *const RITUAL_FREQUENCIES[];  /* daily weekly monthly */

typedef struct {
    const char *frequency;
    int minute;            /* of the local day, 0..1439 */
    int duration_minutes;
    int weekday;           /* weekly: 1..7 */
    int month_day;         /* monthly: 1..28 */
    long starts_on;        /* first possible local date (days since 1970-01-01); -1 none */
} RitualRule;

bool ritual_frequency_valid(const char *s);
/* "09:30" -> 570; false unless exactly HH:MM with 00..23 and 00..59. */
bool ritual_time_parse(const char *s, int *minute);
/* Whether the ritual is held on that local date. */
bool ritual_occurs_on(const RitualRule *r, long days);
/* The start of the first occurrence that has not ended at now; -1 when
 * none in the next 400 days (a rule that never matches). */
time_t ritual_next(const RitualRule *r, time_t now);
/* The start of the latest occurrence that began at or before now (the
 * meeting just held, whose minutes are written); -1 when none. */
time_t ritual_previous(const RitualRule *r, time_t now);
/* The local date of the first occurrence on or after the local date
 * `from` (the calendar's DTSTART); -1 when none. */
long ritual_first_on_or_after(const RitualRule *r, long from);
/* The RFC 5545 RRULE value of the rule ("FREQ=WEEKLY;BYDAY=MO"), into out. */
void ritual_rrule(const RitualRule *r, char out[64]);
/* The instant n working days (Monday to Friday, Paris dates) before now,
 * at the same time of day: what "waiting more than n working days" means. */
time_t working_days_before(time_t now, int n);

#endif

/* paris_time: calendar days in Europe/Paris, where the firm's periods are
 * counted (a day, a week from Monday, a month), without touching the
 * process-wide TZ (other threads format UTC). The EU rule, in force since
 * 1996: summer time (UTC+2) from the last Sunday of March 01:00 UTC to the
 * last Sunday of October 01:00 UTC, UTC+1 otherwise. */
#ifndef ALLIANCE_PARIS_TIME_H
#define ALLIANCE_PARIS_TIME_H
#include <time.h>

/* Seconds east of UTC in Paris at instant t: 3600 or 7200. */
int paris_offset(time_t t);
/* The Paris calendar day of instant t, as days since 1970-01-01. */
long paris_day(time_t t);
/* The instant (UTC) at which Paris day d begins (00:00 local). */
time_t paris_day_start(long d);
/* Day d as "YYYY-MM-DD" (out: at least 11 bytes). */
void paris_day_text(long d, char out[11]);
/* Calendar parts of day d. */
void paris_day_parts(long d, int *year, int *month, int *mday);
/* The first day of the day/week (Monday)/month holding day d, and the
 * first day of the next one. interval: 'd', 'w' or 'm'. */
long paris_bucket_start(long d, char interval);
long paris_bucket_next(long d, char interval);

#endif

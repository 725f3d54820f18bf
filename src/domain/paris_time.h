/* paris_time: local time in Europe/Paris, where rituals are held.
 * France follows the EU summer-time rule (Directive 2000/84/EC): CEST
 * (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of
 * October 01:00 UTC, CET (UTC+1) otherwise. The rule is written here once
 * so that the next occurrence and the calendar's VTIMEZONE agree; the unit
 * tests compare it with the system's tz database. Valid from 1996 on. */
#ifndef ALLIANCE_PARIS_TIME_H
#define ALLIANCE_PARIS_TIME_H
#include <time.h>

/* Seconds east of UTC in Paris at instant t: 3600 or 7200. */
int paris_utc_offset(time_t t);
/* The local date (days since 1970-01-01) and minute of the day at t. */
void paris_local(time_t t, long *days, int *minute);
/* The instant of a local date and minute. A time that does not exist (the
 * hour skipped in March) is read with the offset before the gap (02:30 is
 * 03:30 CEST); a time that happens twice (October) is its first
 * occurrence, as RFC 5545 (3.3.5) says. */
time_t paris_to_utc(long days, int minute);
/* ISO weekday of a date: 1 Monday .. 7 Sunday. */
int days_weekday(long days);

#endif

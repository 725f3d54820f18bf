/* paris_time: local dates and minutes in Europe/Paris, where rituals are
 * held. The summer-time rule itself is written once, in lib/paris_time.h
 * (paris_offset); the unit tests compare it with the system's tz database. */
#ifndef ALLIANCE_DOMAIN_PARIS_TIME_H
#define ALLIANCE_DOMAIN_PARIS_TIME_H
#include <time.h>
#include "../lib/paris_time.h"

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

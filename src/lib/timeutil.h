/* timeutil: UTC timestamps and ISO 8601 dates, formatted in C so that SQL
 * stays free of engine-specific time functions. */
#ifndef ALLIANCE_TIMEUTIL_H
#define ALLIANCE_TIMEUTIL_H
#include <stdbool.h>
#include <time.h>

/* "2026-11-22T09:30:00Z" into out (at least 21 bytes). */
void time_iso(time_t t, char out[21]);
void time_now_iso(char out[21]);
/* Today's UTC date "YYYY-MM-DD" into out (at least 11 bytes). */
void time_today_iso(char out[11]);
/* True for a real calendar date "YYYY-MM-DD" (leap years included). */
bool time_valid_date(const char *s);
/* Days since 1970-01-01 of a valid date; -1 otherwise. */
long time_date_days(const char *s);
/* Days since 1970-01-01 of a civil date (no validity check), and back. */
long time_civil_days(int y, int m, int d);
void time_days_civil(long days, int *y, int *m, int *d);
/* The same day n months later (n may be negative), or the last day of
 * that month when it is shorter: 2027-01-31 + 1 month = 2027-02-28. In and
 * out in days since 1970-01-01. */
long time_days_add_months(long days, int n);
/* The day (days since 1970-01-01) of a date or timestamp this program
 * wrote ("2026-11-22" or "2026-11-22T09:30:00Z"); -1 when unreadable. */
long time_day_of(const char *iso);
/* "YYYY-MM-DD" of days since 1970-01-01 into out (at least 11 bytes). */
void time_days_iso(long days, char out[11]);
/* Parses an ISO 8601 date and time with its zone, "2026-12-03T14:00:00Z",
 * "2026-12-03T15:00+01:00" (seconds optional): the instant in *out. False
 * for anything else, a time without a zone included. */
bool time_parse_iso(const char *s, time_t *out);
/* The instant of a timestamp this program wrote (time_iso); 0 when unreadable. */
time_t time_instant(const char *iso);
/* Monotonic clock in microseconds, for latency measurement. */
long long time_monotonic_us(void);

#endif

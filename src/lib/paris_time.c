/* paris_time: Europe/Paris calendar days (see paris_time.h). */
#include "paris_time.h"
#include "timeutil.h"
#include <stdio.h>

/* The calendar date of a day number: the one algorithm of lib/timeutil. */
void paris_day_parts(long z, int *year, int *month, int *mday) { time_days_civil(z, year, month, mday); }

static long floor_div(long long a, long b) { return (long)(a >= 0 ? a / b : -((-a + b - 1) / b)); }

/* Weekday of day d, 0 = Monday. 1970-01-01 was a Thursday. */
static int weekday(long d) { return (int)(((d + 3) % 7 + 7) % 7); }

/* The instant of 01:00 UTC on the last Sunday of month m of year y. */
static time_t last_sunday_0100(int y, int m) {
    long last = time_civil_days(y, m + 1, 1) - 1; /* m is 3 or 10: m + 1 stays in the year */
    last -= (weekday(last) + 1) % 7;              /* back to Sunday (weekday 6) */
    return (time_t)last * 86400 + 3600;
}

int paris_offset(time_t t) {
    int y, m, d;
    paris_day_parts(floor_div((long long)t, 86400), &y, &m, &d);
    return t >= last_sunday_0100(y, 3) && t < last_sunday_0100(y, 10) ? 7200 : 3600;
}

long paris_day(time_t t) { return floor_div((long long)t + paris_offset(t), 86400); }

time_t paris_day_start(long d) {
    /* Paris midnight is 22:00 or 23:00 UTC the day before, and changes
     * happen at 01:00 UTC: the offset at 22:00 UTC is the one in force */
    return (time_t)d * 86400 - paris_offset((time_t)d * 86400 - 7200);
}

void paris_day_text(long d, char out[11]) {
    int y, m, md;
    paris_day_parts(d, &y, &m, &md);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)md % 100u);
}

long paris_bucket_start(long d, char interval) {
    if (interval == 'w') return d - weekday(d);
    if (interval == 'm') {
        int y, m, md;
        paris_day_parts(d, &y, &m, &md);
        return time_civil_days(y, m, 1);
    }
    return d;
}

long paris_bucket_next(long d, char interval) {
    long s = paris_bucket_start(d, interval);
    if (interval == 'w') return s + 7;
    if (interval == 'm') {
        int y, m, md;
        paris_day_parts(s, &y, &m, &md);
        return m == 12 ? time_civil_days(y + 1, 1, 1) : time_civil_days(y, m + 1, 1);
    }
    return s + 1;
}

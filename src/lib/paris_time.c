/* paris_time: Europe/Paris calendar days (see paris_time.h). */
#include "paris_time.h"
#include <stdio.h>

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void paris_day_parts(long z, int *year, int *month, int *mday) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *mday = d;
}

static long floor_div(long long a, long b) { return (long)(a >= 0 ? a / b : -((-a + b - 1) / b)); }

/* Weekday of day d, 0 = Monday. 1970-01-01 was a Thursday. */
static int weekday(long d) { return (int)(((d + 3) % 7 + 7) % 7); }

/* The instant of 01:00 UTC on the last Sunday of month m of year y. */
static time_t last_sunday_0100(int y, int m) {
    long last = days_from_civil(y, m + 1, 1) - 1; /* m is 3 or 10: m + 1 stays in the year */
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
        return days_from_civil(y, m, 1);
    }
    return d;
}

long paris_bucket_next(long d, char interval) {
    long s = paris_bucket_start(d, interval);
    if (interval == 'w') return s + 7;
    if (interval == 'm') {
        int y, m, md;
        paris_day_parts(s, &y, &m, &md);
        return m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
    }
    return s + 1;
}

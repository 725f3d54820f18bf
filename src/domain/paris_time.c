/* paris_time: the EU summer-time rule for Europe/Paris (see .h). */
#include "paris_time.h"
#include "../lib/timeutil.h"

int days_weekday(long days) { return (int)(((days % 7) + 7 + 3) % 7) + 1; } /* 1970-01-01 was a Thursday */

/* The last Sunday of a month, as days since 1970-01-01. */
static long last_sunday(int year, int month) {
    long first_next = month == 12 ? time_civil_days(year + 1, 1, 1) : time_civil_days(year, month + 1, 1);
    long last = first_next - 1;
    return last - days_weekday(last) % 7;
}

int paris_utc_offset(time_t t) {
    int y, m, d;
    time_days_civil((long)(t >= 0 ? t / 86400 : (t - 86399) / 86400), &y, &m, &d);
    time_t start = (time_t)last_sunday(y, 3) * 86400 + 3600, end = (time_t)last_sunday(y, 10) * 86400 + 3600;
    return t >= start && t < end ? 7200 : 3600;
}

void paris_local(time_t t, long *days, int *minute) {
    time_t local = t + paris_utc_offset(t);
    long dd = (long)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
    *days = dd;
    *minute = (int)((local - (time_t)dd * 86400) / 60);
}

time_t paris_to_utc(long days, int minute) {
    time_t wall = (time_t)days * 86400 + (time_t)minute * 60;
    time_t summer = wall - 7200, winter = wall - 3600;
    if (paris_utc_offset(summer) == 7200) return summer; /* also the first of two October times */
    return winter; /* valid winter time, or the March gap read with the winter offset */
}
